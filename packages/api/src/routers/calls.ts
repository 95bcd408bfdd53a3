import {
  analyzeCallVolume,
  callDashboard,
  callSeries,
  callSettings,
  callSpikes,
  communicationCallReasons,
  saveCallReasons,
  setAttributionDays,
  setCommunicationCallReasons,
  setReleaseHoldout,
} from "@conductor/core";
import {
  organizationScopeSchema,
  saveCallReasonsSchema,
  setAttributionDaysSchema,
  setCommunicationCallReasonsSchema,
  setReleaseHoldoutSchema,
} from "@conductor/core/schemas";
import { communicationProcedure, protectedProcedure, router } from "../trpc";

// Call-volume analytics: the reason taxonomy, attribution windows, which
// reasons a message may drive, and the analysis. Uploads stream through a
// route handler (apps/web/src/app/api/call-volume), not through tRPC.
export const callsRouter = router({
  settings: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => callSettings(ctx, input.organizationId)),
  saveReasons: protectedProcedure
    .input(saveCallReasonsSchema)
    .mutation(({ ctx, input }) => saveCallReasons(ctx, input)),
  setWindows: protectedProcedure
    .input(setAttributionDaysSchema)
    .mutation(({ ctx, input }) => setAttributionDays(ctx, input)),
  analysis: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => analyzeCallVolume(ctx, input.organizationId)),
  /** The analysis and the spikes it explains, from one run (what /analytics shows). */
  dashboard: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => callDashboard(ctx, input.organizationId)),
  spikes: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => callSpikes(ctx, input.organizationId)),
  series: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => callSeries(ctx, input.organizationId)),
  communicationReasons: communicationProcedure.query(({ ctx }) =>
    communicationCallReasons(ctx, ctx.communication),
  ),
  setCommunicationReasons: communicationProcedure
    .input(setCommunicationCallReasonsSchema)
    .mutation(({ ctx, input }) =>
      setCommunicationCallReasons(ctx, ctx.communication, input.reasonCodes),
    ),
  setHoldout: communicationProcedure
    .input(setReleaseHoldoutSchema)
    .mutation(({ ctx, input }) => setReleaseHoldout(ctx, ctx.communication, input)),
});
