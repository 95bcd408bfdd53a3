import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collabSigningKey, encodeCollabToken } from "@conductor/core";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { type DemoSeedResult, seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, freePort, startCollabProcess, until } from "./testing";

const AUTH_SECRET = "collab-crash-test-auth-secret-0123456789";
const SECRET = collabSigningKey(AUTH_SECRET);
/** Kills per run: each costs a process start, the slow part of this file. */
const ROUNDS = 3;

/**
 * One editor typing paragraphs at random moments. The server answers each
 * update message in order once it has applied it, and the provider counts
 * the unanswered ones (unsyncedChanges; 0 is what an editor shows as saved):
 * all but the last `number` typed edits are acknowledged.
 */
function typist(client: ReturnType<typeof connect>, name: string) {
  const typed: string[] = [];
  let acknowledged = 0;
  client.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
    acknowledged = Math.max(acknowledged, typed.length - number);
  });
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    const marker = `[${name} ${typed.length}]`;
    typed.push(marker);
    client.type(marker);
    timer = setTimeout(next, 5 + Math.random() * 40);
  };
  return {
    start: () => next(),
    stop: () => clearTimeout(timer),
    acknowledged: () => typed.slice(0, acknowledged),
    typed: () => typed.length,
  };
}

describe("collab process killed with SIGKILL", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  let env: Record<string, string>;
  let demo: DemoSeedResult;
  let communicationId: string;
  let port: number;
  const token = (userId: string) =>
    encodeCollabToken(
      {
        userId,
        communicationId,
        access: "write",
        expiresAt: Math.floor(Date.now() / 1000) + 60,
      },
      SECRET,
    );
  // Every process started, so a failed assertion leaves none running.
  const started = new Set<ChildProcess>();
  const start = async () => {
    const child = await startCollabProcess(env);
    started.add(child);
    return child;
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once("exit", r));

  beforeAll(async () => {
    // The child owns the database while it runs: PostgreSQL allows sharing,
    // embedded PGlite is a folder the child opens (and this test reads only after).
    let db: OpenDatabase;
    if (process.env.DATABASE_URL) {
      db = await createTestDatabase();
      cleanups.push(() => db.close());
      env = { DATABASE_URL: (db.connection.target as { url: string }).url };
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "conductor-crash-"));
      db = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
      await applyMigrations(db.connection);
      env = { DATABASE_URL: "", CONDUCTOR_DATA_DIR: dataDir };
    }
    demo = (await seedDemoOrganization(db.prisma))!;
    communicationId = (
      await db.prisma.communication.findFirstOrThrow({
        where: { title: { contains: "transactional" } },
      })
    ).id;
    if (!process.env.DATABASE_URL) await db.close();
    port = await freePort();
    Object.assign(env, { COLLAB_PORT: String(port), AUTH_SECRET });
  });
  afterAll(async () => {
    for (const child of started) {
      child.kill("SIGKILL");
      await exited(child);
    }
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  // Four starts of the process plus their typing: well past the default 30 s.
  it("loses no acknowledged edit, nor one another client had for 2 s, when killed at random moments under two typing editors", {
    timeout: 180_000,
  }, async () => {
    const received = "Received by the other editor before the crash.";
    const acknowledged: string[] = [];
    let typedInAll = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const server = await start();
      const legal = connect(port, communicationId, token(demo.userIds.legal));
      const marketing = connect(port, communicationId, token(demo.userIds.marketing));
      await Promise.all([legal.synced, marketing.synced]);
      // Nothing of the handshake left unanswered, so every answer counted is an edit's.
      await until(
        () => !legal.provider.hasUnsyncedChanges && !marketing.provider.hasUnsyncedChanges,
        10_000,
      );
      // What every earlier round acknowledged came back.
      const missing = acknowledged.filter((marker) => !legal.text().includes(marker));
      expect(missing, `lost after kill ${round}`).toEqual([]);
      if (round === 0) {
        // The weaker promise, kept since before edits were acknowledged: what
        // another client has seen for 2 s is past the store debounce (at most 1.5 s).
        legal.type(received);
        expect(await until(() => marketing.text().includes(received))).toBe(true);
        await new Promise((r) => setTimeout(r, 2000));
      } else {
        expect(legal.text(), `the edit seen before kill 0, after kill ${round}`).toContain(
          received,
        );
      }

      const typists = [typist(legal, `legal ${round}`), typist(marketing, `marketing ${round}`)];
      for (const t of typists) t.start();
      // Enough acknowledged edits that the round tests something however busy
      // the machine is, then a kill anywhere inside the store debounce
      // (400 ms, at most 1.5 s) and past it.
      await until(() => typists.every((t) => t.acknowledged().length >= 5), 20_000);
      await new Promise((r) => setTimeout(r, Math.random() * 1900));
      server.kill("SIGKILL");
      for (const t of typists) t.stop();
      await exited(server);
      // Answers already on their way still arrive; then the editors go away
      // with whatever was not acknowledged, never to send it again.
      await Promise.race([
        Promise.all([legal.closed, marketing.closed]),
        new Promise((r) => setTimeout(r, 1000)),
      ]);
      for (const t of typists) {
        acknowledged.push(...t.acknowledged());
        typedInAll += t.typed();
      }
      legal.close();
      marketing.close();
    }

    await start();
    const reader = connect(port, communicationId, token(demo.userIds.product));
    await reader.synced;
    const lost = acknowledged.filter((marker) => !reader.text().includes(marker));
    console.info(
      `crash test: ${acknowledged.length} of ${typedInAll} typed edits acknowledged across ${ROUNDS} kills; ${lost.length} lost`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 10);
    expect(reader.text()).toContain(received);
    expect(lost).toEqual([]);
    reader.close();
  });
});
