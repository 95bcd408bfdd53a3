// Runs once when the server process starts, before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { Server } = await import("node:http");
  const { markPeerAddressStamping, stampPeerAddress } = await import("./server/client-address");
  // Every request, before Next sees it, carries the socket's own address
  // under a header name the client cannot set (it is overwritten here).
  const emit = Server.prototype.emit as (this: unknown, ...args: unknown[]) => boolean;
  Server.prototype.emit = function (this: unknown, ...args: unknown[]) {
    if (args[0] === "request") stampPeerAddress(args[1] as import("node:http").IncomingMessage);
    return emit.apply(this, args);
  } as typeof Server.prototype.emit;
  markPeerAddressStamping();
}
