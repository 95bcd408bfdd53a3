export {
  applyMigrations,
  createMigration,
  defaultMigrationPaths,
  migrationStatus,
  readMigrationList,
  resetDatabase,
  type MigrationPaths,
  type MigrationStatus,
} from "./migrations";
