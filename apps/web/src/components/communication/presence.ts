// Who is in the document: each person's name, function and a colour shown on
// carets and the list. A colour comes from the person's id, so it is the same
// in every tab; when two people present share one, the later id (in a fixed
// order every browser agrees on) moves to the next free colour.

export interface Collaborator {
  userId: string;
  name: string;
  /** "Legal", "Compliance"… or the role (Comms manager, Analyst) when no function. */
  label: string;
  color: string;
}

// Distinct, dark enough for white caret labels (WCAG AA on white text).
const PALETTE = [
  "#b42318",
  "#1d4ed8",
  "#047857",
  "#7c3aed",
  "#b45309",
  "#be185d",
  "#0e7490",
  "#4d7c0f",
  "#9333ea",
  "#c2410c",
];

export function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}

const paletteIndex = (userId: string) => PALETTE.indexOf(colorFor(userId));

/**
 * A colour per person present, distinct while the palette lasts. Depends only
 * on who is present, so every browser computes the same answer.
 */
export function distinctColors(userIds: Iterable<string>): Map<string, string> {
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const userId of [...new Set(userIds)].sort()) {
    let index = paletteIndex(userId);
    // Past ten people colours repeat: the name on the caret still tells them apart.
    for (let step = 0; step < PALETTE.length && taken.has(index); step++)
      index = (index + 1) % PALETTE.length;
    taken.add(index);
    colors.set(userId, PALETTE[index]!);
  }
  return colors;
}

/**
 * Everyone present once (a person in two tabs is one entry), in name order,
 * each with the colour `distinctColors` gives them.
 */
export function collaboratorsFrom(states: Map<number, Record<string, unknown>>): Collaborator[] {
  const byUser = new Map<string, Collaborator>();
  for (const state of states.values()) {
    const user = state.user as Collaborator | undefined;
    if (user?.userId && !byUser.has(user.userId)) byUser.set(user.userId, user);
  }
  const colors = distinctColors(byUser.keys());
  return [...byUser.values()]
    .map((user) => ({ ...user, color: colors.get(user.userId) ?? user.color }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
