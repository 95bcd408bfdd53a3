import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing";
import { createMigration, defaultMigrationPaths, migrationStatus, resetDatabase } from ".";

describe("migrations", () => {
  it("a test database starts with every committed migration applied", async () => {
    const db = await createTestDatabase();
    try {
      const status = await migrationStatus(db.connection);
      const folders = (await readdir(defaultMigrationPaths.migrationsDir, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
      expect(status.upToDate).toBe(true);
      expect(status.pending).toEqual([]);
      expect(status.applied).toEqual(folders.sort());
    } finally {
      await db.close();
    }
  });

  it("reset deletes the data and leaves the schema migrated", async () => {
    const db = await createTestDatabase();
    try {
      await db.prisma.organization.create({ data: { name: "Gone", slug: "gone" } });
      await resetDatabase(db.connection);
      expect(await db.prisma.organization.count()).toBe(0);
      expect((await migrationStatus(db.connection)).upToDate).toBe(true);
    } finally {
      await db.close();
    }
  });

  describe("create", () => {
    const dirs: string[] = [];
    afterAll(async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    async function copyOfPrismaFolder() {
      const dir = await mkdtemp(join(tmpdir(), "conductor-migrations-"));
      dirs.push(dir);
      await cp(join(defaultMigrationPaths.schemaPath, ".."), dir, { recursive: true });
      return { schemaPath: join(dir, "schema.prisma"), migrationsDir: join(dir, "migrations") };
    }

    // Each create replays every committed migration through the WebAssembly
    // schema engine into a fresh PGlite; with two dozen migrations on a busy
    // machine that passes the default 30 s.
    const schemaEngineTimeout = 120_000;

    it("writes nothing when the schema matches the committed migrations", {
      timeout: schemaEngineTimeout,
    }, async () => {
      const paths = await copyOfPrismaFolder();
      expect(await createMigration("nothing", paths)).toBeNull();
    });

    it("writes the SQL for a schema change, then sees a pending migration", {
      timeout: schemaEngineTimeout,
    }, async () => {
      const paths = await copyOfPrismaFolder();
      const { readFile } = await import("node:fs/promises");
      const schema = await readFile(paths.schemaPath, "utf8");
      await writeFile(
        paths.schemaPath,
        `${schema}\nmodel Probe {\n  id String @id\n  note String?\n}\n`,
      );
      const created = await createMigration("add_probe", paths, new Date("2030-01-02T03:04:05Z"));
      expect(created?.folder).toBe("20300102030405_add_probe");
      expect(created?.sql).toContain('CREATE TABLE "Probe"');

      const db = await createTestDatabase();
      try {
        const status = await migrationStatus(db.connection, paths);
        expect(status.pending).toEqual(["20300102030405_add_probe"]);
        expect(status.upToDate).toBe(false);
      } finally {
        await db.close();
      }
    });

    it("refuses a migration name that is not a plain identifier", async () => {
      await expect(createMigration("Add Probe!")).rejects.toThrow(/lower-case letters/);
    });
  });
});
