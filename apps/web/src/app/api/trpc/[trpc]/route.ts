import { appRouter } from "@conductor/api";
import { log } from "@conductor/ops";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { buildRequestContext } from "~/server/api";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: buildRequestContext,
    onError({ error, path, type }) {
      // The caller's mistakes (4xx) are answered, not logged; the procedure
      // and the code are enough to find the rest (never the input sent).
      if (error.code === "INTERNAL_SERVER_ERROR")
        log("web").error(
          { procedure: path ?? "?", type, err: error.cause ?? error },
          "tRPC failed",
        );
    },
  });
}

export { handler as GET, handler as POST };
