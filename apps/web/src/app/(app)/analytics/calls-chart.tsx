"use client";
import type { RouterOutputs } from "@conductor/api";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate } from "~/components/format";

type ReleaseReport = RouterOutputs["calls"]["dashboard"]["analysis"]["releases"][number];

const DAY = 86_400_000;
const colours = ["#4338ca", "#0f766e", "#b45309", "#be123c", "#6d28d9", "#0369a1", "#64748b"];

/**
 * Calls over time by reason (Recharts: well kept, React-native SVG, and its
 * reference lines and areas draw release markers and attribution windows
 * without custom layers). Suppressed cells (1–10) are gaps, never numbers.
 */
export function CallsChart(props: {
  series: {
    bucket: "day" | "week";
    reasons: string[];
    points: ({ t: number } & Record<string, number | null>)[];
    suppressed: number;
  };
  releases: ReleaseReport[];
}) {
  const { series } = props;
  const first = series.points[0]?.t ?? 0;
  const last = series.points.at(-1)?.t ?? 0;
  const sends = props.releases.flatMap((release) =>
    release.sendDates
      .map((d) => new Date(d).getTime())
      .filter((t) => t >= first && t <= last + 7 * DAY)
      .map((t) => ({ release, t })),
  );
  return (
    <figure aria-label="Calls over time" data-release-markers={sends.length}>
      <div className="h-72 w-full">
        <ResponsiveContainer>
          <LineChart data={series.points} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[first, last]}
              tickFormatter={formatDate}
              fontSize={11}
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
                x2={t + release.windowDays * DAY}
                fill="#6366f1"
                fillOpacity={0.08}
                ifOverflow="hidden"
              />
            ))}
            {sends.map(({ release, t }) => (
              <ReferenceLine
                key={`${release.releaseId}-${t}`}
                x={t}
                stroke="#4338ca"
                strokeDasharray="4 2"
                label={{
                  value: release.communication.title.slice(0, 24),
                  fontSize: 10,
                  position: "insideTopLeft",
                }}
              />
            ))}
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
        {series.suppressed > 0
          ? ` ${series.suppressed.toLocaleString("en")} small counts (1–10) are left out.`
          : ""}
      </figcaption>
    </figure>
  );
}
