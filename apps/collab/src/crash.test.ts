import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collabSigningKey, issueCollabToken, loadActor } from "@conductor/core";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { connect, freePort, startCollabProcess } from "./testing";

const AUTH_SECRET = "collab-crash-test-auth-secret-0123456789";
const SECRET = collabSigningKey(AUTH_SECRET);
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
    Object.assign(env, { COLLAB_PORT: String(port), AUTH_SECRET });
    const first = await startCollabProcess(env);
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

    const second = await startCollabProcess(env);
    cleanups.push(() => {
      second.kill("SIGTERM");
    });
    const reader = connect(port, communicationId, productToken);
    await reader.synced;
    expect(reader.text()).toContain("Acknowledged before the crash.");
    reader.close();
  });
});
