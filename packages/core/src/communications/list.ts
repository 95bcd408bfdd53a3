import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { communicationListSchema } from "../schemas";
import { decodeCursor, encodeCursor } from "./cursor";
import { communicationsMatching } from "./search";
import { type CommunicationSummary, summarySelect } from "./summary";

/**
 * A page of the organisation's communications, most recently changed first.
 * `search` looks in the message text and the brief in force as well as the
 * title (see communicationsMatching).
 */
export async function listCommunications(
  ctx: UseCaseContext,
  query: z.output<typeof communicationListSchema>,
) {
  authorizeInOrganization(ctx, "communication.list", query.organizationId);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const where: Prisma.CommunicationWhereInput = {
    organizationId: query.organizationId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.search
      ? { id: { in: await communicationsMatching(ctx.db, query.organizationId, query.search) } }
      : {}),
    ...(cursor
      ? {
          OR: [
            { updatedAt: { lt: cursor.updatedAt } },
            { updatedAt: cursor.updatedAt, id: { lt: cursor.id } },
          ],
        }
      : {}),
  };
  const rows = await ctx.db.communication.findMany({
    where,
    select: summarySelect,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items satisfies CommunicationSummary[],
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}
