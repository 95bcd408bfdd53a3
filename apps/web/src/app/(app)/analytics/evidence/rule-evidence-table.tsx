import type { RouterOutputs } from "@conductor/api";
import { figure } from "~/components/calls/figures";

type Fitted = Extract<RouterOutputs["calls"]["evidence"], { status: "fitted" }>;

const holdoutWords = {
  holds: "yes",
  contradicts: "no (points the other way)",
  "too-few": "too few holdout releases",
} as const;

const directionWords = { higher: "more calls", lower: "fewer calls", unclear: "unclear" } as const;

/** Every modelled rule: effect per 1,000 and rate ratio (95%), messages either side, holdout. */
export function RuleEvidenceTable(props: { rules: Fitted["rules"] }) {
  if (props.rules.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No rule is found on enough messages (and missing from enough) to weigh yet.
      </p>
    );
  return (
    // A phone scrolls the table, not the page.
    <div className="-mx-1 overflow-x-auto px-1">
      <table className="w-full min-w-[36rem] text-left text-xs" aria-label="Rule evidence">
        <thead className="text-slate-600">
          <tr>
            <th className="py-1 pr-2 font-medium">Rule</th>
            <th className="py-1 pr-2 font-medium">Effect per 1,000 recipients (95%)</th>
            <th className="py-1 pr-2 font-medium">Calls × (95%)</th>
            <th className="py-1 pr-2 font-medium">Messages with / without</th>
            <th className="py-1 pr-2 font-medium">Holds in holdout releases</th>
            <th className="py-1 font-medium">Proposal</th>
          </tr>
        </thead>
        <tbody>
          {props.rules.map((r) => (
            <tr key={r.ruleId} className="border-t border-slate-100 align-top" data-rule={r.ruleId}>
              <td className="py-1 pr-2">
                <span className="font-medium text-slate-900">{r.title}</span>
                <div className="text-slate-500">{directionWords[r.direction]}</div>
              </td>
              <td className="py-1 pr-2 tabular-nums">
                {r.perThousand.estimate >= 0 ? "+" : ""}
                {figure(r.perThousand.estimate)} ({figure(r.perThousand.low)} to{" "}
                {figure(r.perThousand.high)})
              </td>
              <td className="py-1 pr-2 tabular-nums">
                {r.rateRatio.estimate.toFixed(2)} ({r.rateRatio.low.toFixed(2)}–
                {r.rateRatio.high.toFixed(2)})
              </td>
              <td className="py-1 pr-2 tabular-nums">
                {r.nWith} / {r.nWithout}
              </td>
              <td className="py-1 pr-2">
                {holdoutWords[r.holdout.verdict]}
                {r.holdout.rateRatio
                  ? ` (× ${r.holdout.rateRatio.estimate.toFixed(2)}, ${r.holdout.nWith} with)`
                  : ""}
              </td>
              <td className="py-1">
                {r.proposal
                  ? r.proposal.kind === "switch-off"
                    ? "switch off"
                    : r.proposal.kind === "raise-severity"
                      ? `raise to ${r.proposal.to}`
                      : "weigh its dimension more"
                  : r.clear
                    ? "clear, no change left to make"
                    : "none"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
