import { signOutEverywhere } from "@conductor/core";
import { protectedProcedure, router } from "../trpc";

export const viewerRouter = router({
  /** Who is signed in and where they belong: drives the app shell. */
  me: protectedProcedure.query(({ ctx }) => ctx.actor),
  /** Ends every sign-in of the signed-in person, this one included. */
  signOutEverywhere: protectedProcedure.mutation(({ ctx }) => signOutEverywhere(ctx)),
});
