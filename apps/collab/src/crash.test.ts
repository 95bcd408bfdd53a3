import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { issueCollabToken, loadActor } from "@conductor/core";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { connect, freePort } from "./testing";

const SECRET = "collab-crash-test-secret";
const appDir = resolve(import.meta.dirname, "..");

/** The collab server in its own process, as npm start runs it. */
async function startProcess(env: Record<string, string>): Promise<ChildProcess> {
  // The loader runs in this process (tsx's CLI would start a second one that
  // SIGKILL would not reach).
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!output.includes("listening")) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`collab did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

describe("collab process killed with SIGKILL", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("keeps every edit the other clients had received more than 2 seconds before the kill", async () => {
    // The child owns the database while it runs: PostgreSQL allows sharing,
    // embedded PGlite is a folder the child opens (and this test reads only after).
    let env: Record<string, string>;
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
    const demo = (await seedDemoOrganization(db.prisma))!;
    const communicationId = (
      await db.prisma.communication.findFirstOrThrow({
        where: { title: { contains: "transactional" } },
      })
    ).id;
    const token = async (userId: string) =>
      (
        await issueCollabToken(
          { db: db.prisma, actor: await loadActor(db.prisma, userId) },
          communicationId,
          SECRET,
        )
      ).token;
    const [legalToken, marketingToken, productToken] = [
      await token(demo.userIds.legal),
      await token(demo.userIds.marketing),
      await token(demo.userIds.product),
    ];
    if (!process.env.DATABASE_URL) await db.close();

    const port = await freePort();
    Object.assign(env, { COLLAB_PORT: String(port), COLLAB_SECRET: SECRET });
    const first = await startProcess(env);
    const legal = connect(port, communicationId, legalToken);
    const marketing = connect(port, communicationId, marketingToken);
    await Promise.all([legal.synced, marketing.synced]);
    legal.type("Acknowledged before the crash.");
    const deadline = Date.now() + 5000;
    while (!marketing.text().includes("Acknowledged before the crash.") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(marketing.text()).toContain("Acknowledged before the crash.");
    await new Promise((r) => setTimeout(r, 2000)); // the other client has had it for 2 s
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    legal.close();
    marketing.close();

    const second = await startProcess(env);
    cleanups.push(() => {
      second.kill("SIGTERM");
    });
    const reader = connect(port, communicationId, productToken);
    await reader.synced;
    expect(reader.text()).toContain("Acknowledged before the crash.");
    reader.close();
  });
});
