export {
  type ApiContext,
  type CollabSignals,
  createApiContext,
  type LiveEvent,
  type LiveSignals,
} from "./context";
export { type AppRouter, appRouter, createCaller } from "./root";

import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

/** What each procedure takes and returns, for clients: no casts, no `Awaited<ReturnType<…>>`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
