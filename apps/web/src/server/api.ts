import "server-only";
import { type CollabSignals, createApiContext, createCaller } from "@conductor/api";
import { postAccessChange, postReviewChange } from "@conductor/core";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { webEnv } from "~/env";
import { currentActor } from "./auth";
import { getDb } from "./db";
import { liveSignals } from "./live";

/**
 * Access changes go to the collaboration server, which closes connections
 * that lost access. If it is down there is nothing open to close, and every
 * new connection is checked against the policies anyway — so log, don't fail
 * the member change that already committed.
 */
const collabSignals: CollabSignals = {
  async accessChanged(change) {
    const { internalUrl } = webEnv().collab;
    await postAccessChange(internalUrl, change, webEnv().collabSecret).catch((error: unknown) =>
      console.warn(`collab: could not announce an access change to ${internalUrl}: ${error}`),
    );
  },
  // Likewise: every connection opened later reads the review state afresh,
  // and an open one reads it again within a few seconds (suggestion-guard's cache).
  async reviewChanged(change) {
    const { internalUrl } = webEnv().collab;
    await postReviewChange(internalUrl, change, webEnv().collabSecret).catch((error: unknown) =>
      console.warn(`collab: could not announce a review change to ${internalUrl}: ${error}`),
    );
  },
};

/** The API context for a request: database, signed-in actor, collab signing key. */
export async function buildRequestContext() {
  return createApiContext({
    db: await getDb(),
    actor: await currentActor(),
    collabSecret: webEnv().collabSecret,
    collab: collabSignals,
    live: liveSignals,
  });
}

export const requestContext = cache(buildRequestContext);

/** Server components call procedures in-process through the same policies as the browser. */
export async function serverApi() {
  return createCaller(await requestContext());
}

/** Turns the API's refusals into the page a person should see. */
export async function orPage<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/signin");
    throw error;
  }
}
