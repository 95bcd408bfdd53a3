// The job worker's own process: `node --import tsx src/jobs/main.ts`, started
// by scripts/start.mjs beside web and collab. Any number may run against one
// database; each job runs once. Needs DATABASE_URL (under `npm start`, the
// embedded database's loopback server). Logs JSON lines like web and collab;
// METRICS_PORT serves its metrics (queue depth among them).
import { openDatabase } from "@conductor/db";
import { log, metricsPortFrom, serveMetrics } from "@conductor/ops";
import { mailConfigFromEnv } from "../mail/config";
import { loggableError, startWorker } from "./worker";

const logger = log("worker");
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  logger.fatal("worker: DATABASE_URL is required (npm start sets it for the embedded database)");
  process.exit(1);
}
// A fault escaping everything still logs only its message: the error objects
// of `pg` carry the connection's parameters, password included.
for (const event of ["uncaughtException", "unhandledRejection"] as const)
  process.on(event, (error: unknown) => {
    logger.fatal({ fault: loggableError(error) }, `worker: stopping after ${event}`);
    process.exit(1);
  });

const metricsPort = metricsPortFrom(process.env.METRICS_PORT);
const mail = mailConfigFromEnv();
const db = await openDatabase({ kind: "postgres", url: databaseUrl });
const worker = await startWorker({ databaseUrl, db: db.prisma, mail, logger });
if (metricsPort) await serveMetrics(metricsPort, process.env.METRICS_ADDRESS ?? "127.0.0.1");
logger.info(
  { metricsPort: metricsPort ?? null },
  mail.smtpUrl
    ? `worker: ready; sending mail through ${new URL(mail.smtpUrl).host} as ${mail.from}`
    : "worker: ready; SMTP_URL is not set, so mail is kept in Settings → Outgoing mail",
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await db.close();
    logger.info("worker: stopped");
    process.exit(0);
  });
}
