import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { createOrganization } from "@conductor/db/seed";
import { describe, expect, it } from "vitest";
import { appendAuditEvent } from "./append";

const cli = resolve(import.meta.dirname, "cli.ts");
const tsx = resolve(import.meta.dirname, "..", "..", "..", "..", "node_modules", ".bin", "tsx");

/** Runs the verify command against an embedded data folder (no DATABASE_URL). */
function verify(dataDir: string, ...args: string[]) {
  return new Promise<{ code: number | null; out: string }>((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CONDUCTOR_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const child = spawn(tsx, [cli, ...args], { env });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("close", (code) => done({ code, out }));
  });
}

describe("npm run audit:verify", () => {
  it("says each trail is whole (exit 0), then names the altered entry (exit 1)", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "audit-cli-"));
    const db = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    await applyMigrations(db.connection);
    const organization = await createOrganization(db.prisma);
    for (let i = 1; i <= 3; i++)
      await db.prisma.$transaction((tx) =>
        appendAuditEvent(tx, {
          organizationId: organization.id,
          kind: "SUBMITTED",
          actorId: null,
          payload: { round: i },
        }),
      );
    await db.close();

    const whole = await verify(dataDir);
    expect(whole.out).toMatch(
      new RegExp(`ok +${organization.slug} .*All 3 entries verified: nothing altered or removed`),
    );
    expect(whole.code).toBe(0);

    const again = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    await again.prisma.$executeRawUnsafe(
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"',
    );
    await again.prisma.$executeRawUnsafe(
      `UPDATE "AuditEvent" SET "payload" = '{"round": 9}' WHERE "sequence" = 2`,
    );
    await again.close();
    const broken = await verify(dataDir, "--organization", organization.slug);
    expect(broken.out).toMatch(/BROKEN .*Entry 2 \(\w+\) was altered/);
    expect(broken.code).toBe(1);

    const unknown = await verify(dataDir, "--organization", "nobody");
    expect(unknown.out).toContain('no organisation with the slug "nobody"');
    expect(unknown.code).toBe(2);
    // Three child processes each start tsx and open the embedded database:
    // 20-40 s on an idle machine, more on a busy one.
  }, 180_000);
});
