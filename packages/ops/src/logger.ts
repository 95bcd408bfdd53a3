import { type DestinationStream, type Logger, pino } from "pino";
import { currentRequestId } from "./request-id";

/**
 * Fields never written as they are: credentials (cookies, tokens, passwords,
 * secrets, the SMTP and Redis URLs) and what people wrote (message text,
 * subjects, bodies, comments). Anything logged under these names, at the top
 * level or one object down, prints as "[redacted]".
 */
const SECRET_KEYS = [
  "cookie",
  "cookies",
  "authorization",
  "password",
  "passwordHash",
  "token",
  "secret",
  "signature",
  "smtpUrl",
  "SMTP_URL",
  "redisUrl",
  "REDIS_URL",
  "databaseUrl",
  "DATABASE_URL",
  "AUTH_SECRET",
];
const CONTENT_KEYS = ["body", "text", "subject", "preheader", "content", "message_text", "html"];
export const REDACTED_KEYS = [...SECRET_KEYS, ...CONTENT_KEYS];
const REDACT_PATHS = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((key) => `*.${key}`),
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'headers["x-conductor-signature"]',
];

export interface LoggerOptions {
  /** The process that logs: web, collab, worker… (every line's `service`). */
  service: string;
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream;
  level?: string;
}

/**
 * A JSON logger: one line per event, the current request id (see
 * request-id.ts) on every line written while serving a request, and
 * credentials and message text redacted.
 */
export function createLogger({ service, destination, level }: LoggerOptions): Logger {
  return pino(
    {
      level: level ?? process.env.LOG_LEVEL ?? "info",
      base: { service },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin() {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const loggersKey = Symbol.for("conductor.ops.loggers");
const globals = globalThis as unknown as Record<symbol, Map<string, Logger>>;
globals[loggersKey] ??= new Map();

/** The process's logger for `service`, made once (shared across bundled copies of this module). */
export function log(service: string): Logger {
  const loggers = globals[loggersKey]!;
  let logger = loggers.get(service);
  if (!logger) {
    logger = createLogger({ service });
    loggers.set(service, logger);
  }
  return logger;
}

/** A URL as it may be logged: no user name, password or query (they carry credentials). */
export function safeUrl(value: string): string {
  try {
    const url = new URL(value);
    url.username = "";
    url.password = "";
    url.search = "";
    return url.toString();
  } catch {
    return "(not a URL)";
  }
}

export type { Logger } from "pino";
