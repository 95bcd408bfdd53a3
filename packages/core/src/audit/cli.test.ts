import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
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
          kind: "COMMUNICATION_CREATED",
          actorId: null,
          payload: { title: `Round ${i}`, channel: "EMAIL", briefTemplate: null },
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
      `UPDATE "AuditEvent" SET "payload" = '{"title": "Round 9"}' WHERE "sequence" = 2`,
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

  it("catches a cut from the end that rewrote the head too, against anchors kept outside", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "audit-anchor-"));
    const anchorFile = join(dataDir, "anchors.txt");
    const db = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    await applyMigrations(db.connection);
    const organization = await createOrganization(db.prisma);
    const append = (i: number) =>
      db.prisma.$transaction((tx) =>
        appendAuditEvent(tx, {
          organizationId: organization.id,
          kind: "COMMUNICATION_CREATED",
          actorId: null,
          payload: { title: `Entry ${i}`, channel: "SMS", briefTemplate: null },
        }),
      );
    for (let i = 1; i <= 4; i++) await append(i);
    await db.close();

    const anchored = await verify(dataDir, "--append-anchors", anchorFile);
    expect(anchored.code).toBe(0);
    expect(anchored.out).toContain("appended 1 head");
    expect(readFileSync(anchorFile, "utf8")).toMatch(
      new RegExp(`^${organization.id} 4 [0-9a-f]{64} \\d{4}-`),
    );

    // A superuser removes the last two entries and points the head at entry 2.
    const again = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    await again.prisma.$executeRawUnsafe(
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"',
    );
    await again.prisma.$executeRawUnsafe('DELETE FROM "AuditEvent" WHERE "sequence" > 2');
    await again.prisma.$executeRawUnsafe(
      `UPDATE "AuditHead" SET "sequence" = 2, "hash" = (SELECT "hash" FROM "AuditEvent" WHERE "sequence" = 2)`,
    );
    await again.close();

    const inside = await verify(dataDir);
    expect(inside.code).toBe(0); // the database alone cannot tell
    const outside = await verify(dataDir, "--anchors", anchorFile);
    expect(outside.out).toMatch(
      /BROKEN .*entry 4 of \S+, anchored .*, is missing: the trail was cut/,
    );
    expect(outside.code).toBe(1);
    // Three child processes each start tsx and open the embedded database.
  }, 180_000);
});
