import { z } from "zod";

/** The collaboration process's configuration, validated once at start-up. */
const collabEnvSchema = z.object({
  COLLAB_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  COLLAB_ADDRESS: z.string().min(1).default("127.0.0.1"),
  /** The key the web app signs collaboration tokens with (see packages/core collab tokens). */
  COLLAB_SECRET: z.string().min(16, "must be at least 16 characters"),
});

export function readCollabEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = collabEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `Invalid collab configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
