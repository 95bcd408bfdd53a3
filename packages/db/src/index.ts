export {
  openConnection,
  openDatabase,
  targetFromEnv,
  type Database,
  type DatabaseConnection,
  type DatabaseTarget,
  type OpenDatabase,
} from "./client";
export { readDatabaseEnv, type DatabaseEnv } from "./env";
export { hashPassword, verifyPassword } from "./password";
export * from "./generated/prisma/client";
