import type { Database } from "@conductor/db";

/**
 * Whether someone who may write a communication's text may change it
 * directly now, or may only suggest: while a review is open the words under
 * review are the owner's to change; everyone else proposes. (Comms managers
 * suggest too: the issue leaves letting them edit to an organisation setting
 * that does not exist yet.)
 */
export async function directEditAllowed(
  db: Database,
  input: { userId: string; communicationId: string },
): Promise<boolean> {
  const communication = await db.communication.findUnique({
    where: { id: input.communicationId },
    select: {
      ownerId: true,
      reviews: { where: { status: "IN_REVIEW" }, select: { id: true }, take: 1 },
    },
  });
  if (!communication) return false;
  return communication.ownerId === input.userId || communication.reviews.length === 0;
}
