// Runs once when the server process starts, before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { Server } = await import("node:http");
  const { markPeerAddressStamping, stampPeerAddress } = await import("./server/client-address");
  const { log, metricsPortFrom, observeHttpRequest, serveMetrics } = await import("@conductor/ops");
  const logger = log("web");
  // Its own port (off when METRICS_PORT is unset): the app's port never serves /metrics.
  const metricsPort = metricsPortFrom(process.env.METRICS_PORT);
  const metricsServer = metricsPort
    ? await serveMetrics(metricsPort, process.env.METRICS_ADDRESS ?? "127.0.0.1")
    : undefined;
  // Every request, before Next sees it, carries the socket's own address
  // under a header name the client cannot set (it is overwritten here), and
  // runs inside its request id's scope: its log lines and calls to collab
  // carry the id, and its latency is recorded by route when it ends.
  const emit = Server.prototype.emit as (this: unknown, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: unknown, ...args: unknown[]) {
    if (args[0] !== "request" || this === metricsServer) return emit.apply(this, args);
    const request = args[1] as import("node:http").IncomingMessage;
    stampPeerAddress(request);
    return observeHttpRequest(
      "web",
      logger,
      request,
      args[2] as import("node:http").ServerResponse,
      () => emit.apply(this, args),
    );
  } as typeof Server.prototype.emit;
  markPeerAddressStamping();
  if (metricsPort) logger.info({ metricsPort }, "web: metrics on their own port");
}
