import type { Database } from "@conductor/db";

/**
 * Whether someone who may write a communication's text may change it
 * directly now, or may only suggest: while a review is open the words under
 * review are the owner's to change, and comms managers' too where the
 * organisation allows it (Settings → Review); everyone else proposes.
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
      organization: {
        select: {
          commsManagersEditDuringReview: true,
          memberships: { where: { userId: input.userId }, select: { roles: true } },
        },
      },
    },
  });
  if (!communication) return false;
  if (communication.ownerId === input.userId || communication.reviews.length === 0) return true;
  const { organization } = communication;
  return (
    organization.commsManagersEditDuringReview &&
    organization.memberships.some((m) => m.roles.includes("COMMS_MANAGER"))
  );
}
