import { createServer, type Server } from "node:http";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

// Seconds: from a cached read (a few ms) to a slow import request.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What a collab process reports on each scrape: its open connections and loaded documents. */
export type CollabLoad = () => { connections: number; documents: number };
const collabLoadKey = Symbol.for("conductor.ops.collab-load");
const loadGlobals = globalThis as unknown as Record<symbol, CollabLoad | undefined>;

/** Makes the collab gauges read `load` when scraped (so they are never stale). */
export function reportCollabLoad(load: CollabLoad) {
  loadGlobals[collabLoadKey] = load;
}

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "conductor_http_request_duration_seconds",
      help: "HTTP requests served, by route (ids folded into :id), method and status",
      labelNames: ["service", "method", "route", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    trpcDuration: new Histogram({
      name: "conductor_trpc_procedure_duration_seconds",
      help: "tRPC procedure calls, by procedure, type and outcome (ok or the error code)",
      labelNames: ["procedure", "type", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    collabConnections: new Gauge({
      name: "conductor_collab_connections",
      help: "Open co-editing connections on this collab process",
      registers: [registry],
      collect() {
        const load = loadGlobals[collabLoadKey];
        if (load) this.set(load().connections);
      },
    }),
    collabDocuments: new Gauge({
      name: "conductor_collab_documents",
      help: "Shared documents loaded in this collab process",
      registers: [registry],
      collect() {
        const load = loadGlobals[collabLoadKey];
        if (load) this.set(load().documents);
      },
    }),
    documentStoreDuration: new Histogram({
      name: "conductor_document_store_duration_seconds",
      help: "Loading and storing shared documents in the database",
      labelNames: ["operation", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: "conductor_queue_depth",
      help: "Jobs waiting in a queue (set by the job queue)",
      labelNames: ["queue"] as const,
      registers: [registry],
    }),
    importRowsPerSecond: new Gauge({
      name: "conductor_import_rows_per_second",
      help: "Rows per second of the latest import of each kind (set by the importer)",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    importRows: new Counter({
      name: "conductor_import_rows_total",
      help: "Rows imported, by kind",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process even when a bundler copies this module into
// several chunks (Next.js): every chunk's observations land in the one served.
const metricsKey = Symbol.for("conductor.ops.metrics");
const globals = globalThis as unknown as Record<symbol, Metrics>;

/** The process's metrics. Other parts feed the gauges (queue depth, import rows per second). */
export function metrics(): Metrics {
  globals[metricsKey] ??= createMetrics();
  return globals[metricsKey];
}

/** Times `work` into a histogram with `labels` plus its outcome ("ok" or "error"). */
export async function timed<T>(
  histogram: Histogram<"operation" | "outcome">,
  operation: string,
  work: () => Promise<T>,
): Promise<T> {
  const end = histogram.startTimer({ operation });
  try {
    const result = await work();
    end({ outcome: "ok" });
    return result;
  } catch (error) {
    end({ outcome: "error" });
    throw error;
  }
}

/**
 * Serves `GET /metrics` in Prometheus' text format on its own port, so the
 * figures are reachable by the scraper on an internal network and never by
 * the public through the app's port.
 */
export function serveMetrics(
  port: number,
  host = "127.0.0.1",
  registry: Registry = metrics().registry,
): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://metrics").pathname;
    if (request.method !== "GET" || path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Only GET /metrics is here\n");
      return;
    }
    try {
      const body = await registry.metrics();
      response.writeHead(200, { "content-type": registry.contentType }).end(body);
    } catch {
      response.writeHead(500, { "content-type": "text/plain" }).end("Metrics failed\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host }, () => {
      server.off("error", reject);
      server.unref(); // never what keeps a stopping process alive
      resolve(server);
    });
  });
}

/** METRICS_PORT as a port number, undefined when unset or empty (metrics off), or an error naming it. */
export function metricsPortFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`METRICS_PORT must be a port number (1-65535), not ${JSON.stringify(value)}`);
  return port;
}
