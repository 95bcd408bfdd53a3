import type { Database } from "@conductor/db";
import type { ReviewFunction } from "@conductor/db/enums";
import { functionHandles, mentionHandles } from "../schemas/comments";

export interface Mentions {
  functions: ReviewFunction[];
  /** People named directly (by first name or the part of their email before @). */
  userIds: string[];
  /** Everyone to notify: the named people and every member of each named function. */
  recipientIds: string[];
  /** Handles that matched no function and no member, as written (lower case), in order. */
  unknownHandles: string[];
}

/** The handles a member answers to: their first name and the part of their email before @. */
export function memberHandles(user: { name: string; email: string }): string[] {
  // split always gives at least one piece; the default only tells the compiler.
  const [first = ""] = user.name.toLowerCase().split(/\s+/);
  const [local = ""] = user.email.toLowerCase().split("@");
  return [...new Set([first, local].filter(Boolean))];
}

/**
 * Reads @handles out of a comment. A function's name (@legal) reaches every
 * member of that function; anything else is matched against members' first
 * names and email names. Unknown handles are left as plain text and returned,
 * so the person writing learns that nobody was notified for them.
 */
export async function resolveMentions(
  db: Database,
  organizationId: string,
  body: string,
): Promise<Mentions> {
  const written = mentionHandles(body);
  const handles = new Set(written);
  if (handles.size === 0)
    return { functions: [], userIds: [], recipientIds: [], unknownHandles: [] };
  const functions = [...handles].flatMap((h) => (functionHandles[h] ? [functionHandles[h]] : []));
  const members = await db.membership.findMany({
    where: { organizationId },
    select: { userId: true, functions: true, user: { select: { name: true, email: true } } },
  });
  const matched = new Set<string>(Object.keys(functionHandles).filter((h) => handles.has(h)));
  const userIds = members
    .filter((m) => {
      const own = memberHandles(m.user).filter((h) => handles.has(h));
      for (const h of own) matched.add(h);
      return own.length > 0;
    })
    .map((m) => m.userId);
  const viaFunction = members
    .filter((m) => m.functions.some((f) => functions.includes(f)))
    .map((m) => m.userId);
  return {
    functions,
    userIds,
    recipientIds: [...new Set([...userIds, ...viaFunction])],
    unknownHandles: written.filter((h) => !matched.has(h)),
  };
}
