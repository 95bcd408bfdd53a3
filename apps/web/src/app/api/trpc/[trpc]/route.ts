import { appRouter, createApiContext } from "@conductor/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { currentUserId } from "~/server/auth";
import { getDb } from "~/server/db";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () =>
      createApiContext({ db: await getDb(), userId: await currentUserId() }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
