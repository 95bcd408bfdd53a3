import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import type { releaseByTokenSchema } from "../schemas";
import { recordRelease } from "./record-release";
import { authenticateToken } from "./release-tokens";

/**
 * The sending system records a release with its token: the communication's
 * approved review is released, exactly as a comms manager's release would
 * be (locked, audited, notified), with the token named as who did it.
 */
export async function releaseByToken(
  db: UseCaseContext["db"],
  token: string | null,
  input: z.output<typeof releaseByTokenSchema>,
) {
  const row = await authenticateToken(db, token, "RELEASES");
  const communication = await db.communication.findFirst({
    where: { id: input.communicationId, organizationId: row.organizationId },
    select: { id: true, organizationId: true, ownerId: true, title: true },
  });
  if (!communication) throw notFound("Communication");
  const review = await db.review.findFirst({
    where: { communicationId: communication.id },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!review)
    throw new AppError(
      "CONFLICT",
      "This communication has not been reviewed",
      undefined,
      "NOT_APPROVED",
    );
  return recordRelease(db, communication, review.id, input, {
    kind: "token",
    tokenId: row.id,
    name: row.name,
  });
}
