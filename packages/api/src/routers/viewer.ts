import { protectedProcedure, router } from "../trpc";

export const viewerRouter = router({
  /** Who is signed in and where they belong: drives the app shell. */
  me: protectedProcedure.query(({ ctx }) => ctx.actor),
});
