import { collabSigningKey, resolveAuthSecret } from "@conductor/core";
import { z } from "zod";

/** The collaboration process's configuration, validated once at start-up. */
const collabEnvSchema = z.object({
  COLLAB_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  COLLAB_ADDRESS: z.string().min(1).default("127.0.0.1"),
  /** Several collab processes share documents through Redis when this is set. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, "must be a redis:// URL such as redis://127.0.0.1:6379")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Namespace for Redis keys and channels (one per installation sharing a Redis). */
  REDIS_PREFIX: z.string().min(1).default("conductor"),
  /** Quiet milliseconds before a document is stored, and the longest an edit waits for it. */
  COLLAB_STORE_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(400),
  COLLAB_STORE_MAX_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(1500),
});

export interface CollabEnv {
  port: number;
  address: string;
  redisUrl: string | undefined;
  redisPrefix: string;
  debounce: number;
  maxDebounce: number;
  /** Verifies tokens and access signals from the web app (derived from AUTH_SECRET). */
  secret: string;
}

export function readCollabEnv(source: NodeJS.ProcessEnv = process.env): CollabEnv {
  const parsed = collabEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `Invalid collab configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  }
  return {
    port: parsed.data.COLLAB_PORT,
    address: parsed.data.COLLAB_ADDRESS,
    redisUrl: parsed.data.REDIS_URL,
    redisPrefix: parsed.data.REDIS_PREFIX,
    debounce: parsed.data.COLLAB_STORE_DEBOUNCE_MS,
    maxDebounce: parsed.data.COLLAB_STORE_MAX_DEBOUNCE_MS,
    secret: collabSigningKey(resolveAuthSecret(source)),
  };
}
