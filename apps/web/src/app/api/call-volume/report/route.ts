import type { RouterOutputs } from "@conductor/api";
import { serverApi } from "~/server/api";
import { appErrorResponse, quoted } from "~/server/http";
import { currentWorkspace } from "~/server/organization";

/** A CSV field: quoted when it holds a delimiter, quote or line break; formulas defused. */
const field = (value: unknown) => {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(text) && Number.isNaN(Number(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const fixed = (n: number | undefined, digits: number) =>
  n === undefined ? "" : Number.isFinite(n) ? n.toFixed(digits) : "1-10";

/**
 * GET /api/call-volume/report?format=csv — one row per released message, as
 * the dashboard shows it: counts from 1 to 10 suppressed, intervals at 95%.
 */
export async function GET(request: Request) {
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv")
    return Response.json({ error: `format must be csv, not ${quoted(format)}` }, { status: 400 });
  const { membership } = await currentWorkspace();
  let analysis: RouterOutputs["calls"]["analysis"];
  try {
    analysis = await (await serverApi()).calls.analysis({
      organizationId: membership.organizationId,
    });
  } catch (error) {
    return appErrorResponse(error);
  }
  const header = [
    "release_id",
    "communication",
    "channel",
    "first_send",
    "recipients",
    "score",
    "reasons",
    "window_days",
    "observed_calls",
    "expected_calls",
    "excess_calls",
    "excess_low",
    "excess_high",
    "per_1000",
    "per_1000_low",
    "per_1000_high",
    "evidence",
    "holdout_sent_calls",
    "holdout_held_out",
    "holdout_held_out_calls",
    "holdout_rate_ratio",
    "holdout_rate_ratio_low",
    "holdout_rate_ratio_high",
  ];
  const lines = analysis.releases.map((r) =>
    [
      r.releaseId,
      r.communication.title,
      r.communication.channel,
      new Date(r.sendDates[0] ?? r.releasedAt).toISOString().slice(0, 10),
      r.recipients,
      r.score,
      r.reasons.join(" "),
      r.windowDays,
      fixed(r.observed, 0),
      fixed(r.expected, 1),
      fixed(r.excess?.estimate, 1),
      fixed(r.excess?.low, 1),
      fixed(r.excess?.high, 1),
      fixed(r.contactRate?.estimate, 3),
      fixed(r.contactRate?.low, 3),
      fixed(r.contactRate?.high, 3),
      r.evidence,
      fixed(r.holdout?.sentCalls, 0),
      r.holdout?.heldOut ?? "",
      fixed(r.holdout?.heldOutCalls, 0),
      fixed(r.holdout?.ratio?.estimate, 3),
      fixed(r.holdout?.ratio?.low, 3),
      fixed(r.holdout?.ratio?.high, 3),
    ]
      .map(field)
      .join(","),
  );
  return new Response([header.join(","), ...lines].join("\r\n"), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="call-volume-report.csv"',
    },
  });
}
