export {
  type Database,
  type DatabaseConnection,
  type DatabaseTarget,
  type OpenDatabase,
  openConnection,
  openDatabase,
  targetFromEnv,
} from "./client";
export { type CopyRoute, copyRoute, copyRows } from "./copy";
export { type DatabaseEnv, readDatabaseEnv } from "./env";
export * from "./generated/prisma/client";
export { hashPassword, verifyPassword } from "./password";
