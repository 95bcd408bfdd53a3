// Who is in the document: each person's name, function and a colour that is
// theirs in every tab (derived from their id), shown on carets and the list.

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

/** Everyone present once (a person in two tabs is one entry), in name order. */
export function collaboratorsFrom(states: Map<number, Record<string, unknown>>): Collaborator[] {
  const byUser = new Map<string, Collaborator>();
  for (const state of states.values()) {
    const user = state.user as Collaborator | undefined;
    if (user?.userId && !byUser.has(user.userId)) byUser.set(user.userId, user);
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
}
