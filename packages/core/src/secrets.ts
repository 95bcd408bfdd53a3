import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDatabaseEnv } from "@conductor/db";

/**
 * The secret sessions are signed with. A deployment sets AUTH_SECRET; a local
 * embedded install (no DATABASE_URL, or CONDUCTOR_EMBEDDED=1 when `npm start`
 * serves PGlite to its own processes) keeps one generated into the data
 * folder, so the web app and the collaboration server agree without set-up.
 */
export function resolveAuthSecret(source: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = source.AUTH_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("AUTH_SECRET must be at least 32 characters");
    return fromEnv;
  }
  const database = readDatabaseEnv(source);
  if (database.databaseUrl && source.CONDUCTOR_EMBEDDED !== "1") {
    throw new Error(
      "AUTH_SECRET is required when DATABASE_URL is set: set it to 32 or more random characters",
    );
  }
  const file = join(database.dataDir, "auth-secret");
  mkdirSync(database.dataDir, { recursive: true });
  try {
    // "wx": two processes starting together both end up reading the first one's secret.
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/** Key for collaboration tokens: derived from the auth secret, never the secret itself. */
export function collabSigningKey(authSecret: string): string {
  return createHmac("sha256", authSecret).update("conductor-collab-token").digest("base64url");
}
