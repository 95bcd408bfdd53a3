import "server-only";
import { collabSigningKey, resolveAuthSecret } from "@conductor/core";
import { z } from "zod";

// The web app's only reader of process.env; everything else asks here.
const webEnvSchema = z
  .object({
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url("must be a URL such as http://localhost:3000").optional(),
    /**
     * How many proxies in front of this server to believe about the client's
     * address (X-Forwarded-For): unset or 0 believes none and uses the
     * connection's own address; 1 (or "true") one proxy, n that many hops.
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(/^(true|false|\d{1,2})$/, "must be true, false or a number of proxies")
      .optional(),
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
    COLLAB_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    /** Where browsers open the collaboration socket; default ws://<this host>:COLLAB_PORT. */
    COLLAB_PUBLIC_URL: z
      .url("must be a ws:// or wss:// URL")
      .regex(/^wss?:\/\//, "must be a ws:// or wss:// URL")
      .optional(),
    /** Where this server posts access changes; default http://127.0.0.1:COLLAB_PORT. */
    COLLAB_INTERNAL_URL: z.url("must be an http:// URL").optional(),
    /** Several web processes share live-screen events through Redis when this is set. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, "must be a redis:// URL such as redis://127.0.0.1:6379")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Namespace for Redis channels (one per installation sharing a Redis). */
    REDIS_PREFIX: z.string().min(1).default("conductor"),
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
  /** Served over https: next-auth's cookie is then the __Secure- one, and only that one counts. */
  secureCookies: boolean;
  /** Proxies whose X-Forwarded-For entry to believe; 0 = none. */
  trustedProxyHops: number;
  collab: { port: number; publicUrl: string | null; internalUrl: string };
  /** Live-screen events: through Redis when configured, else within this process. */
  live: { redisUrl?: string; channel: string };
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
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
  const authSecret = resolveAuthSecret();
  cached = {
    authSecret,
    collabSecret: collabSigningKey(authSecret),
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE_HOURS * 3600,
    secureCookies: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    trustedProxyHops:
      env.TRUST_PROXY === "true"
        ? 1
        : env.TRUST_PROXY === undefined || env.TRUST_PROXY === "false"
          ? 0
          : Number(env.TRUST_PROXY),
    collab: {
      port: env.COLLAB_PORT,
      publicUrl: env.COLLAB_PUBLIC_URL ?? null,
      internalUrl: env.COLLAB_INTERNAL_URL ?? `http://127.0.0.1:${env.COLLAB_PORT}`,
    },
    live: { redisUrl: env.REDIS_URL, channel: `${env.REDIS_PREFIX}:live` },
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
