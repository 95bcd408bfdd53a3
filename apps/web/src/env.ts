import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDatabaseEnv } from "@conductor/db";
import { z } from "zod";

// The web app's only reader of process.env; everything else asks here.
const webEnvSchema = z
  .object({
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url("must be a URL such as http://localhost:3000").optional(),
    SESSION_MAX_AGE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(8),
    AUTH_OIDC_ISSUER: z.url("must be the issuer URL").optional(),
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default("Company single sign-on"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of [
        "AUTH_OIDC_ISSUER",
        "AUTH_OIDC_CLIENT_ID",
        "AUTH_OIDC_CLIENT_SECRET",
      ] as const) {
        if (!env[key])
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required when single sign-on is configured",
          });
      }
    }
  });

export interface WebEnv {
  authSecret: string;
  /** Key for collaboration tokens, derived from the auth secret (never the secret itself). */
  collabSecret: string;
  sessionMaxAgeSeconds: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
}

/**
 * Local use (embedded database) gets a secret generated once and kept in the
 * data folder; a deployment on a shared PostgreSQL must set AUTH_SECRET.
 */
function resolveAuthSecret(fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const database = readDatabaseEnv();
  if (database.databaseUrl) {
    throw new Error(
      "AUTH_SECRET is required when DATABASE_URL is set: set it to 32 or more random characters",
    );
  }
  const file = join(database.dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(database.dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

let cached: WebEnv | undefined;

export function webEnv(): WebEnv {
  if (cached) return cached;
  const parsed = webEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  const authSecret = resolveAuthSecret(env.AUTH_SECRET);
  cached = {
    authSecret,
    collabSecret: createHmac("sha256", authSecret)
      .update("conductor-collab-token")
      .digest("base64url"),
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE_HOURS * 3600,
    oidc:
      env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET
        ? {
            issuer: env.AUTH_OIDC_ISSUER,
            clientId: env.AUTH_OIDC_CLIENT_ID,
            clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
            name: env.AUTH_OIDC_NAME,
          }
        : null,
  };
  return cached;
}
