"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/**
 * A release's lag profile as bars: excess calls over the baseline on each
 * day (or week) after the send, below zero when fewer came than usual. The
 * same figures stay listed beside it for screen readers and copying.
 */
export function LagChart(props: {
  unit: "day" | "week";
  profile: { lag: number; excess: number }[];
}) {
  // A suppressed day (1–10 calls) has no bar: its figure is not shown anywhere.
  const data = props.profile.map((l) => ({
    lag: l.lag,
    excess: Number.isFinite(l.excess) ? Math.round(l.excess) : null,
  }));
  return (
    <figure aria-label="Lag profile chart" className="h-40 w-full min-w-56 max-w-md">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="lag"
            fontSize={11}
            label={{
              value: `${props.unit}s after send`,
              position: "insideBottom",
              offset: -10,
              fontSize: 11,
            }}
          />
          <YAxis fontSize={11} width={40} />
          <ReferenceLine y={0} stroke="#64748b" />
          <Tooltip
            labelFormatter={(lag) => `${props.unit} ${lag}`}
            formatter={(value) => [Number(value).toLocaleString("en"), "excess calls"]}
          />
          <Bar dataKey="excess" isAnimationActive={false}>
            {data.map((l) => (
              <Cell key={l.lag} fill={(l.excess ?? 0) >= 0 ? "#4338ca" : "#94a3b8"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
