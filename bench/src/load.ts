/** A closed-loop load generator: N clients each send the next request when the last one answers. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

export async function runLoad(options: {
  url: string;
  headers: Record<string, string>;
  clients: number;
  seconds: number;
}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const response = await fetch(options.url, { headers: options.headers });
        await response.arrayBuffer();
        if (!response.ok) errors++;
        else latenciesMs.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return {
    requests: latenciesMs.length + errors,
    errors,
    seconds: (performance.now() - started) / 1000,
    latenciesMs,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
