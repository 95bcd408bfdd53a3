// The database package's migrate command: create, apply, status, reset.
// Works offline on embedded PGlite (no DATABASE_URL) and on PostgreSQL.
import { openConnection, targetFromEnv } from "../client";
import { applyMigrations, createMigration, migrationStatus, resetDatabase } from "./migrations";

const usage = `usage: npm run db:migrate -- <command>
  create <name>   write a migration for the schema changes since the last one
  apply           apply pending migrations (what npm start does)
  status          list applied and pending migrations
  reset --force   drop all data and re-apply every migration`;

function describe(target: ReturnType<typeof targetFromEnv>): string {
  return target.kind === "postgres"
    ? `PostgreSQL ${new URL(target.url).host}${new URL(target.url).pathname}`
    : `embedded PGlite at ${target.dataDir}`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "create") {
    const name = rest[0];
    if (!name) {
      console.error(`create needs a name\n${usage}`);
      return 2;
    }
    const created = await createMigration(name);
    console.log(created ? `created ${created.folder}` : "no schema changes: nothing to create");
    return 0;
  }
  if (command !== "apply" && command !== "status" && command !== "reset") {
    console.error(command ? `unknown command "${command}"\n${usage}` : usage);
    return 2;
  }
  if (command === "reset" && !rest.includes("--force")) {
    console.error("reset deletes every row: run it again with --force to confirm");
    return 2;
  }
  const target = targetFromEnv();
  const connection = await openConnection(target);
  try {
    if (command === "apply") {
      const applied = await applyMigrations(connection);
      console.log(
        applied.length
          ? `applied ${applied.join(", ")} to ${describe(target)}`
          : `${describe(target)} is up to date`,
      );
    } else if (command === "reset") {
      const applied = await resetDatabase(connection);
      console.log(`reset ${describe(target)}; applied ${applied.length} migration(s)`);
    } else {
      const status = await migrationStatus(connection);
      console.log(`database: ${describe(target)}`);
      for (const name of status.applied) console.log(`  applied  ${name}`);
      for (const name of status.pending) console.log(`  pending  ${name}`);
      for (const name of status.failed) console.log(`  FAILED   ${name}`);
      for (const name of status.edited)
        console.log(`  EDITED   ${name} (changed after it was applied)`);
      for (const name of status.unknown)
        console.log(`  UNKNOWN  ${name} (in the database, not in the folder)`);
      return status.upToDate ? 0 : 1;
    }
    return 0;
  } finally {
    await connection.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
