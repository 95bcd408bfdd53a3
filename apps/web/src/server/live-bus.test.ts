import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { LiveEvent } from "@conductor/api";
import { afterEach, describe, expect, it } from "vitest";
import { createLiveBus, type LiveBus } from "./live-bus";
import { liveStream } from "./live-stream";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const review = (organizationId: string, communicationId: string): LiveEvent => ({
  kind: "review",
  organizationId,
  communicationId,
});

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
});
const bus = (options: Parameters<typeof createLiveBus>[0]) => {
  const made = createLiveBus(options);
  open.push(made);
  return made;
};

/** Reads a stream's server-sent events as { event, data } until `count` have arrived or it ends. */
async function readEvents(stream: ReadableStream<Uint8Array>, count: number) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: unknown }[] = [];
  let buffer = "";
  while (events.length < count) {
    const next = await reader.read();
    if (next.done) break;
    buffer += decoder.decode(next.value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const event = block.find((l) => l.startsWith("event: "))?.slice(7);
      const data = block.find((l) => l.startsWith("data: "))?.slice(6);
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  reader.releaseLock();
  return events;
}

describe("the live bus in one process", () => {
  it("delivers an organisation's events, in order, only to that organisation's subscribers", async () => {
    const live = bus({ channel: "unused" });
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    live.subscribe("org-a", (e) => a.push(e));
    const stopB = live.subscribe("org-b", (e) => b.push(e));
    await live.publish(review("org-a", "c1"));
    await live.publish(review("org-b", "c2"));
    await live.publish({ kind: "notification", organizationId: "org-a", userIds: ["u1"] });
    expect(a).toEqual([
      review("org-a", "c1"),
      { kind: "notification", organizationId: "org-a", userIds: ["u1"] },
    ]);
    expect(b).toEqual([review("org-b", "c2")]);
    stopB();
    await live.publish(review("org-b", "c3"));
    expect(b).toHaveLength(1);
  });

  it("one failing subscriber does not keep the event from the others", async () => {
    const live = bus({ channel: "unused" });
    const heard: LiveEvent[] = [];
    live.subscribe("org-a", () => {
      throw new Error("a broken screen");
    });
    live.subscribe("org-a", (e) => heard.push(e));
    await live.publish(review("org-a", "c1"));
    expect(heard).toEqual([review("org-a", "c1")]);
  });
});

describe("a member's event stream", () => {
  it("says it is ready, passes review events of the organisation, and notifications only for that person", async () => {
    const live = bus({ channel: "unused" });
    const stream = liveStream({
      bus: live,
      organizationId: "org-a",
      userId: "me",
      stillMember: async () => true,
    });
    const reading = readEvents(stream, 4);
    // Published in this order; another organisation's and another person's never show.
    await live.publish(review("org-b", "theirs"));
    await live.publish({ kind: "notification", organizationId: "org-a", userIds: ["someone"] });
    await live.publish(review("org-a", "ours"));
    await live.publish({ kind: "notification", organizationId: "org-a", userIds: ["x", "me"] });
    await live.publish(review("org-a", "ours-again"));
    expect(await reading).toEqual([
      { event: "ready", data: {} },
      { event: "change", data: { kind: "review", communicationId: "ours" } },
      // Who else was told stays on the server.
      { event: "change", data: { kind: "notification" } },
      { event: "change", data: { kind: "review", communicationId: "ours-again" } },
    ]);
  });

  it("someone removed from the organisation hears nothing more: the stream ends", async () => {
    const live = bus({ channel: "unused" });
    let member = true;
    const stream = liveStream({
      bus: live,
      organizationId: "org-a",
      userId: "me",
      stillMember: async () => member,
    });
    const reading = readEvents(stream, 10);
    await live.publish(review("org-a", "before"));
    // Another person's access change is none of this stream's business; its own
    // while still a member shows nothing.
    await live.publish({ kind: "access", organizationId: "org-a", userId: "someone" });
    await live.publish({ kind: "access", organizationId: "org-a", userId: "me" });
    member = false;
    // The removal itself ends the stream, before any other event of the organisation.
    await live.publish({ kind: "access", organizationId: "org-a", userId: "me" });
    expect(await reading).toEqual([
      { event: "ready", data: {} },
      { event: "change", data: { kind: "review", communicationId: "before" } },
      { event: "ended", data: {} },
    ]);
  });
});

describe("the live bus across web processes, through Redis", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill("SIGTERM");
  });

  it("an event published in one process reaches a subscriber in another, and only its organisation's", async () => {
    const channel = `conductor-test-${randomBytes(4).toString("hex")}:live`;
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        new URL("./live-bus.subscriber.ts", import.meta.url).pathname,
        REDIS_URL,
        channel,
        "org-a",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe("ready");

    const here = bus({ redisUrl: REDIS_URL, channel });
    await here.ready;
    const heardHere: LiveEvent[] = [];
    const allHeardHere = new Promise<void>((resolve) => {
      const hear = (e: LiveEvent) => {
        heardHere.push(e);
        if (heardHere.length === 3) resolve();
      };
      here.subscribe("org-b", hear);
      here.subscribe("org-a", hear);
    });
    await here.publish(review("org-b", "b-only"));
    await here.publish(review("org-a", "first"));
    await here.publish({ kind: "notification", organizationId: "org-a", userIds: ["u1"] });

    const heardThere = [(await lines.next()).value, (await lines.next()).value].map((l) =>
      JSON.parse(String(l)),
    );
    expect(heardThere).toEqual([
      review("org-a", "first"),
      { kind: "notification", organizationId: "org-a", userIds: ["u1"] },
    ]);
    // The publishing process hears its own events through Redis as the others do.
    await allHeardHere;
    expect(heardHere).toEqual([
      review("org-b", "b-only"),
      review("org-a", "first"),
      { kind: "notification", organizationId: "org-a", userIds: ["u1"] },
    ]);
  });

  it("drops what is not a live event (another installation's or a forged message)", async () => {
    const channel = `conductor-test-${randomBytes(4).toString("hex")}:live`;
    const here: LiveBus = bus({ redisUrl: REDIS_URL, channel });
    await here.ready;
    const heard: LiveEvent[] = [];
    here.subscribe("org-a", (e) => heard.push(e));
    const { default: IORedis } = await import("ioredis");
    const raw = new IORedis(REDIS_URL);
    try {
      await raw.publish(channel, "not json");
      await raw.publish(channel, JSON.stringify({ kind: "review", organizationId: "org-a" }));
      await raw.publish(channel, JSON.stringify({ kind: "wipe", organizationId: "org-a" }));
    } finally {
      await raw.quit();
    }
    // Redis delivers a channel's messages in order, so by the real one the rest were seen.
    const real = new Promise<void>((resolve) => {
      const stop = here.subscribe("org-a", () => {
        stop();
        resolve();
      });
    });
    await here.publish(review("org-a", "real"));
    await real;
    expect(heard).toEqual([review("org-a", "real")]);
  });
});
