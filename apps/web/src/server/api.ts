import "server-only";
import { createApiContext, createCaller } from "@conductor/api";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentUserId } from "./auth";
import { getDb } from "./db";

/** The API context for the current request (once per request). */
export const requestContext = cache(async () =>
  createApiContext({ db: await getDb(), userId: await currentUserId() }),
);

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
