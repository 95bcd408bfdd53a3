import {
  analyzeCallVolume,
  callDashboard,
  callEvidence,
  callImportRemoval,
  callImportStatus,
  callImportUnderWay,
  callSeries,
  callSettings,
  callSpikes,
  communicationCallReasons,
  mapCallQuestion,
  predictCalls,
  questionCoverage,
  removeCallImport,
  saveCallReasons,
  setAttributionDays,
  setCallCost,
  setCommunicationCallReasons,
  setReleaseHoldout,
} from "@conductor/core";
import {
  callImportSchema,
  callSeriesSchema,
  mapCallQuestionSchema,
  predictCallsSchema,
  saveCallReasonsSchema,
  setAttributionDaysSchema,
  setCallCostSchema,
  setCommunicationCallReasonsSchema,
  setReleaseHoldoutSchema,
} from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { communicationProcedure, protectedProcedure, router } from "../trpc";

// Call-volume analytics: the reason taxonomy, attribution windows, which
// reasons a message may drive, and the analysis. Uploads stream through a
// route handler (apps/web/src/app/api/call-volume), not through tRPC.
export const callsRouter = router({
  settings: organizationQuery(callSettings),
  saveReasons: useCaseMutation(saveCallReasonsSchema, saveCallReasons),
  setWindows: useCaseMutation(setAttributionDaysSchema, setAttributionDays),
  analysis: organizationQuery(analyzeCallVolume),
  /** The analysis and the spikes it explains, from one run (what /analytics shows). */
  dashboard: protectedProcedure
    .input(callSeriesSchema)
    .query(({ ctx, input }) => callDashboard(ctx, input.organizationId, input)),
  spikes: organizationQuery(callSpikes),
  /** Calls over time for the chart, narrowed to a date range and reasons (the page's URL says which). */
  series: protectedProcedure
    .input(callSeriesSchema)
    .query(({ ctx, input }) => callSeries(ctx, input.organizationId, input)),
  /** How far a queued check or import has gone, and its answer when done (the importer polls it). */
  importStatus: protectedProcedure
    .input(callImportSchema)
    .query(({ ctx, input }) => callImportStatus(ctx, input)),
  /** The signed-in person's check or import still running, for the importer page to follow again. */
  importUnderWay: organizationQuery(callImportUnderWay),
  /** What removing one import would change, worked out and rolled back. */
  importRemoval: protectedProcedure
    .input(callImportSchema)
    .query(({ ctx, input }) => callImportRemoval(ctx, input)),
  removeImport: useCaseMutation(callImportSchema, removeCallImport),
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
  /** What one call costs (admins); read back in `settings`. */
  setCost: useCaseMutation(setCallCostSchema, setCallCost),
  /** Predicted excess calls for a version (the `CallPrediction` type says what each status carries). */
  prediction: communicationProcedure
    .input(predictCallsSchema)
    .query(({ ctx, input }) => predictCalls(ctx, ctx.communication, input)),
  /** The Evidence page: calibration, per-rule evidence and the proposed rule set (`CallEvidence`). */
  evidence: organizationQuery(callEvidence),
  /** The briefs' likely questions against the reasons customers called about, per release (`QuestionCoverage`). */
  questionCoverage: organizationQuery(questionCoverage),
  /** Which reasons a likely question shows up as, replacing the matching rule's guess (analysts, admins). */
  mapQuestion: useCaseMutation(mapCallQuestionSchema, mapCallQuestion),
});
