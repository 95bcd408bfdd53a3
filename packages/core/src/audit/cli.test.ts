import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent } from "./append";
import { runAuditVerify } from "./verify-command";

const cli = resolve(import.meta.dirname, "cli.ts");
const tsx = resolve(import.meta.dirname, "..", "..", "..", "..", "node_modules", ".bin", "tsx");

const append = (db: OpenDatabase, organizationId: string, title: string) =>
  db.prisma.$transaction((tx) =>
    appendAuditEvent(tx, {
      organizationId,
      kind: "COMMUNICATION_CREATED",
      actorId: null,
      payload: { title, channel: "EMAIL", briefTemplate: null },
    }),
  );

/** What a superuser can do behind the application's back. */
async function tamper(db: OpenDatabase, ...statements: string[]) {
  await db.prisma.$executeRawUnsafe(
    'ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"',
  );
  try {
    for (const statement of statements) await db.prisma.$executeRawUnsafe(statement);
  } finally {
    await db.prisma.$executeRawUnsafe(
      'ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"',
    );
  }
}

// The command in-process, on the test database (PGlite or PostgreSQL): the
// checks below would cost a tsx start and a database open each as processes.
describe("audit:verify", () => {
  let db: OpenDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  async function verify(...argv: string[]) {
    const lines: string[] = [];
    const code = await runAuditVerify(
      argv,
      async () => ({ prisma: db.prisma, close: async () => {} }),
      { log: (line) => lines.push(line), error: (line) => lines.push(line) },
    );
    return { code, out: lines.join("\n") };
  }

  it("says each trail is whole (exit 0), then names the altered entry (exit 1)", async () => {
    const organization = await createOrganization(db.prisma);
    for (let i = 1; i <= 3; i++) await append(db, organization.id, `Round ${i}`);

    const whole = await verify("--organization", organization.slug);
    expect(whole.out).toMatch(
      new RegExp(`ok +${organization.slug} .*All 3 entries verified: nothing altered or removed`),
    );
    expect(whole.code).toBe(0);

    await tamper(
      db,
      `UPDATE "AuditEvent" SET "payload" = '{"title": "Round 9"}' WHERE "organizationId" = '${organization.id}' AND "sequence" = 2`,
    );
    const broken = await verify("--organization", organization.slug);
    expect(broken.out).toMatch(/BROKEN .*Entry 2 \([\w-]+\) was altered/);
    expect(broken.code).toBe(1);
  });

  it("refuses bad usage with exit 2 and says what was wrong", async () => {
    const unknown = await verify("--organization", "nobody");
    expect(unknown.out).toContain('no organisation with the slug "nobody"');
    expect(unknown.code).toBe(2);
    const option = await verify("--verbose");
    expect(option.out).toMatch(/unknown option "--verbose"\nusage: npm run audit:verify/);
    expect(option.code).toBe(2);
    const missing = await verify("--anchors", join(tmpdir(), "no-such-anchor-file.txt"));
    expect(missing.out).toContain("no anchor file at");
    expect(missing.code).toBe(2);
  });

  it("catches a cut from the end that rewrote the head too, against anchors kept outside", async () => {
    const organization = await createOrganization(db.prisma);
    const anchorFile = join(mkdtempSync(join(tmpdir(), "audit-anchor-")), "anchors.txt");
    for (let i = 1; i <= 4; i++) await append(db, organization.id, `Entry ${i}`);

    const anchored = await verify(
      "--organization",
      organization.slug,
      "--append-anchors",
      anchorFile,
    );
    expect(anchored.code).toBe(0);
    expect(anchored.out).toContain("appended 1 head");
    expect(readFileSync(anchorFile, "utf8")).toMatch(
      new RegExp(`^${organization.id} 4 [0-9a-f]{64} \\d{4}-`),
    );

    // The last two entries removed and the head pointed at entry 2.
    await tamper(
      db,
      `DELETE FROM "AuditEvent" WHERE "organizationId" = '${organization.id}' AND "sequence" > 2`,
      `UPDATE "AuditHead" SET "sequence" = 2, "hash" = (SELECT "hash" FROM "AuditEvent" WHERE "organizationId" = '${organization.id}' AND "sequence" = 2) WHERE "organizationId" = '${organization.id}'`,
    );
    const inside = await verify("--organization", organization.slug);
    expect(inside.code).toBe(0); // the database alone cannot tell
    const outside = await verify("--organization", organization.slug, "--anchors", anchorFile);
    expect(outside.out).toMatch(
      /BROKEN .*entry 4 of \S+, anchored .*, is missing: the trail was cut/,
    );
    expect(outside.code).toBe(1);
  });
});

// Once through the real command, on an embedded data folder: the exit code
// reaches the shell and the configured database is the one opened. It never
// reads DATABASE_URL, so the PostgreSQL run of the suite would repeat it as is.
describe.skipIf(process.env.DATABASE_URL)("npm run audit:verify as a process", () => {
  it("exits 1 naming the altered entry", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "audit-cli-"));
    const db = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
    await applyMigrations(db.connection);
    const organization = await createOrganization(db.prisma);
    for (let i = 1; i <= 2; i++) await append(db, organization.id, `Round ${i}`);
    await tamper(
      db,
      `UPDATE "AuditEvent" SET "payload" = '{"title": "Round 9"}' WHERE "sequence" = 2`,
    );
    await db.close();

    const env: NodeJS.ProcessEnv = { ...process.env, CONDUCTOR_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const { code, out } = await new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(tsx, [cli], { env });
      let out = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => (out += chunk));
      child.on("close", (code) => done({ code, out }));
    });
    expect(out).toMatch(
      new RegExp(`BROKEN ${organization.slug} .*Entry 2 \\([\\w-]+\\) was altered`),
    );
    expect(code).toBe(1);
    // A tsx start and an embedded database open: seconds on an idle machine.
  }, 120_000);
});
