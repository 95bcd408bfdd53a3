// Issue 17's figures for the job queue: 1,000 reminders due at the same
// minute, all sent once, with two workers (goal: within 60 s), and what a
// decision pays to enqueue its mail (goal: p95 under 5 ms) beside a bare
// INSERT measured in the same run. PostgreSQL, and the embedded database
// through its socket server as `npm start` runs it. Prints; asserts nothing.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@conductor/db";
import { serveEmbeddedDatabase } from "@conductor/db/embedded";
import { applyMigrations } from "@conductor/db/migrate";
import { createOrganization, createReleasedMessage } from "@conductor/db/seed";
import { freePort } from "@conductor/db/testing";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { queues, startWorker } from "../../packages/core/src/jobs/worker";
import { smtpTransport } from "../../packages/core/src/mail/transport";
import { notifyPeople } from "../../packages/core/src/reviews/review-notifications";
import { PG_SERVER } from "./databases";

const PEOPLE = Number(process.env.BENCH_REMINDERS ?? 1000);

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

async function smtpCounter() {
  const arrivals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        for (const to of session.envelope.rcptTo)
          arrivals.set(to.address, (arrivals.get(to.address) ?? 0) + 1);
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function measure(name: string, url: string) {
  const db = await openDatabase({ kind: "postgres", url });
  const smtp = await smtpCounter();
  const workers = [];
  try {
    const org = await createOrganization(db.prisma, { name: "Bench Energy" });
    const owner = (
      await db.prisma.user.create({
        data: { email: `owner-${randomUUID()}@bench.test`, name: "Owner" },
      })
    ).id;
    await db.prisma.membership.create({
      data: { organizationId: org.id, userId: owner, roles: ["COMMS_MANAGER"], functions: [] },
    });
    const users = Array.from({ length: PEOPLE }, (_, i) => ({
      id: randomUUID(),
      email: `legal${i}-${randomUUID().slice(0, 8)}@bench.test`,
      name: `Legal ${i}`,
    }));
    await db.prisma.user.createMany({ data: users });
    await db.prisma.membership.createMany({
      data: users.map((u) => ({
        organizationId: org.id,
        userId: u.id,
        functions: ["LEGAL"],
        roles: [],
      })),
    });
    const { review, communication } = await createReleasedMessage(db.prisma, {
      organizationId: org.id,
      ownerId: owner,
      title: "Bench reminder",
      sendDates: [new Date()],
    });
    const mail = {
      appUrl: "https://bench.example",
      smtpUrl: smtp.url,
      from: "bench@bench.example",
      authSecret: "bench-secret-bench-secret-bench-secret-01",
    };
    for (let i = 0; i < 2; i++)
      workers.push(
        await startWorker({
          databaseUrl: url,
          db: db.prisma,
          mail,
          transport: smtpTransport(smtp.url),
          relayEveryMs: 500,
        }),
      );

    // 1,000 people waited on by a stage due this minute.
    await db.prisma.review.update({
      where: { id: review.id },
      data: { status: "IN_REVIEW", stage: 0, stageDueAt: new Date(Date.now() - 1000) },
    });
    const started = performance.now();
    // What the minutely cron sends; both workers poll the queue.
    await workers[0]!.boss.send(queues.reminders, {});
    const done = await waitFor(() => smtp.arrivals.size >= PEOPLE, 300_000);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 3000));
    const twice = [...smtp.arrivals.values()].filter((n) => n > 1).length;
    const reminded = smtp.arrivals.size;

    // Enqueue cost on a decision: its notifications (the outbox rows) in its
    // transaction, three reviewers, beside a bare one-row INSERT.
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    await direct.query("CREATE TEMP TABLE bench_anchor (id text PRIMARY KEY, body text)");
    const enqueue: number[] = [];
    const anchor: number[] = [];
    // What the decision pays on top of its own transaction: the enqueue's
    // statements inside it (the decision commits anyway, so its commit, an
    // fsync of 10-20 ms on this machine's disk, is not the enqueue's cost),
    // beside one bare INSERT statement inside a transaction.
    const marginal: number[] = [];
    const marginalAnchor: number[] = [];
    const three = users.slice(0, 3).map((u) => u.id);
    const notifyThree = (tx: Parameters<typeof notifyPeople>[0]) =>
      notifyPeople(tx, three, "REVIEW_APPROVED", {
        organizationId: org.id,
        communicationId: communication.id,
        actorId: owner,
        actorName: "Owner",
        excerpt: "Bench reminder: every stage approved; ready to release",
      });
    for (let i = 0; i < 200; i++) {
      let t = performance.now();
      await db.prisma.$transaction((tx) => notifyThree(tx));
      enqueue.push(performance.now() - t);
      t = performance.now();
      await direct.query("INSERT INTO bench_anchor VALUES ($1, $2)", [randomUUID(), "x"]);
      anchor.push(performance.now() - t);
      await db.prisma.$transaction(async (tx) => {
        const inside = performance.now();
        await notifyThree(tx);
        marginal.push(performance.now() - inside);
      });
      await direct.query("BEGIN");
      t = performance.now();
      await direct.query("INSERT INTO bench_anchor VALUES ($1, $2)", [randomUUID(), "x"]);
      marginalAnchor.push(performance.now() - t);
      await direct.query("COMMIT");
    }
    await direct.end();

    // Anchor: one transport sending the same number of messages straight to the server.
    const transport = smtpTransport(smtp.url);
    const t0 = performance.now();
    for (let i = 0; i < PEOPLE; i++)
      await transport.send({
        from: "a@b.c",
        to: `anchor${i}@bench.test`,
        subject: "s",
        html: "<p>h</p>",
        text: "h",
        headers: {},
      });
    const anchorSeconds = (performance.now() - t0) / 1000;
    transport.close();

    console.log(
      `${name.padEnd(8)} reminders ${String(reminded).padStart(5)} sent in ${seconds.toFixed(1)} s${done ? "" : " (NOT all within 300 s)"}, ${twice} sent twice · anchor: ${PEOPLE} direct SMTP sends ${anchorSeconds.toFixed(1)} s · ratio ${(seconds / anchorSeconds).toFixed(1)}×`,
    );
    console.log(
      `${name.padEnd(8)} enqueue on a decision p95 ${p95(enqueue).toFixed(2)} ms · anchor bare INSERT p95 ${p95(anchor).toFixed(2)} ms · ratio ${(p95(enqueue) / p95(anchor)).toFixed(1)}× (each its own transaction, commit included)`,
    );
    console.log(
      `${name.padEnd(8)} enqueue inside the decision's transaction p95 ${p95(marginal).toFixed(2)} ms · anchor one INSERT inside a transaction p95 ${p95(marginalAnchor).toFixed(2)} ms · ratio ${(p95(marginal) / p95(marginalAnchor)).toFixed(1)}× (goal: under 5 ms)`,
    );
  } finally {
    for (const w of workers) await w.stop();
    await smtp.close();
    await db.close();
  }
}

async function waitFor(check: () => boolean, ms: number) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

export async function notificationsBench() {
  const only = process.env.BENCH_ONLY;
  if (only !== "pglite") {
    const name = `bench_notify_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
    try {
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = `${PG_SERVER}/${name}`;
      const migrate = await openDatabase({ kind: "postgres", url });
      await applyMigrations(migrate.connection);
      await migrate.close();
      await measure("Postgres", url);
    } catch (error) {
      console.log(`Postgres skipped: ${(error as Error).message}`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.end().catch(() => {});
    }
  }
  if (only !== "postgres") {
    const dir = await mkdtemp(join(tmpdir(), "conductor-notify-"));
    try {
      const served = await serveEmbeddedDatabase({
        dataDir: join(dir, "pglite"),
        port: await freePort(),
        prepare: async (connection) => {
          await applyMigrations(connection);
        },
      });
      try {
        await measure("PGlite", served.url);
      } finally {
        await served.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
