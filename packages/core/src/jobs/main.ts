// The job worker's own process: `node --import tsx src/jobs/main.ts`, started
// by scripts/start.mjs beside web and collab. Any number may run against one
// database; each job runs once. Needs DATABASE_URL (under `npm start`, the
// embedded database's loopback server).
import { openDatabase } from "@conductor/db";
import { mailConfigFromEnv } from "../mail/config";
import { startWorker } from "./worker";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("worker: DATABASE_URL is required (npm start sets it for the embedded database)");
  process.exit(1);
}
const mail = mailConfigFromEnv();
const db = await openDatabase({ kind: "postgres", url: databaseUrl });
const worker = await startWorker({ databaseUrl, db: db.prisma, mail });
console.log(
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
    process.exit(0);
  });
}
