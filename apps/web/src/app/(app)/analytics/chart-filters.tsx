"use client";
import type { CallSeriesFilter } from "@conductor/core/schemas";
import { buttonClasses } from "@conductor/ui";
import Form from "next/form";
import Link from "next/link";
import { isoDay, viewHref } from "./view";

const DAY = 86_400_000;

/**
 * The chart's date range and reasons, as a GET form: the view it shows is
 * the page's address, so it can be shared, and it works before the page's
 * script has loaded. Presets are links for the same reason.
 */
export function ChartFilters(props: {
  filter: CallSeriesFilter;
  extent: { first: number; last: number } | null;
  reasons: { code: string; label: string }[];
}) {
  const { filter, extent } = props;
  const chosen = new Set(filter.reasons ?? []);
  const presets = extent
    ? [
        { label: "Last 3 months", days: 91 },
        { label: "Last 12 months", days: 365 },
      ].map((p) => ({
        label: p.label,
        href: viewHref({
          ...filter,
          from: isoDay(Math.max(extent.first, extent.last - (p.days - 1) * DAY)),
          to: isoDay(extent.last),
        }),
      }))
    : [];
  return (
    <Form
      action="/analytics"
      key={viewHref(filter)}
      aria-label="Chart filters"
      className="mb-4 space-y-3 text-sm"
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="view-from" className="block font-medium text-slate-800">
            From
          </label>
          <input
            id="view-from"
            name="from"
            type="date"
            defaultValue={filter.from}
            min={extent ? isoDay(extent.first) : undefined}
            max={extent ? isoDay(extent.last) : undefined}
            className="rounded-md border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-indigo-600"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="view-to" className="block font-medium text-slate-800">
            To
          </label>
          <input
            id="view-to"
            name="to"
            type="date"
            defaultValue={filter.to}
            min={extent ? isoDay(extent.first) : undefined}
            max={extent ? isoDay(extent.last) : undefined}
            className="rounded-md border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-indigo-600"
          />
        </div>
        <button type="submit" className={buttonClasses("primary")}>
          Show
        </button>
        <nav aria-label="Chart ranges" className="flex flex-wrap gap-3">
          {presets.map((p) => (
            <Link key={p.label} href={p.href} className="text-indigo-800 underline">
              {p.label}
            </Link>
          ))}
          <Link href={viewHref({ reasons: filter.reasons })} className="text-indigo-800 underline">
            Whole history
          </Link>
          {filter.from || filter.to || filter.reasons?.length ? (
            <Link href="/analytics" className="text-indigo-800 underline">
              Clear filters
            </Link>
          ) : null}
        </nav>
      </div>
      {props.reasons.length > 0 ? (
        <fieldset>
          <legend className="font-medium text-slate-800">
            Reasons{" "}
            <span className="font-normal text-slate-600">(none ticked: the busiest six)</span>
          </legend>
          <div className="mt-1 flex max-h-32 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
            {props.reasons.map((r) => (
              <label key={r.code} className="inline-flex items-center gap-1.5 text-slate-700">
                <input
                  type="checkbox"
                  name="reason"
                  value={r.code}
                  defaultChecked={chosen.has(r.code)}
                  className="size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
                />
                {r.label} <span className="text-xs text-slate-500">({r.code})</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </Form>
  );
}
