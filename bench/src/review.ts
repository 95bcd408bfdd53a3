// Issue 6's and 19's figures: submit and decide latency (p50, p95) with 50
// submissions, then 50 reviewers deciding, at once, on PostgreSQL (and
// PGlite for comparison). Calls the core use cases directly — database,
// locks and audit included, HTTP not. Beside them, measured in the same run
// on the same database: as many bare transactions at the same concurrency,
// each one INSERT (the floor for any transaction that writes), and each one
// INSERT under one shared advisory lock (the floor for transactions that take
// turns, as audit appends do). Goal on PostgreSQL: submit p95 <= 150 ms.
// `npm run bench -- review submit` skips the decisions. Prints; asserts nothing.
import { loadavg } from "node:os";
import {
  decideReview,
  loadActor,
  loadCommunication,
  recordVersion,
  submitForReview,
} from "@conductor/core";
import { type DatabaseTarget, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { createMember, createOrganization } from "@conductor/db/seed";
import { analyze } from "@conductor/rules";
import { onEachDatabase } from "./databases";
import { percentile } from "./load";

const REVIEWERS = Number(process.env.BENCH_REVIEWERS ?? 50);
const COMMUNICATIONS = Number(process.env.BENCH_REVIEWS ?? 50);
const text =
  "Thank you: we received your payment of $177.17 today. Your next payment is due on 18 May 2027. You do not need to do anything. Questions? Call us on 0800 123 456.";

const ms = (n: number) => n.toFixed(1).padStart(7);

/** Runs `run`, recording how long it took if it succeeded. */
async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  samples.push(performance.now() - started);
  return result;
}

const load = () => loadavg()[0]!.toFixed(1);

/** `count` transactions at once, each one INSERT (after one shared advisory lock, if `turns`). */
async function bareTransactions(
  db: Awaited<ReturnType<typeof openDatabase>>,
  count: number,
  turns: boolean,
) {
  await db.prisma.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS bench_anchor (id serial PRIMARY KEY, at timestamptz NOT NULL, note text NOT NULL)`,
  );
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      timed(samples, () =>
        db.prisma.$transaction(
          async (tx) => {
            if (turns) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(42)`);
            await tx.$executeRawUnsafe(
              `INSERT INTO bench_anchor (at, note) VALUES (now(), $1)`,
              `anchor ${i}`,
            );
          },
          { maxWait: 60_000 },
        ),
      ),
    ),
  );
  return samples.sort((a, b) => a - b);
}

async function measure(name: string, target: DatabaseTarget, decide: boolean) {
  const db = await openDatabase(target);
  try {
    await applyMigrations(db.connection);
    const organization = await createOrganization(db.prisma);
    const organizationId = organization.id;
    const manager = await createMember(db.prisma, { organizationId, roles: ["COMMS_MANAGER"] });
    const reviewers = [];
    for (let i = 0; i < REVIEWERS; i++)
      reviewers.push(
        await createMember(db.prisma, {
          organizationId,
          functions: [(["LEGAL", "COMPLIANCE", "REGULATORY"] as const)[i % 3]!],
        }),
      );
    // One stage where every reviewer's approval counts (a quorum no one
    // function reaches), so every decision is accepted and contends.
    await db.prisma.reviewTemplate.create({
      data: {
        organizationId,
        name: "Everyone decides",
        isDefault: true,
        stages: [
          {
            name: "Everyone",
            functions: ["LEGAL", "COMPLIANCE", "REGULATORY"],
            quorum: { kind: "count", count: 20 },
            dueBusinessDays: 3,
          },
        ],
      },
    });
    const managerCtx = { db: db.prisma, actor: await loadActor(db.prisma, manager.user.id) };
    const communications: {
      communication: Awaited<ReturnType<typeof loadCommunication>>;
      version: Awaited<ReturnType<typeof recordVersion>>;
    }[] = [];
    // One more than measured: the first is the warm-up below.
    for (let i = 0; i <= COMMUNICATIONS; i++) {
      const row = await db.prisma.communication.create({
        data: {
          organizationId,
          ownerId: manager.user.id,
          title: `Bench review ${i}`,
          channel: "SMS",
          audienceDescription: "Bench",
        },
      });
      const communication = await loadCommunication(managerCtx, row.id);
      const version = await recordVersion(managerCtx, communication, {
        json: { type: "doc", content: [] },
        text,
        name: "Bench",
        kind: "NAMED",
      });
      communications.push({ communication, version });
    }

    // Steady state, as a running server has long since reached: the rules
    // have compiled their word lists and the client its query plans (one
    // submission, not measured, does both).
    analyze(text, { channel: "SMS" });
    const warmUp = communications.shift()!;
    await submitForReview(managerCtx, warmUp.communication, {
      versionId: warmUp.version.id,
      communicationId: warmUp.communication.id,
      overrideReason: "Bench",
    });

    // The anchors first and last, so a change in the machine's load shows.
    const loadBefore = load();
    const bareBefore = await bareTransactions(db, COMMUNICATIONS, false);
    const turnsBefore = await bareTransactions(db, COMMUNICATIONS, true);
    // Every communication submitted at once.
    const submits: number[] = [];
    // A submission that fails (on a starved machine: no pooled connection
    // within the transaction's 2 s wait) is counted and named, not timed.
    const failures = new Map<string, number>();
    // The bench's own process runs every submission's client side (Prisma's
    // query building, scoring): its CPU time over the burst is a floor under
    // the burst's wall time, however fast the database answers.
    const cpuBefore = process.cpuUsage();
    const burstStarted = performance.now();
    const reviews = await Promise.all(
      communications.map(({ communication, version }) =>
        timed(submits, () =>
          submitForReview(managerCtx, communication, {
            versionId: version.id,
            communicationId: communication.id,
            overrideReason: "Bench",
          }),
        ).catch((error: Error) => {
          const why = error.message.trim().split("\n").at(-1) ?? "";
          failures.set(why, (failures.get(why) ?? 0) + 1);
          return null;
        }),
      ),
    );

    const burstMs = performance.now() - burstStarted;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const bareAfter = await bareTransactions(db, COMMUNICATIONS, false);
    const turnsAfter = await bareTransactions(db, COMMUNICATIONS, true);
    submits.sort((a, b) => a - b);
    const p95 = (sorted: number[]) => percentile(sorted, 95);
    const bare = (p95(bareBefore) + p95(bareAfter)) / 2;
    const turns = (p95(turnsBefore) + p95(turnsAfter)) / 2;
    console.log(
      `${name.padEnd(11)} submit ${String(submits.length).padStart(5)} ${ms(percentile(submits, 50))} ${ms(p95(submits))}   anchors p95: bare 1-INSERT transactions ${p95(bareBefore).toFixed(1)} / ${p95(bareAfter).toFixed(1)} ms (submit ${(p95(submits) / bare).toFixed(1)}×), the same taking turns on one lock ${p95(turnsBefore).toFixed(1)} / ${p95(turnsAfter).toFixed(1)} ms (submit ${(p95(submits) / turns).toFixed(1)}×)   load ${loadBefore} → ${load()}`,
    );
    console.log(
      `            the burst: ${burstMs.toFixed(0)} ms from first to last; this process's CPU meanwhile ${cpuMs.toFixed(0)} ms (${(cpuMs / COMMUNICATIONS).toFixed(1)} ms a submission)`,
    );
    for (const [why, count] of failures)
      console.log(`            ${count} submissions failed: ${why}`);
    if (!decide) return;

    // 50 reviewers at once, each working through every review in its own order.
    const decides: number[] = [];
    let refused = 0;
    await Promise.all(
      reviewers.map(async (reviewer, r) => {
        const ctx = { db: db.prisma, actor: await loadActor(db.prisma, reviewer.user.id) };
        for (let k = 0; k < reviews.length; k++) {
          const i = (k + r) % reviews.length;
          const review = reviews[i];
          if (!review) continue;
          const { communication } = communications[i]!;
          await timed(decides, () =>
            decideReview(ctx, communication, {
              communicationId: communication.id,
              reviewId: review.id,
              kind: "APPROVE",
              reasonCode: undefined,
              comment: "",
              versionHash: review.versionHash,
              withChanges: false,
            }),
          ).catch(() => {
            refused++;
          });
        }
      }),
    );
    decides.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(11)} decide ${String(decides.length).padStart(5)} ${ms(percentile(decides, 50))} ${ms(percentile(decides, 95))}   (${refused} refused)   load ${load()}`,
    );
  } finally {
    await db.close();
  }
}

export async function reviewBench(parts: string[]): Promise<void> {
  const decide = !parts.length || parts.includes("decide");
  console.log(
    `\nReview latency: ${COMMUNICATIONS} communications submitted at once${decide ? `, then ${REVIEWERS} reviewers deciding at once` : ""} (ms; goal on PostgreSQL: submit p95 ≤ 150 ms)`,
  );
  console.log("database            calls    p50     p95");
  await onEachDatabase("review", (name, target) => measure(name, target, decide), [
    "postgres",
    "pglite",
  ]);
}
