import { collabRouter } from "./routers/collab";
import { communicationsRouter } from "./routers/communications";
import { membersRouter } from "./routers/members";
import { viewerRouter } from "./routers/viewer";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  viewer: viewerRouter,
  communications: communicationsRouter,
  collab: collabRouter,
  members: membersRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: server components and tests. */
export const createCaller = createCallerFactory(appRouter);
