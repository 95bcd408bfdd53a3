export { type ApiContext, type CollabSignals, createApiContext } from "./context";
export { type AppRouter, appRouter, createCaller } from "./root";
