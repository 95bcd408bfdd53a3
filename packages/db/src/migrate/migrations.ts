import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConnection } from "../client";
import { openSchemaEngine, type SchemaFile } from "./engine";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
}

export const defaultMigrationPaths: MigrationPaths = {
  schemaPath: join(packageRoot, "prisma", "schema.prisma"),
  migrationsDir: join(packageRoot, "prisma", "migrations"),
};

const noFilters = { externalTables: [], externalEnums: [] };

async function readSchema(paths: MigrationPaths): Promise<SchemaFile> {
  return { path: paths.schemaPath, content: await readFile(paths.schemaPath, "utf8") };
}

/** Reads the migration folders in Prisma's layout: <timestamp>_<name>/migration.sql. */
export async function readMigrationList(paths: MigrationPaths): Promise<MigrationList> {
  const lockPath = join(paths.migrationsDir, "migration_lock.toml");
  const entries = existsSync(paths.migrationsDir)
    ? await readdir(paths.migrationsDir, { withFileTypes: true })
    : [];
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => {
      const file = join(paths.migrationsDir, folder, "migration.sql");
      const content = await readFile(file, "utf8").then(
        (value) => ({ tag: "ok" as const, value }),
        (error: Error) => ({ tag: "error" as const, value: `${file}: ${error.message}` }),
      );
      return { path: folder, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir: paths.migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies every pending migration; returns the names it applied. */
export async function applyMigrations(
  connection: DatabaseConnection,
  paths: MigrationPaths = defaultMigrationPaths,
): Promise<string[]> {
  const engine = await openSchemaEngine(await readSchema(paths), connection.adapterFactory);
  try {
    const result = await engine.applyMigrations({
      migrationsList: await readMigrationList(paths),
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: string[];
  edited: string[];
  /** Migrations recorded in the database that the folder no longer has. */
  unknown: string[];
  upToDate: boolean;
}

export async function migrationStatus(
  connection: DatabaseConnection,
  paths: MigrationPaths = defaultMigrationPaths,
): Promise<MigrationStatus> {
  const migrationsList = await readMigrationList(paths);
  const engine = await openSchemaEngine(await readSchema(paths), connection.adapterFactory);
  try {
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: noFilters,
    });
    const all = migrationsList.migrationDirectories.map((dir) => dir.path);
    const history = diagnosis.history;
    const pending =
      history === null
        ? []
        : history.diagnostic === "migrationsDirectoryIsBehind"
          ? []
          : history.unappliedMigrationNames;
    const unknown =
      history === null || history.diagnostic === "databaseIsBehind"
        ? []
        : history.unpersistedMigrationNames;
    return {
      applied: all.filter((name) => !pending.includes(name)),
      pending,
      failed: diagnosis.failedMigrationNames,
      edited: diagnosis.editedMigrationNames,
      unknown,
      upToDate:
        history === null &&
        diagnosis.failedMigrationNames.length === 0 &&
        diagnosis.editedMigrationNames.length === 0,
    };
  } finally {
    engine.free();
  }
}

/**
 * Writes a new migration with the SQL that takes the committed migrations to
 * the current schema. A throwaway in-memory PGlite serves as the shadow
 * database, so no server is needed. Returns null when nothing changed.
 */
export async function createMigration(
  name: string,
  paths: MigrationPaths = defaultMigrationPaths,
  now: Date = new Date(),
): Promise<{ folder: string; sql: string } | null> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Migration name "${name}" must use only lower-case letters, digits and _`);
  }
  const schema = await readSchema(paths);
  const shadow = new PGlite();
  const engine = await openSchemaEngine(schema, new PrismaPGlite(shadow));
  try {
    const migrationsList = await readMigrationList(paths);
    const from =
      migrationsList.migrationDirectories.length === 0
        ? ({ tag: "empty" } as const)
        : ({ tag: "migrations", ...migrationsList } as const);
    const diff = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    if (diff.exitCode === 0) return null;
    const sql = diff.stdout ?? "";
    const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const folder = `${stamp}_${name}`;
    await mkdir(join(paths.migrationsDir, folder), { recursive: true });
    await writeFile(join(paths.migrationsDir, folder, "migration.sql"), sql);
    return { folder, sql };
  } finally {
    engine.free();
    await shadow.close();
  }
}

/** Drops everything in the database's schema and re-applies every migration. */
export async function resetDatabase(
  connection: DatabaseConnection,
  paths: MigrationPaths = defaultMigrationPaths,
): Promise<string[]> {
  const adapter = await connection.adapterFactory.connect();
  try {
    await adapter.executeScript('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public";');
  } finally {
    await adapter.dispose();
  }
  return applyMigrations(connection, paths);
}
