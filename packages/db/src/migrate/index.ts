export {
  applyMigrations,
  createMigration,
  defaultMigrationPaths,
  type MigrationPaths,
  type MigrationStatus,
  migrationStatus,
  readMigrationList,
  resetDatabase,
} from "./migrations";
