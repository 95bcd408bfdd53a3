import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { releaseSchema } from "../schemas";
import { recordRelease } from "./record-release";
import { communicationResource, reviewerOf } from "./store";

/** The comms manager releases an approved review; the released version is final. */
export async function releaseReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof releaseSchema>,
) {
  const authorized = authorize(
    ctx.actor,
    "review.release",
    communicationResource(communication),
    "Communication",
  );
  return recordRelease(ctx.db, communication, input.reviewId, input, {
    kind: "person",
    reviewer: reviewerOf(authorized),
    name: authorized.actor.name,
  });
}
