"use client";
import type { RouterOutputs } from "@conductor/api";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { figure } from "~/components/calls/figures";
import { formatDate } from "~/components/format";

type Fitted = Extract<RouterOutputs["calls"]["evidence"], { status: "fitted" }>;
type Row = Fitted["calibration"]["rows"][number];

const INSIDE = "#0f766e";
const OUTSIDE = "#be123c";

/** A measured value as a dot: green inside its interval, red (and hollow) outside. */
function MeasuredDot(props: { cx?: number; cy?: number; payload?: { inside: boolean } }) {
  if (props.cx === undefined || props.cy === undefined) return null;
  const inside = props.payload?.inside ?? true;
  return (
    <circle
      cx={props.cx}
      cy={props.cy}
      r={4}
      stroke={inside ? INSIDE : OUTSIDE}
      strokeWidth={2}
      fill={inside ? INSIDE : "#fff"}
    />
  );
}

/**
 * Calibration across releases, in release order: each release's predicted
 * interval (per 1,000 recipients, from a model that never saw it) as a bar,
 * the prediction as a tick and the measurement as a dot. A table below
 * gives the same numbers for screen readers and for copying.
 */
export function CalibrationChart(props: { rows: Row[]; level: number }) {
  const level = Math.round(props.level * 100);
  const data = props.rows.map((r, index) => ({
    n: index + 1,
    title: r.title,
    range: [r.predicted.low, r.predicted.high] as [number, number],
    estimate: r.predicted.estimate,
    measured: r.measured,
    inside: r.inside,
  }));
  return (
    <figure aria-label="Predicted against measured calls per 1,000 recipients">
      <div className="h-64 w-full">
        <ResponsiveContainer>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 16, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis
              dataKey="n"
              fontSize={11}
              label={{ value: "Release, oldest first", position: "insideBottom", offset: -8 }}
            />
            <YAxis fontSize={11} width={44} tickFormatter={(v: number) => figure(v)} />
            <Tooltip
              formatter={(value, name) =>
                Array.isArray(value)
                  ? [`${figure(Number(value[0]))}–${figure(Number(value[1]))}`, name]
                  : [figure(Number(value)), name]
              }
              labelFormatter={(n, payload) =>
                (payload?.[0]?.payload as { title?: string } | undefined)?.title ?? `Release ${n}`
              }
            />
            <Bar
              dataKey="range"
              name={`Predicted ${level}% interval`}
              fill="#c7d2fe"
              barSize={10}
              isAnimationActive={false}
            />
            <Line
              dataKey="estimate"
              name="Predicted"
              stroke="none"
              dot={{ r: 2, fill: "#4338ca", stroke: "#4338ca" }}
              activeDot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="measured"
              name="Measured"
              stroke="none"
              dot={<MeasuredDot />}
              activeDot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">
        Bars: the {level}% interval each release's measured excess per 1,000 recipients should fall
        in; small dots: the prediction; large dots: what was measured (
        <span style={{ color: INSIDE }}>filled inside</span>,{" "}
        <span style={{ color: OUTSIDE }}>hollow outside</span>).
      </figcaption>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-indigo-800 underline">
          The releases in the chart
        </summary>
        <div className="-mx-1 overflow-x-auto px-1">
          <table className="mt-1 w-full min-w-[30rem] text-left" aria-label="Calibration">
            <thead className="text-slate-600">
              <tr>
                <th className="pr-2 font-medium">#</th>
                <th className="pr-2 font-medium">Message</th>
                <th className="pr-2 font-medium">Released</th>
                <th className="pr-2 font-medium">Predicted per 1,000 ({level}%)</th>
                <th className="pr-2 font-medium">Measured</th>
                <th className="font-medium">Inside</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r, index) => (
                <tr key={r.releaseId} className="border-t border-slate-100">
                  <td className="pr-2">{index + 1}</td>
                  <td className="pr-2">{r.title}</td>
                  <td className="pr-2">{formatDate(r.releasedAt)}</td>
                  <td className="pr-2 tabular-nums">
                    {figure(r.predicted.estimate)} ({figure(r.predicted.low)} to{" "}
                    {figure(r.predicted.high)})
                  </td>
                  <td className="pr-2 tabular-nums">{figure(r.measured)}</td>
                  <td>{r.inside ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
