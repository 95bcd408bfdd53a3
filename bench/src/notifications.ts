// Issue 17's figures for the job queue: 1,000 reminders due at the same
// minute, all sent once, with two worker processes (goal: within 60 s), and
// what a decision pays to enqueue its mail (goal: p95 under 5 ms) beside a
// bare one-row INSERT inside a transaction measured in the same run: first
// with both workers up and idle (the ordinary case of a decision), then, as
// before, while they deliver the mail those same decisions make. PostgreSQL,
// and the embedded database through its socket server as `npm start` runs
// it. Prints; asserts nothing.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "@conductor/db";
import { serveEmbeddedDatabase } from "@conductor/db/embedded";
import { applyMigrations } from "@conductor/db/migrate";
import { createOrganization, createReleasedMessage } from "@conductor/db/seed";
import { freePort } from "@conductor/db/testing";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { SMTPServer } from "smtp-server";
import { queues } from "../../packages/core/src/jobs/worker";
import { smtpTransport } from "../../packages/core/src/mail/transport";
import { notifyPeople } from "../../packages/core/src/reviews/review-notifications";
import { root } from "./app";
import { PG_SERVER } from "./databases";

const PEOPLE = Number(process.env.BENCH_REMINDERS ?? 1000);
/** Samples of the enqueue: with the workers idle, and committed while they deliver. */
const IDLE = Number(process.env.BENCH_IDLE_DECISIONS ?? 400);
const DELIVERING = Number(process.env.BENCH_DECISIONS ?? 200);

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

async function smtpCounter() {
  const arrivals = new Map<string, number>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        total++;
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
    total: () => total,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A webhook receiver on loopback that answers every delivery at once, counting them. */
async function webhookReceiver() {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received++;
      response.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received: () => received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * One job worker in its own process, as `npm start` runs it
 * (packages/core/src/jobs/main.ts): the issue's figure is for two worker
 * processes, and workers in the bench's own process would also block its
 * event loop while they render mail, which the enqueue timings would count.
 */
async function startWorkerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/jobs/main.ts"], {
    cwd: join(root, "packages", "core"),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("worker: ready")) {
        child.stdout?.off("data", onData);
        // Keep reading, so a full pipe never stops the worker.
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the worker exited (${code})`)));
  });
  return {
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Thrown to roll a measured transaction back. */
class RolledBack extends Error {}

async function rolledBack(run: (tx: Transaction) => Promise<void>, prisma: Database) {
  await prisma
    .$transaction(async (tx) => {
      await run(tx);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
}

type Transaction = Parameters<typeof notifyPeople>[0];

async function measure(name: string, url: string) {
  const db = await openDatabase({ kind: "postgres", url });
  const smtp = await smtpCounter();
  const hooks = await webhookReceiver();
  const workers: { stop: () => Promise<void> }[] = [];
  try {
    const org = await createOrganization(db.prisma, { name: "Bench Energy" });
    const [owner, ...otherManagers] = await Promise.all(
      ["Owner", "Manager Two", "Manager Three"].map(
        async (who) =>
          (
            await db.prisma.user.create({
              data: {
                email: `${who.replace(" ", "-").toLowerCase()}-${randomUUID()}@bench.test`,
                name: who,
              },
            })
          ).id,
      ),
    );
    if (!owner) throw new Error("no owner");
    // The owner and two more comms managers: who an approval notifies.
    await db.prisma.membership.createMany({
      data: [owner, ...otherManagers].map((userId) => ({
        organizationId: org.id,
        userId,
        roles: ["COMMS_MANAGER" as const],
        functions: [],
      })),
    });
    // And one webhook that asked for approvals: its delivery is the other outbox row.
    await db.prisma.webhook.create({
      data: {
        organizationId: org.id,
        name: "Approvals",
        url: hooks.url,
        secret: "whsec_bench",
        events: ["REVIEW_APPROVED"],
      },
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
    for (let i = 0; i < 2; i++)
      workers.push(
        await startWorkerProcess({
          DATABASE_URL: url,
          SMTP_URL: smtp.url,
          APP_URL: "https://bench.example",
          MAIL_FROM: "bench@bench.example",
          AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
          // The webhook receiver is on loopback.
          WEBHOOKS_ALLOW_PRIVATE: "1",
        }),
      );

    // What a decision that approves the last stage enqueues, exactly as
    // decideReview calls it: the owner and every comms manager (found in the
    // same statement), never the decider, and the approval webhook.
    const decider = users[0]?.id ?? "";
    const enqueueApproval = (tx: Transaction) =>
      notifyPeople(tx, { userIds: [owner], commsManagers: true }, "REVIEW_APPROVED", {
        organizationId: org.id,
        communicationId: communication.id,
        actorId: decider,
        actorName: "Legal 0",
        excerpt: "Bench reminder: every stage approved; ready to release",
      });
    // The anchor, through the same client and the same kind of transaction:
    // one bare one-row INSERT. A table of the bench's own, in its own database.
    await db.prisma.$executeRawUnsafe(
      "CREATE TABLE bench_anchor (id text PRIMARY KEY, body text NOT NULL)",
    );
    const anchorInsert = (tx: Transaction) =>
      tx.$executeRaw`INSERT INTO bench_anchor VALUES (${randomUUID()}, 'x')`;
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    const directInsert = () =>
      direct.query("INSERT INTO bench_anchor VALUES ($1, $2)", [randomUUID(), "x"]);

    // 1. The ordinary case of a decision: the two workers are up and polling,
    // with nothing to deliver. What the enqueue adds to a decision is its
    // statement inside the decision's transaction (the decision commits
    // anyway; its commit is not the enqueue's). Each sample is rolled back,
    // so nothing is left for the workers to deliver and they stay idle.
    const idle = { enqueue: [] as number[], anchor: [] as number[], direct: [] as number[] };
    const time = async (into: number[], run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      into.push(performance.now() - t);
    };
    // Past the workers' start-up (queues made, crons scheduled): polling only.
    await new Promise((r) => setTimeout(r, 5000));
    for (let i = 0; i < 20; i++) await rolledBack((tx) => enqueueApproval(tx), db.prisma);
    for (let i = 0; i < IDLE; i++) {
      await rolledBack((tx) => time(idle.enqueue, () => enqueueApproval(tx)), db.prisma);
      await rolledBack((tx) => time(idle.anchor, () => anchorInsert(tx)), db.prisma);
      await direct.query("BEGIN");
      await time(idle.direct, directInsert);
      await direct.query("ROLLBACK");
    }
    const leftOver = await db.prisma.notification.count({ where: { kind: "REVIEW_APPROVED" } });

    // 2. 1,000 people waited on by a stage due this minute.
    await db.prisma.review.update({
      where: { id: review.id },
      data: { status: "IN_REVIEW", stage: 0, stageDueAt: new Date(Date.now() - 1000) },
    });
    const started = performance.now();
    // What the minutely cron sends; both workers poll the queue.
    const boss = new PgBoss({
      connectionString: url,
      schema: "pgboss",
      max: 1,
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    await boss.send(queues.reminders, {});
    const done = await waitFor(() => smtp.arrivals.size >= PEOPLE, 300_000);
    const seconds = (performance.now() - started) / 1000;
    await boss.stop({ graceful: false });
    await new Promise((r) => setTimeout(r, 3000));
    const twice = [...smtp.arrivals.values()].filter((n) => n > 1).length;
    const reminded = smtp.arrivals.size;

    // 3. As before: 200 decisions (twice over) enqueue and commit, while both workers
    // deliver the mail and webhook calls these same decisions make.
    const enqueue: number[] = [];
    const anchor: number[] = [];
    const marginal: number[] = [];
    const marginalAnchor: number[] = [];
    const marginalDirect: number[] = [];
    const hooksBefore = hooks.received();
    const mailsBefore = smtp.total();
    for (let i = 0; i < DELIVERING; i++) {
      await time(enqueue, () => db.prisma.$transaction((tx) => enqueueApproval(tx)));
      await time(anchor, directInsert);
      await db.prisma.$transaction((tx) => time(marginal, () => enqueueApproval(tx)));
      await db.prisma.$transaction((tx) => time(marginalAnchor, () => anchorInsert(tx)));
      await direct.query("BEGIN");
      await time(marginalDirect, directInsert);
      await direct.query("COMMIT");
    }
    await direct.end();
    // The approvals' mail (3 people each) and webhook calls, all delivered.
    const approvalMails = (1 + otherManagers.length) * 2 * DELIVERING;
    const mailed = await waitFor(
      () =>
        smtp.total() - mailsBefore >= approvalMails &&
        hooks.received() - hooksBefore >= 2 * DELIVERING,
      120_000,
    );
    const approvalMailsSent = smtp.total() - mailsBefore;

    // Counted again at the end: a reminder sent a second time after the
    // 3 s wait above would not have been seen there.
    const legal = new Set(users.map((u) => u.email));
    const remindedTwiceByEnd = [...smtp.arrivals.entries()].filter(
      ([to, n]) => legal.has(to) && n > 1,
    ).length;
    const mailsByKind = (
      await db.prisma.outgoingMail.groupBy({ by: ["kind"], _count: { _all: true } })
    )
      .map((g) => `${g.kind} ${g._count._all}`)
      .join(", ");

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

    const ms = (xs: number[]) => `${p95(xs).toFixed(2)} ms`;
    const ratio = (a: number[], b: number[]) => `${(p95(a) / p95(b)).toFixed(1)}×`;
    const label = name.padEnd(8);
    console.log(
      `${label} reminders ${String(reminded).padStart(5)} sent in ${seconds.toFixed(1)} s${done ? "" : " (NOT all within 300 s)"}, ${twice} sent twice · anchor: ${PEOPLE} direct SMTP sends ${anchorSeconds.toFixed(1)} s · ratio ${(seconds / anchorSeconds).toFixed(1)}×`,
    );
    console.log(
      `${label} workers idle, ${IDLE} samples: enqueue inside the decision's transaction p95 ${ms(idle.enqueue)} · anchor one-row INSERT inside a transaction (same client) p95 ${ms(idle.anchor)} · ratio ${ratio(idle.enqueue, idle.anchor)} · (raw pg INSERT p95 ${ms(idle.direct)}) (goal: under 5 ms)${leftOver ? ` · ${leftOver} approvals left behind (NOT rolled back)` : ""}`,
    );
    console.log(
      `${label} workers delivering: enqueue on a decision, its own transaction, p95 ${ms(enqueue)} · anchor bare INSERT (autocommit) p95 ${ms(anchor)} · ratio ${ratio(enqueue, anchor)} (commit included)`,
    );
    console.log(
      `${label} workers delivering: enqueue inside the decision's transaction p95 ${ms(marginal)} · anchor one-row INSERT inside a transaction (same client) p95 ${ms(marginalAnchor)} · ratio ${ratio(marginal, marginalAnchor)} · (raw pg INSERT p95 ${ms(marginalDirect)}) (goal: under 5 ms)`,
    );
    console.log(
      `${label} approvals delivered: ${approvalMailsSent} of ${approvalMails} mails, ${hooks.received() - hooksBefore} of ${2 * DELIVERING} webhook calls${mailed ? "" : " (NOT all within 120 s)"} · reminded people sent more than one mail by the end: ${remindedTwiceByEnd} · mail made, by kind: ${mailsByKind}`,
    );
  } finally {
    for (const w of workers) await w.stop();
    await hooks.close();
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
