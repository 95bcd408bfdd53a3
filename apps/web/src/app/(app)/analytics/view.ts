import { type CallSeriesFilter, callSeriesFilterSchema } from "@conductor/core/schemas";

// The chart's view lives in the URL (?from=2026-09-01&to=2026-10-31&reason=billing&reason=…),
// so a view can be shared, bookmarked and reopened; these read and write it.

const DAY = 86_400_000;

export type SearchParams = Record<string, string | string[] | undefined>;

/** The view a URL asks for, or what was wrong with it (the page then shows everything and says why). */
export function readView(params: SearchParams): {
  filter: CallSeriesFilter;
  problem: string | null;
} {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const reasons = params.reason === undefined ? [] : [params.reason].flat().filter(Boolean);
  const parsed = callSeriesFilterSchema.safeParse({
    from: one(params.from),
    to: one(params.to),
    reasons: reasons.length ? reasons : undefined,
  });
  if (parsed.success) return { filter: parsed.data, problem: null };
  const issue = parsed.error.issues[0]!;
  const field = { from: "The start date", to: "The end date", reasons: "A reason" }[
    String(issue.path[0]) as "from" | "to" | "reasons"
  ];
  return {
    filter: {},
    problem: `${field ?? "The link"} ${issue.message.startsWith("The") ? `is wrong: ${issue.message}` : issue.message}.`,
  };
}

/** The page's address for a view: only what is set, in a fixed order. */
export function viewHref(filter: CallSeriesFilter): string {
  const query = new URLSearchParams();
  if (filter.from) query.set("from", filter.from);
  if (filter.to) query.set("to", filter.to);
  for (const reason of filter.reasons ?? []) query.append("reason", reason);
  const text = query.toString();
  return text ? `/analytics?${text}` : "/analytics";
}

export const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The range `factor` times as wide around the same middle, at least a week (zoom in and out). */
export function scaledRange(range: { first: number; last: number }, factor: number) {
  const middle = (range.first + range.last) / 2;
  const half = Math.max(((range.last - range.first) / 2) * factor, 3.5 * DAY);
  const snap = (t: number) => Math.round(t / DAY) * DAY;
  return { from: isoDay(snap(middle - half)), to: isoDay(snap(middle + half)) };
}

/** Whether something from `first` to `last` shows in the view's range. */
export function inView(filter: CallSeriesFilter, first: number, last: number) {
  return (
    (!filter.from || last >= Date.parse(filter.from)) &&
    (!filter.to || first <= Date.parse(filter.to))
  );
}
