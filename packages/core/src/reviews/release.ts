import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import type { releaseSchema } from "../schemas";
import { recordRelease } from "./record-release";
import { reviewerOf } from "./store";

/** The comms manager releases an approved review; the released version is final. */
export async function releaseReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof releaseSchema>,
) {
  const authorized = authorizeCommunication(ctx, "review.release", communication);
  return recordRelease(ctx.db, communication, input.reviewId, input, {
    kind: "person",
    reviewer: reviewerOf(authorized),
    name: authorized.actor.name,
  });
}
