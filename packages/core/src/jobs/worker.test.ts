import type { Database } from "@conductor/db";
import { createCommunication, createMember, createOrganization } from "@conductor/db/seed";
import { freePort } from "@conductor/db/testing";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import type { MailConfig } from "../mail/config";
import { retryOutgoingMail } from "../mail/retry-outgoing-mail";
import { smtpTransport } from "../mail/transport";
import { readUnsubscribeToken } from "../mail/unsubscribe-token";
import { notifyPeople } from "../reviews/review-notifications";
import { databaseForWorkers, eventually } from "./testing";
import { queues, startWorker, type Worker } from "./worker";

const SECRET = "worker-test-secret-worker-test-secret-0123";

/** A real SMTP server on loopback; mail to a recipient in `refuse` gets a 451. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const error = new Error("Mailbox busy, try again later") as Error & {
          responseCode: number;
        };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("the job worker delivering mail through a real SMTP server", () => {
  let db: Database;
  let url: string;
  const closers: (() => Promise<unknown>)[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const workers: Worker[] = [];
  let config: MailConfig;

  beforeAll(async () => {
    // As under `npm start`: every client, this test's included, goes through the socket.
    ({ url, db } = await databaseForWorkers(closers));
    smtp = await startSmtp();
    closers.unshift(() => smtp.close());
    config = {
      appUrl: "https://conductor.example",
      smtpUrl: smtp.url,
      from: "Conductor <no-reply@conductor.example>",
      authSecret: SECRET,
    };
    // Two workers on one database, as two processes would be.
    for (let i = 0; i < 2; i++) {
      const worker = await startWorker({
        databaseUrl: url,
        db,
        mail: config,
        transport: smtpTransport(smtp.url),
        retries: { retryLimit: 2, retryDelay: 1, retryDelayMax: 4 },
        relayEveryMs: 200,
      });
      workers.push(worker);
    }
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    for (const close of closers) await close();
  }, 60_000);

  async function scenario(emails: string[]) {
    const org = await createOrganization(db, { name: "Harbour Test Energy" });
    const owner = await createMember(db, { organizationId: org.id, roles: ["COMMS_MANAGER"] });
    const people: { id: string; email: string }[] = [];
    for (const email of emails)
      people.push(
        (await createMember(db, { organizationId: org.id, email, functions: ["LEGAL"] })).user,
      );
    const communication = await createCommunication(db, {
      organizationId: org.id,
      ownerId: owner.user.id,
      title: "Your new tariff",
    });
    await db.$transaction((tx) =>
      notifyPeople(
        tx,
        people.map((p) => p.id),
        "REVIEW_WAITING",
        {
          organizationId: org.id,
          communicationId: communication.id,
          actorId: owner.user.id,
          actorName: "Casey Comms",
          excerpt: "Your new tariff: now waiting on “Legal”",
        },
      ),
    );
    return { org, owner, people, communication };
  }

  it("sends each notification's mail once, with the recipient, subject, link and unsubscribe headers", async () => {
    const { org, people, communication } = await scenario([
      "rita@harbour.test",
      "sam@harbour.test",
    ]);
    const mails = await eventually(
      () => db.outgoingMail.findMany({ where: { organizationId: org.id } }),
      (rows) => rows.length === 2 && rows.every((m) => m.status === "SENT"),
    );
    expect(mails.map((m) => m.attempts)).toEqual([1, 1]);
    const arrived = smtp.received.filter((m) => m.subject?.includes("Your new tariff"));
    // Two workers, one message per person.
    expect(arrived.map((m) => (m.to as { text: string }).text).sort()).toEqual([
      "rita@harbour.test",
      "sam@harbour.test",
    ]);
    for (const message of arrived) {
      expect(message.subject).toBe("“Your new tariff” is waiting on your review");
      expect(message.from?.value).toEqual([
        { name: "Conductor", address: "no-reply@conductor.example" },
      ]);
      const link = `https://conductor.example/communications/${communication.id}?tab=review`;
      expect(message.html).toContain(link);
      expect(message.text).toContain(link);
      expect(message.text).toContain("Harbour Test Energy");
      // As sent, not as mailparser folds List-* headers into one object.
      const raw = (name: string) =>
        message.headerLines
          .find((h) => h.key === name)
          ?.line.slice(name.length + 1)
          .trim();
      expect(raw("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      const href = raw("list-unsubscribe")?.match(/^<(https:[^>]+)>$/)?.[1] ?? "";
      expect(href).toMatch(/^https:\/\/conductor\.example\/api\/unsubscribe\?token=/);
      const claim = readUnsubscribeToken(new URL(href).searchParams.get("token") ?? "", SECRET);
      const person = people.find((p) => p.email === (message.to as { text: string }).text)!;
      expect(claim).toEqual({ userId: person.id, organizationId: org.id, kind: "REVIEW_WAITING" });
    }
    // Another pump finds nothing new: the notifications are marked handled.
    await workers[0]!.pump();
    expect(await db.outgoingMail.count({ where: { organizationId: org.id } })).toBe(2);
  }, 60_000);

  it("retries a refusing server with backoff, keeps the mail as failed with the server's answer, and an admin's retry sends it", async () => {
    smtp.refuse.add("busy@harbour.test");
    const { org, owner } = await scenario(["busy@harbour.test"]);
    const [mail] = await eventually(
      () => db.outgoingMail.findMany({ where: { organizationId: org.id } }),
      (rows) => rows.length === 1 && rows[0]!.status === "FAILED",
    );
    expect(mail!.attempts).toBe(3);
    expect(mail!.lastError).toMatch(/^Attempt 3 of 3: .*451.*Mailbox busy/);
    expect(smtp.received.some((m) => (m.to as { text: string }).text === "busy@harbour.test")).toBe(
      false,
    );
    // The queue retried it on a growing delay (pg-boss's exponential backoff), twice.
    const job = await workers[0]!.boss.getJobById(queues.deliverMail, mail!.id);
    expect(job).toMatchObject({ retryCount: 2, retryBackoff: true, retryDelay: 1 });

    // The server takes mail again; an admin sends it again from Settings → Outgoing mail.
    smtp.refuse.delete("busy@harbour.test");
    const admin = await createMember(db, { organizationId: org.id, roles: ["ADMIN"] });
    const ctx = { db, actor: await loadActor(db, admin.user.id) };
    await retryOutgoingMail(ctx, { organizationId: org.id, mailId: mail!.id });
    const [sent] = await eventually(
      () => db.outgoingMail.findMany({ where: { organizationId: org.id } }),
      (rows) => rows[0]!.status === "SENT",
    );
    // A fresh set of attempts under a new job (the failed job keeps the mail's id).
    expect(sent!.attempts).toBe(1);
    expect(sent!.jobId).not.toBe(mail!.id);
    // The handler marks the mail sent before pg-boss records the job complete.
    const resent = await eventually(
      () => workers[0]!.boss.getJobById(queues.deliverMail, sent!.jobId!),
      (found) => found?.state === "completed",
    );
    expect(resent).toMatchObject({ state: "completed" });
    expect(
      smtp.received.filter((m) => (m.to as { text: string }).text === "busy@harbour.test"),
    ).toHaveLength(1);
    // Sent mail is never sent again; the owner (no admin) may not retry.
    await expect(
      retryOutgoingMail(ctx, { organizationId: org.id, mailId: mail!.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      retryOutgoingMail(
        { db, actor: await loadActor(db, owner.user.id) },
        { organizationId: org.id, mailId: mail!.id },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [audit] = await db.auditEvent.findMany({
      where: { organizationId: org.id, kind: "OUTGOING_MAIL_RETRIED" },
    });
    expect(JSON.parse(audit!.payload)).toMatchObject({ mailId: mail!.id, attempts: 3 });
  }, 90_000);

  it("keeps mail with the reason when no SMTP server is configured", async () => {
    // The SMTP workers stop first: their relay would otherwise queue the mail
    // in their own (unworked) queue before this worker's pump saw it.
    for (const worker of workers.splice(0)) await worker.stop();
    const unconfigured = await startWorker({
      databaseUrl: url,
      db,
      mail: { ...config, smtpUrl: null },
      transport: null,
      relayEveryMs: 60_000,
    });
    try {
      const { org } = await scenario(["nosmtp@harbour.test"]);
      await unconfigured.pump();
      const [mail] = await eventually(
        () => db.outgoingMail.findMany({ where: { organizationId: org.id } }),
        (rows) => rows.length === 1 && rows[0]!.status !== "QUEUED",
      );
      expect(mail!.status).toBe("NOT_CONFIGURED");
      expect(mail!.lastError).toMatch(/SMTP_URL is not set/);
      expect(mail!.html).toContain("Your new tariff");
    } finally {
      await unconfigured.stop();
    }
  }, 60_000);
});
