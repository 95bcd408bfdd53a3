import type { Database } from "@conductor/db";
import type { ReviewFunction } from "@conductor/db/enums";

const FUNCTION_HANDLES: Record<string, ReviewFunction> = {
  marketing: "MARKETING",
  legal: "LEGAL",
  compliance: "COMPLIANCE",
  regulatory: "REGULATORY",
  accounting: "ACCOUNTING",
  product: "PRODUCT",
};

export interface Mentions {
  functions: ReviewFunction[];
  /** People named directly (by first name or the part of their email before @). */
  userIds: string[];
  /** Everyone to notify: the named people and every member of each named function. */
  recipientIds: string[];
}

/**
 * Reads @handles out of a comment. A function's name (@legal) reaches every
 * member of that function; anything else is matched against members' first
 * names and email names. Unknown handles are left as plain text.
 */
export async function resolveMentions(
  db: Database,
  organizationId: string,
  body: string,
): Promise<Mentions> {
  const handles = new Set(
    [...body.matchAll(/(?:^|[^\w@])@([a-z][\w.-]*[a-z0-9]|[a-z])/gi)].flatMap(([, handle]) =>
      handle ? [handle.toLowerCase()] : [],
    ),
  );
  if (handles.size === 0) return { functions: [], userIds: [], recipientIds: [] };
  const functions = [...handles].flatMap((h) => (FUNCTION_HANDLES[h] ? [FUNCTION_HANDLES[h]] : []));
  const members = await db.membership.findMany({
    where: { organizationId },
    select: { userId: true, functions: true, user: { select: { name: true, email: true } } },
  });
  const userIds = members
    .filter((m) => {
      // split always gives at least one piece; the default only tells the compiler.
      const [first = ""] = m.user.name.toLowerCase().split(/\s+/);
      const [local = ""] = m.user.email.toLowerCase().split("@");
      return handles.has(first) || handles.has(local);
    })
    .map((m) => m.userId);
  const viaFunction = members
    .filter((m) => m.functions.some((f) => functions.includes(f)))
    .map((m) => m.userId);
  return { functions, userIds, recipientIds: [...new Set([...userIds, ...viaFunction])] };
}
