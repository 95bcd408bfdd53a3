"use client";
import type { RouterOutputs } from "@conductor/api";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";

type ReleaseReport = RouterOutputs["calls"]["dashboard"]["analysis"]["releases"][number];

interface Across {
  n: number;
  correlation: { estimate: number; low: number; high: number; n: number } | null;
}

/** Least-squares line of rate on score with a 95% band for the fitted mean. */
function fit(points: { x: number; y: number }[]) {
  const n = points.length;
  if (n < 3) return [];
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) return [];
  const slope = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  const intercept = my - slope * mx;
  const residual = Math.sqrt(
    points.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0) / (n - 2),
  );
  const xs = points.map((p) => p.x);
  const [low, high] = [Math.min(...xs), Math.max(...xs)];
  return Array.from({ length: 21 }, (_, i) => {
    const x = low + ((high - low) * i) / 20;
    const y = intercept + slope * x;
    const half = 1.96 * residual * Math.sqrt(1 / n + (x - mx) ** 2 / sxx);
    return { x, fit: y, band: [y - half, y + half] as [number, number] };
  });
}

/** Clarity score at approval against excess calls per 1,000 recipients, sized by recipients. */
export function ClarityScatter(props: { releases: ReleaseReport[]; across: Across }) {
  const points = props.releases
    .filter((r) => r.contactRate)
    .map((r) => ({
      x: r.score,
      y: r.contactRate!.estimate,
      z: r.recipients,
      title: r.communication.title,
    }));
  const line = fit(points);
  const { correlation } = props.across;
  return (
    <figure aria-label="Clarity against contact rate">
      {points.length === 0 ? (
        <p className="text-sm text-slate-600">
          No released message has a measured contact rate yet.
        </p>
      ) : (
        <div className="h-56 w-full">
          <ResponsiveContainer>
            <ComposedChart margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis
                dataKey="x"
                type="number"
                domain={["dataMin - 5", "dataMax + 5"]}
                name="Clarity score"
                fontSize={11}
              />
              <YAxis dataKey="y" type="number" name="Excess per 1,000" fontSize={11} width={40} />
              <ZAxis dataKey="z" range={[30, 300]} name="Recipients" />
              <Tooltip />
              {line.length ? (
                <Area
                  data={line}
                  dataKey="band"
                  stroke="none"
                  fill="#c7d2fe"
                  fillOpacity={0.6}
                  isAnimationActive={false}
                />
              ) : null}
              {line.length ? (
                <Line
                  data={line}
                  dataKey="fit"
                  stroke="#4338ca"
                  dot={false}
                  isAnimationActive={false}
                />
              ) : null}
              <Scatter data={points} fill="#0f766e" isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <figcaption className="mt-1 text-xs text-slate-600">
        {correlation
          ? `Spearman ρ = ${correlation.estimate.toFixed(2)} (95% interval ${correlation.low.toFixed(2)} to ${correlation.high.toFixed(2)}), n = ${correlation.n}. Dot size: recipients.`
          : `A correlation needs at least 4 messages with a measured contact rate (now ${props.across.n}).`}
      </figcaption>
    </figure>
  );
}
