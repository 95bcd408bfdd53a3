import type { LiveEvent } from "@conductor/api";
import type { LiveBus } from "./live-bus";

/** What a screen is told: the kind and, for a review, which communication. Never who else was told. */
export type LiveMessage = { kind: "review"; communicationId: string } | { kind: "notification" };

/**
 * The server-sent event stream of one signed-in member in one organisation.
 * The bus already keeps other organisations' events out; here a notification
 * event reaches only the people it names, and before each event the member's
 * place in the organisation is checked again, so someone removed mid-stream
 * hears nothing more; their removal itself (an "access" event) ends the
 * stream at once. The stream ends after `maxAgeMs`: the browser
 * reconnects through the route, which checks the sign-in again.
 */
export function liveStream(options: {
  bus: LiveBus;
  organizationId: string;
  userId: string;
  /** Re-checked before each event: is this person still a member? */
  stillMember(): Promise<boolean>;
  signal?: AbortSignal;
  heartbeatMs?: number;
  maxAgeMs?: number;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      // One event at a time, in order, each after its own membership check.
      let queue = Promise.resolve();
      const unsubscribe = options.bus.subscribe(options.organizationId, (event: LiveEvent) => {
        if (event.kind === "notification" && !event.userIds.includes(options.userId)) return;
        if (event.kind === "access" && event.userId !== options.userId) return;
        // An access change is only a reason to check again; it shows nothing.
        const message: LiveMessage | null =
          event.kind === "review"
            ? { kind: "review", communicationId: event.communicationId }
            : event.kind === "notification"
              ? { kind: "notification" }
              : null;
        queue = queue.then(async () => {
          if (!open) return;
          if (!(await options.stillMember().catch(() => false))) {
            send("event: ended\ndata: {}\n\n");
            return stop();
          }
          if (message) send(`event: change\ndata: ${JSON.stringify(message)}\n\n`);
        });
      });
      const heartbeat = setInterval(() => send(": still here\n\n"), options.heartbeatMs ?? 25_000);
      const expiry = setTimeout(() => stop(), options.maxAgeMs ?? 5 * 60_000);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(expiry);
        try {
          controller.close();
        } catch {}
      };
      options.signal?.addEventListener("abort", () => stop());
      // Tells the browser how soon to reconnect, and that it is connected.
      send("retry: 2000\nevent: ready\ndata: {}\n\n");
    },
    cancel() {
      stop();
    },
  });
}
