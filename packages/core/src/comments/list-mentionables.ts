import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import { functionHandles } from "../schemas/comments";
import { memberHandles } from "./mentions";

/**
 * Who a comment on this communication can @mention: the organisation's
 * functions and people (never another organisation's), each with the handle
 * the comment box inserts and every handle they answer to, so the box can
 * say which handles match nobody before the comment is posted.
 */
export async function listMentionables(ctx: UseCaseContext, communication: LoadedCommunication) {
  authorizeCommunication(ctx, "comment.create", communication);
  const members = await ctx.db.membership.findMany({
    where: { organizationId: communication.organizationId },
    select: { userId: true, functions: true, user: { select: { name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  const handlesOf = members.map((m) => memberHandles(m.user));
  const uses = new Map<string, number>();
  for (const handles of handlesOf) for (const h of handles) uses.set(h, (uses.get(h) ?? 0) + 1);
  // A first name two people share would notify both, and one equal to a
  // function's name notifies the function: insert the email name instead.
  const own = (h: string) => uses.get(h) === 1 && !functionHandles[h];
  return {
    functions: Object.entries(functionHandles).map(([handle, fn]) => ({ handle, function: fn })),
    people: members.map((m, i) => {
      const handles = handlesOf[i] ?? [];
      return {
        userId: m.userId,
        name: m.user.name,
        functions: m.functions,
        handle: handles.find(own) ?? handles.at(-1) ?? "",
        handles,
      };
    }),
  };
}
