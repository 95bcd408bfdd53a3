export { type ApiContext, createApiContext } from "./context";
export { type AppRouter, appRouter, createCaller } from "./root";
