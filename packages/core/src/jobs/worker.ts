import type { Database } from "@conductor/db";
import { type Logger, log, metrics } from "@conductor/ops";
import { PgBoss } from "pg-boss";
import { failAbandonedCallImports } from "../calls/abandoned-imports";
import { runCallImport } from "../calls/run-call-import";
import type { MailConfig } from "../mail/config";
import { deliverMail } from "../mail/deliver-mail";
import { relayNotifications } from "../mail/relay-notifications";
import { sendDigests } from "../mail/send-digests";
import { type MailTransport, smtpTransport } from "../mail/transport";
import { remindDueReviews } from "../notifications/remind-due-reviews";
import { type WebhookNetworkPolicy, webhookPolicyFromEnv } from "../webhooks/address-guard";
import { deliverWebhook } from "../webhooks/deliver-webhook";

export const queues = {
  deliverMail: "mail-deliver",
  deliverWebhook: "webhook-deliver",
  reminders: "review-reminders",
  digests: "mail-digests",
  importCalls: "calls-import",
} as const;

export interface DeliveryRetries {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Seconds before the first retry; each retry waits about twice as long. */
  retryDelay: number;
  retryDelayMax: number;
}

/** 1 + 6 attempts over about two hours: a mail server down for a while still gets the mail. */
export const defaultRetries: DeliveryRetries = {
  retryLimit: 6,
  retryDelay: 60,
  retryDelayMax: 3600,
};

export interface WorkerOptions {
  /** postgres:// URL of the database (the embedded database's loopback server under `npm start`). */
  databaseUrl: string;
  db: Database;
  mail: MailConfig;
  /** Defaults to SMTP from mail.smtpUrl; null when none is configured. */
  transport?: MailTransport | null;
  retries?: DeliveryRetries;
  /** How often notifications are turned into mail. */
  relayEveryMs?: number;
  /** How often conductor_queue_depth is read from the queue. */
  depthEveryMs?: number;
  /** The queue's own tables live in this schema. */
  schema?: string;
  /** Where faults are logged (the process's `worker` logger by default). */
  logger?: Logger;
  /** Outgoing webhooks: which addresses they may reach (WEBHOOKS_ALLOW_PRIVATE) and their retries. */
  webhooks?: { policy?: WebhookNetworkPolicy; retries?: DeliveryRetries; timeoutMs?: number };
}

/**
 * What a fault may say in the log: its kind, code and message, never the
 * object itself. A `pg` error from a database that stopped first carries the
 * client's connection parameters (on PostgreSQL, the URL's password), and
 * the logger's redaction only knows field names one level down; a message
 * that quotes a URL loses its user and password here too.
 */
export function loggableError(error: unknown): {
  name: string;
  code?: string;
  queue?: string;
  message: string;
} {
  // pg-boss hands its workers' faults on as plain objects: the error's own
  // fields spread, with its message, stack, queue and worker id.
  const fault = (typeof error === "object" && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  const message =
    typeof fault.message === "string"
      ? fault.message
      : typeof error === "object" && error !== null
        ? "(a fault without a message)"
        : String(error);
  const text = (value: unknown) =>
    typeof value === "string" || typeof value === "number"
      ? String(value).slice(0, 100)
      : undefined;
  const code = text(fault.code);
  const queue = text(fault.queue);
  return {
    name: text(fault.name) ?? (error instanceof Error ? error.name : "Error"),
    ...(code ? { code } : {}),
    ...(queue ? { queue } : {}),
    message: message.replace(/\/\/[^@/\s]*@/g, "//…@").slice(0, 500),
  };
}

export interface Worker {
  boss: PgBoss;
  /** Turns pending notifications into mail and queues a delivery job per mail (what the timer does). */
  pump(): Promise<void>;
  /** Sets conductor_queue_depth{queue} from the queue's counts (what the timer does). */
  measureDepth(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The job worker: pg-boss on the app's own database, so any number of
 * worker processes share one queue and each job runs once (jobs are
 * fetched with FOR UPDATE SKIP LOCKED; on the embedded database the socket
 * server's session queue runs each statement whole). Delivery retries with
 * exponential backoff; reminders run every minute and digests every hour
 * from pg-boss's cron, which fires once per slot however many workers run.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { db, mail } = options;
  const logger = options.logger ?? log("worker");
  const onError = (error: unknown) =>
    logger.error({ fault: loggableError(error) }, "worker: a job or the queue failed");
  const retries = options.retries ?? defaultRetries;
  const transport =
    options.transport !== undefined
      ? options.transport
      : mail.smtpUrl
        ? smtpTransport(mail.smtpUrl)
        : null;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.schema ?? "pgboss",
    max: 4,
  });
  boss.on("error", onError);
  await boss.start();
  await boss.createQueue(queues.deliverMail, {
    ...retries,
    retryBackoff: true,
    expireInSeconds: 120,
  });
  const webhookRetries = options.webhooks?.retries ?? defaultRetries;
  const webhookPolicy = options.webhooks?.policy ?? webhookPolicyFromEnv();
  await boss.createQueue(queues.deliverWebhook, {
    ...webhookRetries,
    retryBackoff: true,
    expireInSeconds: 120,
  });
  await boss.createQueue(queues.reminders, { retryLimit: 1, expireInSeconds: 300 });
  await boss.createQueue(queues.digests, { retryLimit: 1, expireInSeconds: 900 });
  // An import is never retried by the queue: it claims its row, so a second
  // run would find it taken; one that broke says so and is sent again by hand.
  // Its transaction may take 30 minutes (see importReceived), so it expires late.
  await boss.createQueue(queues.importCalls, { retryLimit: 0, expireInSeconds: 3600 });
  await boss.schedule(queues.reminders, "* * * * *");
  await boss.schedule(queues.digests, "0 * * * *");

  let pumping: Promise<void> | null = null;
  const pumpOnce = async () => {
    while ((await relayNotifications(db, mail)).length > 0) {}
    for (;;) {
      const waiting = await db.outgoingMail.findMany({
        where: { status: "QUEUED", jobQueuedAt: null },
        select: { id: true, jobId: true },
        orderBy: { createdAt: "asc" },
        take: 500,
      });
      if (waiting.length === 0) break;
      // The mail's id (or its retry's job id) is the job's id: a second
      // worker queuing the same mail is a no-op.
      await boss.insert(
        queues.deliverMail,
        waiting.map((m) => ({ id: m.jobId ?? m.id, data: { mailId: m.id } })),
      );
      await db.outgoingMail.updateMany({
        where: { id: { in: waiting.map((m) => m.id) } },
        data: { jobQueuedAt: new Date() },
      });
    }
    // Call imports the upload requests stored: one job each, the import's id as the job's.
    // One still RECEIVING after an hour lost its request mid-way (the process died): it goes.
    await db.callImportJob.deleteMany({
      where: { state: "RECEIVING", createdAt: { lt: new Date(Date.now() - 3600_000) } },
    });
    // One RUNNING whose worker stopped saying it is alive: failed, so its page stops waiting.
    await failAbandonedCallImports(db);
    for (;;) {
      const waiting = await db.callImportJob.findMany({
        where: { state: "QUEUED", jobQueuedAt: null },
        select: { id: true },
        orderBy: { createdAt: "asc" },
        take: 100,
      });
      if (waiting.length === 0) break;
      await boss.insert(
        queues.importCalls,
        waiting.map((j) => ({ id: j.id, data: { importId: j.id } })),
      );
      await db.callImportJob.updateMany({
        where: { id: { in: waiting.map((j) => j.id) } },
        data: { jobQueuedAt: new Date() },
      });
    }
    // Webhook deliveries the review steps wrote: one job each, the delivery's id as the job's.
    for (;;) {
      const waiting = await db.webhookDelivery.findMany({
        where: { status: "QUEUED", jobQueuedAt: null },
        select: { id: true, jobId: true },
        orderBy: { createdAt: "asc" },
        take: 500,
      });
      if (waiting.length === 0) return;
      await boss.insert(
        queues.deliverWebhook,
        waiting.map((d) => ({ id: d.jobId ?? d.id, data: { deliveryId: d.id } })),
      );
      await db.webhookDelivery.updateMany({
        where: { id: { in: waiting.map((d) => d.id) } },
        data: { jobQueuedAt: new Date() },
      });
    }
  };
  const pump = () => {
    pumping ??= pumpOnce().finally(() => {
      pumping = null;
    });
    return pumping;
  };

  const maxAttempts = retries.retryLimit + 1;
  await boss.work<{ mailId: string }>(
    queues.deliverMail,
    // Several deliveries at once per process: sending waits on the mail server, not the CPU.
    { pollingIntervalSeconds: 0.5, batchSize: 1, localConcurrency: 8 },
    async ([job]) => {
      if (!job) return;
      const outcome = await deliverMail(db, job.data.mailId, {
        transport,
        from: mail.from,
        maxAttempts,
      });
      // pg-boss retries a job whose handler throws, after its backoff.
      if (outcome === "retry")
        throw new Error(`mail ${job.data.mailId}: delivery failed; retrying`);
    },
  );
  await boss.work<{ deliveryId: string }>(
    queues.deliverWebhook,
    { pollingIntervalSeconds: 0.5, batchSize: 1, localConcurrency: 8 },
    async ([job]) => {
      if (!job) return;
      const outcome = await deliverWebhook(db, job.data.deliveryId, {
        policy: webhookPolicy,
        maxAttempts: webhookRetries.retryLimit + 1,
        appUrl: mail.appUrl,
        timeoutMs: options.webhooks?.timeoutMs,
      });
      if (outcome === "retry")
        throw new Error(`webhook delivery ${job.data.deliveryId} failed; retrying`);
    },
  );
  await boss.work<{ importId: string }>(
    queues.importCalls,
    // One at a time per worker: an import keeps a core busy parsing and a connection copying.
    { pollingIntervalSeconds: 0.5, batchSize: 1, localConcurrency: 1 },
    async ([job]) => {
      if (!job) return;
      const outcome = await runCallImport(db, job.data.importId, { onFault: onError });
      logger.info({ queue: queues.importCalls, job: job.id, outcome }, "worker: call import ran");
    },
  );
  await boss.work(queues.reminders, { pollingIntervalSeconds: 2 }, async ([job]) => {
    const made = await remindDueReviews(db);
    // One line per run, naming the job: with several workers, each cron slot's
    // job appears in exactly one worker's log (the multi-instance test counts them).
    logger.info({ queue: queues.reminders, job: job?.id, made }, "worker: reminders ran");
    await pump();
  });
  await boss.work(queues.digests, { pollingIntervalSeconds: 2 }, async () => {
    await sendDigests(db, mail);
    await pump();
  });

  const timer = setInterval(() => {
    pump().catch(onError);
  }, options.relayEveryMs ?? 1000);
  // conductor_queue_depth{queue}: jobs waiting, as pg-boss's monitor last
  // counted them (its counts are cached, so reading them costs one small query).
  const measureDepth = async () => {
    for (const queue of await boss.getQueues(Object.values(queues)))
      metrics().queueDepth.set({ queue: queue.name }, queue.queuedCount);
  };
  await measureDepth().catch(onError);
  const depthTimer = setInterval(() => {
    measureDepth().catch(onError);
  }, options.depthEveryMs ?? 15_000);
  return {
    boss,
    pump,
    measureDepth,
    stop: async () => {
      clearInterval(timer);
      clearInterval(depthTimer);
      await pumping?.catch(() => {});
      await boss.stop({ graceful: true, timeout: 10_000 });
      transport?.close();
    },
  };
}
