import "server-only";
import { createApiContext, createCaller } from "@conductor/api";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentUserId } from "./auth";
import { webEnv } from "~/env";
import { getDb } from "./db";

/** The API context for the current request (once per request). */
/** The API context for a request: database, signed-in actor, collab signing key. */
export async function buildRequestContext() {
  return createApiContext({
    db: await getDb(),
    userId: await currentUserId(),
    collabSecret: webEnv().collabSecret,
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
