"use client";
import type { RouterOutputs } from "@conductor/api";
import type { CallSeriesFilter } from "@conductor/core/schemas";
import { buttonClasses } from "@conductor/ui";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  type MouseHandlerDataParam,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate } from "~/components/format";
import { isoDay, scaledRange, viewHref } from "./view";

type ReleaseReport = RouterOutputs["calls"]["dashboard"]["analysis"]["releases"][number];
type Series = RouterOutputs["calls"]["series"];

const DAY = 86_400_000;
const colours = ["#4338ca", "#0f766e", "#b45309", "#be123c", "#6d28d9", "#0369a1", "#64748b"];
/** Rows of release titles above the plot, so neighbouring sends do not write over each other. */
const LABEL_ROWS = 3;
const LABEL_ROW_HEIGHT = 13;
/** Past this many sends in view the titles would be a smear: the lines stay, the titles wait for a zoom. */
const MAX_LABELS = 12;

/**
 * A send's title above the plot (not inside it, where the lines run and the
 * top edge clipped it): on one of three rows in turn, and ending at its line
 * when the line is in the right half, so no title runs off the chart (at 390 px a
 * title starting past the middle did).
 */
function SendLabel(props: {
  viewBox?: { x?: number; y?: number };
  title: string;
  row: number;
  alignEnd: boolean;
}) {
  const x = props.viewBox?.x ?? 0;
  const y = (props.viewBox?.y ?? 0) - 4 - (LABEL_ROWS - 1 - props.row) * LABEL_ROW_HEIGHT;
  const short = props.title.length > 28 ? `${props.title.slice(0, 27)}…` : props.title;
  return (
    <text
      x={props.alignEnd ? x - 3 : x + 3}
      y={y}
      textAnchor={props.alignEnd ? "end" : "start"}
      fontSize={10}
      fill="#312e81"
    >
      <title>{props.title}</title>
      {short}
    </text>
  );
}

/**
 * Calls over time by reason (Recharts: well kept, React-native SVG; its
 * reference lines and areas draw release markers and attribution windows,
 * and its mouse events give the dragged span for zooming, so the page's
 * library does all of it). Suppressed cells (1–10) are gaps, never numbers.
 * Zooming changes the page's address: the zoomed view can be shared, and
 * the zoom buttons are links a keyboard reaches.
 */
export function CallsChart(props: {
  series: Series;
  releases: ReleaseReport[];
  filter: CallSeriesFilter;
}) {
  const { series, filter } = props;
  const router = useRouter();
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const first = series.range?.first ?? series.points[0]?.t ?? 0;
  const last = series.range?.last ?? series.points.at(-1)?.t ?? 0;
  const sends = props.releases
    .flatMap((release) =>
      release.sendDates
        .map((d) => new Date(d).getTime())
        .filter((t) => t >= first && t <= last + (series.bucket === "week" ? 7 : 1) * DAY)
        .map((t) => ({ release, t })),
    )
    .sort((a, b) => a.t - b.t);
  const labelled = sends.length <= MAX_LABELS;
  const extent = series.extent;
  const whole = extent !== null && first <= extent.first && last >= extent.last;
  const zoomIn = scaledRange({ first, last }, 0.5);
  const zoomOut = scaledRange({ first, last }, 2);
  const outCoversAll =
    extent !== null &&
    Date.parse(zoomOut.from) <= extent.first &&
    Date.parse(zoomOut.to) >= extent.last;
  const at = (state: MouseHandlerDataParam) =>
    typeof state.activeLabel === "number" ? state.activeLabel : Number(state.activeLabel);
  const finishDrag = () => {
    if (drag && Number.isFinite(drag.from) && Number.isFinite(drag.to)) {
      const [a, b] = drag.from <= drag.to ? [drag.from, drag.to] : [drag.to, drag.from];
      // A click is not a zoom: a span of at least two points.
      if (b > a)
        router.push(
          viewHref({
            ...filter,
            from: isoDay(a),
            to: isoDay(b + (series.bucket === "week" ? 6 * DAY : 0)),
          }),
        );
    }
    setDrag(null);
  };
  return (
    <figure
      aria-label="Calls over time"
      data-release-markers={sends.length}
      data-bucket={series.bucket}
      data-first={isoDay(first)}
      data-last={isoDay(last)}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-700" aria-live="polite">
          {formatDate(first)} to {formatDate(last)}
        </span>
        <Link
          href={viewHref({ ...filter, ...zoomIn })}
          className={buttonClasses("secondary", "px-2.5 py-1")}
          aria-label="Zoom in (half the range, same middle)"
        >
          Zoom in
        </Link>
        {whole ? null : (
          <Link
            href={viewHref(outCoversAll ? { reasons: filter.reasons } : { ...filter, ...zoomOut })}
            className={buttonClasses("secondary", "px-2.5 py-1")}
            aria-label="Zoom out (twice the range)"
          >
            Zoom out
          </Link>
        )}
        <span className="text-xs text-slate-600">or drag across the chart to zoom to a span</span>
      </div>
      <div className="h-80 w-full select-none">
        <ResponsiveContainer>
          <LineChart
            data={series.points}
            margin={{ top: 8 + LABEL_ROWS * LABEL_ROW_HEIGHT, right: 16, bottom: 0, left: 0 }}
            onMouseDown={(state) => setDrag({ from: at(state), to: at(state) })}
            onMouseMove={(state) => (drag ? setDrag({ ...drag, to: at(state) }) : undefined)}
            onMouseUp={finishDrag}
            onMouseLeave={() => setDrag(null)}
          >
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[first, last]}
              tickFormatter={formatDate}
              fontSize={11}
              allowDataOverflow
            />
            <YAxis fontSize={11} width={48} />
            <Tooltip
              labelFormatter={(t) =>
                `${series.bucket === "week" ? "Week of " : ""}${formatDate(Number(t))}`
              }
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {sends.map(({ release, t }) => (
              <ReferenceArea
                key={`${release.releaseId}-${t}-window`}
                x1={t}
                x2={Math.min(t + release.windowDays * DAY, last)}
                fill="#6366f1"
                fillOpacity={0.08}
                ifOverflow="hidden"
              />
            ))}
            {sends.map(({ release, t }, i) => (
              <ReferenceLine
                key={`${release.releaseId}-${t}`}
                x={t}
                stroke="#4338ca"
                strokeDasharray="4 2"
                label={
                  labelled
                    ? (label: { viewBox?: { x?: number; y?: number } }) => (
                        <SendLabel
                          viewBox={label.viewBox}
                          title={release.communication.title}
                          row={i % LABEL_ROWS}
                          alignEnd={last > first && (t - first) / (last - first) > 0.5}
                        />
                      )
                    : undefined
                }
              />
            ))}
            {drag && drag.from !== drag.to ? (
              <ReferenceArea x1={drag.from} x2={drag.to} fill="#0f766e" fillOpacity={0.15} />
            ) : null}
            {series.reasons.map((reason, i) => (
              <Line
                key={reason}
                dataKey={reason}
                stroke={colours[i % colours.length]}
                dot={false}
                strokeWidth={1.5}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">
        {series.bucket === "week" ? "Weekly" : "Daily"} calls; dashed lines are send dates and the
        shaded spans their attribution windows.
        {labelled ? "" : ` ${sends.length} sends in view: zoom in to read their titles.`}
        {series.suppressed > 0
          ? ` ${series.suppressed.toLocaleString("en")} small counts (1–10) are left out.`
          : ""}
      </figcaption>
    </figure>
  );
}
