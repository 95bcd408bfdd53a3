import { resolve } from "node:path";
import { z } from "zod";

/** The database package's view of the environment, validated once. */
const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// connection string")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  CONDUCTOR_DATA_DIR: z.string().trim().min(1).optional(),
});

export interface DatabaseEnv {
  /** PostgreSQL connection string; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database and other local state. */
  dataDir: string;
}

export function readDatabaseEnv(source: NodeJS.ProcessEnv = process.env): DatabaseEnv {
  const parsed = databaseEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(`Invalid database configuration: ${problems}`);
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    // The data folder is chosen at run time; bundlers must not trace it.
    dataDir: resolve(/*turbopackIgnore: true*/ parsed.data.CONDUCTOR_DATA_DIR ?? ".data"),
  };
}
