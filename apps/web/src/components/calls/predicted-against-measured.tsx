"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { figure } from "./figures";

/**
 * The report card's predicted against measured. Submission freezes the
 * analysis, not a prediction, so the prediction shown is the Evidence
 * page's: a model fitted on the organisation's other releases, never on
 * this one — the card says so.
 */
export function PredictedAgainstMeasured(props: {
  organizationId: string;
  releaseId: string;
  /** The measured excess per 1,000 recipients with its 95% interval (null: not measured). */
  measured: { estimate: number; low: number; high: number } | null;
}) {
  const trpc = useTRPC();
  // One query for every card: the evidence is the organisation's, not the release's.
  const evidence = useQuery(
    trpc.calls.evidence.queryOptions(
      { organizationId: props.organizationId },
      { staleTime: 60_000 },
    ),
  );
  const body = () => {
    if (evidence.error)
      return (
        <span role="alert" className="text-red-700">
          The prediction could not be loaded: {evidence.error.message}
        </span>
      );
    if (!evidence.data) return <span className="text-slate-500">Loading the prediction…</span>;
    if (evidence.data.status === "no-history")
      return (
        <>
          No prediction: the model needs {evidence.data.releasesNeeded} measured releases (this
          organisation has {evidence.data.releasesMeasured}).
        </>
      );
    const level = Math.round(evidence.data.calibration.level * 100);
    const row = evidence.data.calibration.rows.find((c) => c.releaseId === props.releaseId);
    if (!row || !props.measured)
      return <>No prediction: this release's calls could not be measured.</>;
    return (
      <>
        Predicted <strong>{figure(row.predicted.estimate)}</strong> ({figure(row.predicted.low)}–
        {figure(row.predicted.high)}, {level}%) against measured{" "}
        <strong>{figure(props.measured.estimate)}</strong> ({figure(props.measured.low)} to{" "}
        {figure(props.measured.high)}, 95%) excess calls per 1,000 recipients:{" "}
        {row.inside ? "inside the predicted interval" : "outside the predicted interval"}.{" "}
        <span className="text-slate-600">
          Not stored at submission: predicted by a model fitted on the organisation's other
          releases, never on this one.
        </span>
      </>
    );
  };
  return (
    <p data-testid="predicted-against-measured" className="text-xs">
      {body()}
    </p>
  );
}
