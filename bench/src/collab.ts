// Issue 4's and 19's figures (prints numbers; asserts nothing):
//   propagation — 20 Hocuspocus providers typing into one document: update
//                 propagation p50/p95 on loopback through our collab server
//                 (auth, persistence, Redis when BENCH_REDIS_URL or
//                 redis://127.0.0.1:6379 answers), beside bare Hocuspocus (no
//                 auth, no persistence, no Redis) in its own process, in the
//                 same run (goal: p95 ≤ 2× bare);
//   load        — 200 documents × 3 editors on one collab process: CPU,
//                 memory per loaded document, errors (goal: none);
//   keystroke   — keystroke → updated clarity panel on a 2,000-word document
//                 in Chromium (goal: analysis work under one frame, 16 ms).
// The collab server runs in its own process, as `npm start` runs it, on the
// embedded database served over loopback.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createConnection } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { collabSigningKey, issueCollabToken, loadActor } from "@conductor/core";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { serveEmbeddedDatabase } from "@conductor/db/embedded";
import { applyMigrations } from "@conductor/db/migrate";
import { type DemoSeedResult, seedDemoOrganization } from "@conductor/db/seed";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { freePort, root } from "./app";
import { percentile } from "./load";

const AUTH_SECRET = "bench-collab-auth-secret-0123456789abcdef";
export const SECRET = collabSigningKey(AUTH_SECRET);
const reviewers = [
  "legal",
  "marketing",
  "compliance",
  "regulatory",
  "accounting",
  "product",
] as const;

export interface Fixture {
  db: OpenDatabase;
  demo: DemoSeedResult;
  port: number;
  collab: ChildProcess;
  stop(): Promise<void>;
}

/** Redis for the collab server when one answers: BENCH_REDIS_URL, else the usual local port. */
export async function redisUrl(): Promise<string> {
  const url = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
  if (!url) return "";
  const { hostname, port } = new URL(url);
  const answers = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    // The probe's socket and timer end with its answer: left open, they kept
    // the bench process alive after it printed.
    const answer = (yes: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(yes);
    };
    const timer = setTimeout(() => answer(false), 1000);
    socket.once("connect", () => answer(true));
    socket.once("error", () => answer(false));
  }).catch(() => false);
  return answers ? url : "";
}

/** Waits for a child process to print `word` on stdout (or fails if it exits first). */
function printed(child: ChildProcess, word: string) {
  return new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes(word)) resolve();
    });
    child.once("exit", () => reject(new Error("the server exited")));
  });
}

/**
 * The anchor: Hocuspocus as it ships, with no extension and no hook — no
 * authentication, no persistence, no Redis — in its own process, as ours is.
 */
async function startBareHocuspocus() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { Server } from "@hocuspocus/server";
       const server = new Server({ port: ${port}, address: "127.0.0.1", quiet: true });
       await server.listen();
       console.log("listening");`,
    ],
    { cwd: join(root, "apps", "collab"), stdio: ["ignore", "pipe", "inherit"] },
  );
  await printed(child, "listening");
  return {
    port,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

export async function startFixture(redis = ""): Promise<Fixture> {
  const dataDir = await mkdtemp(join(tmpdir(), "conductor-bench-collab-"));
  const served = await serveEmbeddedDatabase({
    dataDir: join(dataDir, "pglite"),
    port: await freePort(),
    prepare: async (connection) => void (await applyMigrations(connection)),
  });
  const db = await openDatabase({ kind: "postgres", url: served.url });
  const demo = (await seedDemoOrganization(db.prisma))!;
  const port = await freePort();
  const collab = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: join(root, "apps", "collab"),
    env: {
      ...process.env,
      DATABASE_URL: served.url,
      CONDUCTOR_EMBEDDED: "1",
      AUTH_SECRET,
      COLLAB_PORT: String(port),
      REDIS_URL: redis,
      // A prefix of its own: the Redis server may be shared.
      REDIS_PREFIX: `bench-${randomBytes(4).toString("hex")}`,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await printed(collab, "listening");
  return {
    db,
    demo,
    port,
    collab,
    stop: async () => {
      collab.kill("SIGTERM");
      await new Promise((r) => collab.once("exit", r));
      await db.close();
      await served.stop();
    },
  };
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function processUsage(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
  return { cpuSeconds: ticks / 100, rssMb: rssKb / 1024 };
}

export interface Editor {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  synced: Promise<void>;
  errors: string[];
}

export function openEditor(port: number, documentName: string, token: string): Editor {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}`,
    WebSocketPolyfill: WebSocket,
  });
  const errors: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    token,
    document: doc,
    onAuthenticationFailed: ({ reason }) => void errors.push(`refused: ${reason}`),
    onClose: ({ event }) => void errors.push(`closed: ${event.reason || event.code}`),
  });
  provider.attach();
  const synced = new Promise<void>((resolve) => provider.on("synced", () => resolve()));
  return { doc, provider, socket, synced, errors };
}

const ownParagraphs = new WeakMap<Y.Doc, Y.XmlElement>();

/** Each editor types into its own paragraph, and stamps the send time beside it. */
function typeOnce(editor: Editor, id: string, seq: number) {
  const fragment = editor.doc.getXmlFragment("default");
  editor.doc.transact(() => {
    let paragraph = ownParagraphs.get(editor.doc);
    if (!paragraph) {
      paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("")]);
      fragment.push([paragraph]);
      ownParagraphs.set(editor.doc, paragraph);
    }
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(text.length, seq % 6 === 5 ? " " : "a");
    editor.doc.getMap("bench-sent").set(id, [seq, performance.now()]);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tokensFor(f: Fixture, communicationId: string, count: number) {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = f.demo.userIds[reviewers[i % reviewers.length]!];
    const actor = await loadActor(f.db.prisma, userId);
    tokens.push(
      (await issueCollabToken({ db: f.db.prisma, actor }, communicationId, SECRET)).token,
    );
  }
  return tokens;
}

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const EDITORS = 20;

/** 20 editors typing into one document on the server at `port`: latency of every delivery. */
async function typeTogether(port: number, documentName: string, tokens: string[], pid: number) {
  const editors = tokens.map((token) => openEditor(port, documentName, token));
  await Promise.all(editors.map((e) => e.synced));
  const latencies: number[] = [];
  editors.forEach((editor, index) => {
    editor.doc.getMap("bench-sent").observe((event) => {
      const now = performance.now();
      if (event.transaction.local) return;
      for (const key of event.keysChanged) {
        if (key === String(index)) continue;
        const [, sentAt] = editor.doc.getMap("bench-sent").get(key) as [number, number];
        latencies.push(now - sentAt);
      }
    });
  });
  const perEditorPerSecond = 5; // a brisk typist; 100 updates/s into one document
  const before = processUsage(pid);
  const started = performance.now();
  const typing = editors.map(async (editor, index) => {
    await sleep(Math.random() * 200);
    for (let seq = 0; performance.now() - started < SECONDS * 1000; seq++) {
      typeOnce(editor, String(index), seq);
      await sleep(1000 / perEditorPerSecond);
    }
  });
  await Promise.all(typing);
  await sleep(1000);
  const after = processUsage(pid);
  const wall = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const texts = new Set(editors.map((e) => e.doc.getXmlFragment("default").toString()));
  const errors = editors.flatMap((e) => e.errors).length;
  for (const e of editors) {
    e.provider.destroy();
    e.socket.destroy();
  }
  return {
    deliveries: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpu: ((after.cpuSeconds - before.cpuSeconds) / wall) * 100,
    rssMb: after.rssMb,
    converged: texts.size === 1,
    errors,
  };
}

async function propagation() {
  const redis = await redisUrl();
  const loadBefore = loadavg()[0]!.toFixed(1);
  const f = await startFixture(redis);
  const bare = await startBareHocuspocus();
  try {
    const { id } = await f.db.prisma.communication.findFirstOrThrow({
      where: { organizationId: f.demo.organizationId },
    });
    const tokens = await tokensFor(f, id, EDITORS);
    // Bare, ours, bare: a change in the machine's load during the run shows.
    const bareBefore = await typeTogether(bare.port, id, tokens, bare.child.pid!);
    const ours = await typeTogether(f.port, id, tokens, f.collab.pid!);
    const bareAfter = await typeTogether(bare.port, id, tokens, bare.child.pid!);
    const anchor = (bareBefore.p95 + bareAfter.p95) / 2;
    const line = (name: string, r: Awaited<ReturnType<typeof typeTogether>>) =>
      `  ${name.padEnd(34)} deliveries ${String(r.deliveries).padStart(6)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  server CPU ${r.cpu.toFixed(0)}%, RSS ${r.rssMb.toFixed(0)} MB; converged ${r.converged ? "yes" : "NO"}; errors ${r.errors}`;
    console.log(
      `propagation: ${EDITORS} editors, one document, 5 keystrokes/s each, ${SECONDS} s per server (goal: p95 ≤ 2× bare Hocuspocus)`,
    );
    console.log(line("bare Hocuspocus (before)", bareBefore));
    console.log(
      line(`ours: auth, persistence${redis ? ", Redis" : " (no Redis: none answered)"}`, ours),
    );
    console.log(line("bare Hocuspocus (after)", bareAfter));
    console.log(
      `  p95 ratio ${(ours.p95 / anchor).toFixed(2)}× bare (mean of before and after)   load ${loadBefore} → ${loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    await bare.stop();
    await f.stop();
  }
}

async function load() {
  const documents = 200;
  const perDocument = 3;
  const f = await startFixture();
  try {
    const base = await f.db.prisma.communication.findFirstOrThrow({
      where: { organizationId: f.demo.organizationId },
    });
    const body = base.body;
    await f.db.prisma.communication.createMany({
      data: Array.from({ length: documents }, (_, i) => ({
        organizationId: f.demo.organizationId,
        ownerId: base.ownerId,
        title: `Load ${i}`,
        channel: "EMAIL" as const,
        audienceDescription: "Bench",
        body,
      })),
    });
    const ids = (
      await f.db.prisma.communication.findMany({
        where: { title: { startsWith: "Load " } },
        select: { id: true },
      })
    ).map((c) => c.id);
    await sleep(500);
    const idle = processUsage(f.collab.pid!);
    const editors: { editor: Editor; doc: string }[] = [];
    const openStarted = performance.now();
    for (const id of ids) {
      for (const token of await tokensFor(f, id, perDocument))
        editors.push({ editor: openEditor(f.port, id, token), doc: id });
    }
    await Promise.all(editors.map((e) => e.editor.synced));
    const openSeconds = (performance.now() - openStarted) / 1000;
    await sleep(2000);
    const loaded = processUsage(f.collab.pid!);

    const seconds = 30;
    const started = performance.now();
    await Promise.all(
      editors.map(async ({ editor }, index) => {
        await sleep(Math.random() * 2000);
        for (let seq = 0; performance.now() - started < seconds * 1000; seq++) {
          typeOnce(editor, String(index), seq);
          await sleep(2000); // one keystroke every 2 s per editor: 300 updates/s in all
        }
      }),
    );
    await sleep(3000); // let the last edits arrive and the debounced stores run
    const after = processUsage(f.collab.pid!);
    const wall = (performance.now() - started) / 1000;
    const byDoc = new Map<string, Set<string>>();
    for (const { editor, doc } of editors) {
      const set = byDoc.get(doc) ?? new Set();
      set.add(editor.doc.getXmlFragment("default").toString());
      byDoc.set(doc, set);
    }
    const diverged = [...byDoc.values()].filter((s) => s.size > 1).length;
    const stored = await f.db.prisma.communicationDocument.count({
      where: { communicationId: { in: ids } },
    });
    const errors = editors.flatMap((e) => e.editor.errors);
    console.log(`load: ${documents} documents × ${perDocument} editors on one collab process`);
    console.log(
      `  opened ${editors.length} connections in ${openSeconds.toFixed(1)} s; RSS idle ${idle.rssMb.toFixed(0)} MB → loaded ${loaded.rssMb.toFixed(0)} MB = ${(((loaded.rssMb - idle.rssMb) * 1024) / documents).toFixed(0)} KB per loaded document (with its 3 connections)`,
    );
    console.log(
      `  typing 30 s (300 updates/s): collab CPU ${(((after.cpuSeconds - loaded.cpuSeconds) / wall) * 100).toFixed(0)}% of one core, RSS ${after.rssMb.toFixed(0)} MB`,
    );
    console.log(
      `  errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].slice(0, 5).join("; ")})` : ""}; documents not converged: ${diverged}; stored: ${stored}/${documents}   (goal: no errors)`,
    );
    for (const { editor } of editors) {
      editor.provider.destroy();
      editor.socket.destroy();
    }
  } finally {
    await f.stop();
  }
}

export async function collabBench(parts: string[]) {
  const all = parts.length === 0;
  if (all || parts.includes("propagation")) await propagation();
  if (all || parts.includes("load")) await load();
  if (all || parts.includes("keystroke")) {
    const { keystrokeBench } = await import("./keystroke");
    await keystrokeBench();
  }
  if (all || parts.includes("suggestions")) {
    const { suggestionsBench } = await import("./suggestions");
    await suggestionsBench();
  }
}
