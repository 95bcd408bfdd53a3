import { appRouter } from "@conductor/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { buildRequestContext } from "~/server/api";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: buildRequestContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
