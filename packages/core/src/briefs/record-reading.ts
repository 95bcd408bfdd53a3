import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeCommunication } from "../policies";
import type { recordCustomerReadingSchema } from "../schemas";
import { customerReadings, versionWithBrief } from "./readings";

/**
 * Records "a customer would get it: yes/no, because…" for one version, as
 * the person recording it. One answer per reviewer per version: answering
 * again replaces your own answer, never anyone else's.
 */
export async function recordCustomerReading(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof recordCustomerReadingSchema>,
) {
  const { actor } = authorizeCommunication(ctx, "reading.record", communication);
  const { version, brief } = await versionWithBrief(ctx, communication, input.versionId);
  if (!brief.desiredOutcome)
    throw new AppError(
      "INVALID_INPUT",
      `Version ${version.number} was saved before the brief had a desired outcome: there is no question to answer`,
      { versionId: "Save a version after the brief states its outcome" },
    );
  const reviewerId = actor.userId;
  const answer = { understood: input.understood, reason: input.reason };
  await ctx.db.customerReading.upsert({
    where: { versionId_reviewerId: { versionId: version.id, reviewerId } },
    create: {
      ...answer,
      organizationId: communication.organizationId,
      communicationId: communication.id,
      versionId: version.id,
      reviewerId,
      outcome: brief.desiredOutcome,
    },
    update: answer,
  });
  return customerReadings(ctx, communication, version.id);
}
