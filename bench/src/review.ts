// Issue 6's figures for review: submit and decide latency (p50, p95) with 50
// reviewers deciding at once, on PostgreSQL (and PGlite for comparison).
// Calls the core use cases directly — database, locks and audit included,
// HTTP not. Prints; asserts nothing.
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

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    samples.push(performance.now() - started);
  }
}

async function measure(name: string, target: DatabaseTarget) {
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
    for (let i = 0; i < COMMUNICATIONS; i++) {
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

    // Steady state: the rules compile their word lists once per process, as
    // a running server has long since done.
    analyze(text, { channel: "SMS" });

    // Every communication submitted at once.
    const submits: number[] = [];
    const reviews = await Promise.all(
      communications.map(({ communication, version }) =>
        timed(submits, () =>
          submitForReview(managerCtx, communication, {
            versionId: version.id,
            communicationId: communication.id,
            overrideReason: "Bench",
          }),
        ),
      ),
    );

    // 50 reviewers at once, each working through every review in its own order.
    const decides: number[] = [];
    let refused = 0;
    await Promise.all(
      reviewers.map(async (reviewer, r) => {
        const ctx = { db: db.prisma, actor: await loadActor(db.prisma, reviewer.user.id) };
        for (let k = 0; k < reviews.length; k++) {
          const i = (k + r) % reviews.length;
          const { communication } = communications[i]!;
          await timed(decides, () =>
            decideReview(ctx, communication, {
              communicationId: communication.id,
              reviewId: reviews[i]!.id,
              kind: "APPROVE",
              reasonCode: undefined,
              comment: "",
              versionHash: reviews[i]!.versionHash,
            }),
          ).catch(() => {
            refused++;
          });
        }
      }),
    );
    submits.sort((a, b) => a - b);
    decides.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(11)} submit ${String(submits.length).padStart(5)} ${ms(percentile(submits, 50))} ${ms(percentile(submits, 95))}   decide ${String(decides.length).padStart(5)} ${ms(percentile(decides, 50))} ${ms(percentile(decides, 95))}   (${refused} refused)`,
    );
  } finally {
    await db.close();
  }
}

export async function reviewBench(): Promise<void> {
  console.log(
    `\nReview latency: ${COMMUNICATIONS} communications submitted at once, then ${REVIEWERS} reviewers deciding at once (ms)`,
  );
  console.log("database     calls    p50     p95            calls    p50     p95");
  await onEachDatabase("review", measure, ["postgres", "pglite"]);
}
