"use client";
import type { RouterOutputs } from "@conductor/api";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { figure, money } from "./figures";

type Prediction = RouterOutputs["calls"]["prediction"];

/**
 * The model's number for one saved version, shown where someone decides on
 * it (Submit, each stage's decision, the release): excess calls per 1,000
 * recipients with the 90% interval, the calls and cost for the audience,
 * and the three findings that add most. Without enough measured releases
 * it says so and lists only the questions the rules expect.
 */
export function CallPrediction(props: {
  communicationId: string;
  /** The version decided on; absent: the latest saved one. */
  versionId?: string;
  /** The audience being released to, when someone has typed it. */
  recipients?: number;
  /** What the figure is for ("this version", "the last saved version"). */
  subject: string;
}) {
  const trpc = useTRPC();
  const typed =
    props.recipients && Number.isInteger(props.recipients) && props.recipients > 0
      ? props.recipients
      : undefined;
  // Each prediction measures the whole history: ask once the typing pauses.
  const [recipients, setRecipients] = useState(typed);
  useEffect(() => {
    const timer = setTimeout(() => setRecipients(typed), 400);
    return () => clearTimeout(timer);
  }, [typed]);
  const prediction = useQuery(
    trpc.calls.prediction.queryOptions(
      {
        communicationId: props.communicationId,
        ...(props.versionId ? { versionId: props.versionId } : {}),
        ...(recipients ? { recipients } : {}),
      },
      // Keep the last figure on screen until the next audience's arrives.
      { placeholderData: (previous) => previous, staleTime: 30_000 },
    ),
  );
  return (
    <section
      aria-label="Predicted calls"
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-800"
      data-testid="call-prediction"
    >
      {prediction.error ? (
        <p role="alert" className="text-red-700">
          The predicted calls could not be worked out: {prediction.error.message}
        </p>
      ) : !prediction.data ? (
        <p className="text-slate-500" role="status">
          Working out the predicted calls…
        </p>
      ) : (
        <PredictionBody prediction={prediction.data} subject={props.subject} />
      )}
    </section>
  );
}

function PredictionBody(props: { prediction: Prediction; subject: string }) {
  const p = props.prediction;
  if (p.status === "no-version")
    return <p>No version saved yet: the predicted calls appear once there is one.</p>;
  if (p.status === "no-history")
    return (
      <div className="space-y-1">
        <p data-prediction-status="no-history">
          <span className="font-medium">No predicted number yet</span> for {props.subject} (version{" "}
          {p.versionNumber}): it needs {p.releasesNeeded} released messages with measured calls, and
          this organisation has {p.releasesMeasured}.
        </p>
        <LikelyQuestions questions={p.likelyQuestions} />
      </div>
    );
  const level = Math.round(p.level * 100);
  return (
    <div className="space-y-1">
      <p data-prediction-status="predicted" className="text-sm text-slate-900">
        Predicted <strong>{figure(p.perThousand.estimate)}</strong> ({figure(p.perThousand.low)}–
        {figure(p.perThousand.high)}) calls per 1,000
        {p.calls && p.recipients !== null ? (
          <>
            {" "}
            ≈ {figure(p.calls.estimate)} calls for {p.recipients.toLocaleString("en")} recipients
          </>
        ) : null}
        {p.cost ? <> ≈ {money(p.cost.estimate, p.cost.currency)}</> : null}
      </p>
      <p className="text-slate-600">
        For {props.subject} (version {p.versionNumber}); {level}% interval, from{" "}
        {p.releasesMeasured} measured releases.
        {p.calls && p.cost
          ? ` Calls ${figure(p.calls.low)}–${figure(p.calls.high)}, ${money(p.cost.low, p.cost.currency)}–${money(p.cost.high, p.cost.currency)} at ${money(p.cost.perCall, p.cost.currency)} a call.`
          : p.calls
            ? ` Calls ${figure(p.calls.low)}–${figure(p.calls.high)}. No cost per call is set (an admin sets it under Analytics → Import call volume).`
            : " No audience known yet: the rate is for a typical release."}
      </p>
      {p.contributions.length > 0 ? (
        <div>
          <p className="font-medium">Findings that add most</p>
          <ul className="list-disc pl-4" aria-label="Findings that add most to the predicted calls">
            {p.contributions.map((c) => (
              <li key={c.ruleId}>
                {c.title}: +{figure(c.perThousand)} per 1,000 (calls ×{c.rateRatio.toFixed(2)})
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>No finding in this version adds to the predicted calls.</p>
      )}
    </div>
  );
}

function LikelyQuestions(props: { questions: { question: string; because: string }[] }) {
  if (props.questions.length === 0)
    return <p>The rules expect no particular question from this version.</p>;
  return (
    <div>
      <p className="font-medium">Customers will likely call to ask</p>
      <ul className="list-disc pl-4" aria-label="Likely questions">
        {props.questions.map((q, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two sentences may raise the same question
          <li key={index}>
            “{q.question}” — {q.because}
          </li>
        ))}
      </ul>
    </div>
  );
}
