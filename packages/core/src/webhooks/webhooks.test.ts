import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@conductor/db";
import { createCommunication, createMember, createOrganization } from "@conductor/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { loadCommunication } from "../communications/load";
import { AppError } from "../errors";
import { databaseForWorkers, eventually } from "../jobs/testing";
import { startWorker, type Worker } from "../jobs/worker";
import { decideReview } from "../reviews/decide";
import { releaseReview } from "../reviews/release";
import { notifyPeople } from "../reviews/review-notifications";
import { submitForReview } from "../reviews/submit";
import { releaseSchema } from "../schemas";
import { recordVersion } from "../versions/record-version";
import { checkWebhookUrl, isReservedAddress } from "./address-guard";
import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import { deliverWebhook } from "./deliver-webhook";
import { listWebhooks } from "./list-webhooks";
import { retryWebhookDelivery } from "./retry-webhook-delivery";
import { verifyWebhook } from "./signature";

const loopback = { allowPrivate: true };
const outside = { allowPrivate: false };

describe("which addresses a webhook may name", () => {
  it("refuses other schemes, credentials in the URL and, outside tests, private and loopback hosts", () => {
    for (const url of [
      "ftp://hooks.example/x",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "not a url",
    ])
      expect(() => checkWebhookUrl(url, loopback), url).toThrow(/http|web address/);
    expect(() => checkWebhookUrl("https://user:pw@hooks.example/x", outside)).toThrow(/password/);
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://localhost/hook",
      "http://[::1]/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://10.1.2.3/",
      "http://192.168.0.10/",
      "http://[::ffff:127.0.0.1]/",
      "http://[fd00::1]/",
    ])
      expect(() => checkWebhookUrl(url, outside), url).toThrow(/private network/);
    expect(checkWebhookUrl("https://hooks.slack.com/services/T0/B0/x", outside).host).toBe(
      "hooks.slack.com",
    );
    expect(checkWebhookUrl("http://127.0.0.1:8080/hook", loopback).port).toBe("8080");
    expect(isReservedAddress("8.8.8.8")).toBe(false);
    expect(isReservedAddress("2606:4700::1111")).toBe(false);
    expect(isReservedAddress("::ffff:10.0.0.1")).toBe(true);
  });
});

/** A real receiver on loopback: records each request; `answers` says what to reply, in turn. */
async function startReceiver() {
  const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const answers = new Map<string, number[]>();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      const queue = answers.get(path) ?? [];
      res.statusCode = queue.length > 1 ? queue.shift()! : (queue[0] ?? 200);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("outgoing webhooks delivered by the worker to a real receiver", () => {
  let db: Database;
  let worker: Worker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const { url, db: client } = await databaseForWorkers(closers);
    db = client;
    receiver = await startReceiver();
    closers.unshift(() => receiver.close());
    worker = await startWorker({
      databaseUrl: url,
      db,
      mail: {
        appUrl: "https://conductor.example",
        smtpUrl: null,
        from: "x@conductor.example",
        authSecret: "webhook-test-secret-webhook-test-secret-01",
      },
      transport: null,
      relayEveryMs: 200,
      // The receiver is on loopback: the test allows it explicitly.
      webhooks: { policy: loopback, retries: { retryLimit: 2, retryDelay: 1, retryDelayMax: 2 } },
    });
    closers.unshift(() => worker.stop());
  }, 120_000);
  afterAll(async () => {
    for (const close of closers) await close();
  }, 60_000);

  async function organization(name: string) {
    const org = await createOrganization(db, { name });
    const admin = await createMember(db, { organizationId: org.id, roles: ["ADMIN"] });
    const manager = await createMember(db, { organizationId: org.id, roles: ["COMMS_MANAGER"] });
    const communication = await createCommunication(db, {
      organizationId: org.id,
      ownerId: manager.user.id,
      title: "Your new tariff",
    });
    const as = async (userId: string) => ({ db, actor: await loadActor(db, userId) });
    const step = (kind: "REVIEW_APPROVED" | "CHANGES_REQUESTED" | "MENTION") =>
      db.$transaction((tx) =>
        notifyPeople(tx, [manager.user.id], kind, {
          organizationId: org.id,
          communicationId: communication.id,
          actorId: admin.user.id,
          actorName: "Leo Legal",
          excerpt: "Your new tariff: every stage approved; ready to release",
        }),
      );
    return { org, admin, manager, communication, as, step };
  }

  it("only admins make webhooks; the secret is shown once; the audit entry names the origin, never the path or secret", async () => {
    const a = await organization("Hook Admin Energy");
    const b = await organization("Other Hook Energy");
    const input = {
      organizationId: a.org.id,
      name: "Slack #reviews",
      url: receiver.url("/services/T0/B0/secret-path"),
      events: ["REVIEW_APPROVED" as const],
    };
    await expect(
      createWebhook(await a.as(a.manager.user.id), input, loopback),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createWebhook(await b.as(b.admin.user.id), input, loopback)).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    await expect(
      createWebhook(await a.as(a.admin.user.id), { ...input, url: receiver.url("/x") }, outside),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const made = await createWebhook(await a.as(a.admin.user.id), input, loopback);
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const listed = await listWebhooks(await a.as(a.admin.user.id), a.org.id);
    expect(listed.map((h) => h.id)).toEqual([made.id]);
    expect(JSON.stringify(listed)).not.toContain(made.secret);
    expect(await listWebhooks(await b.as(b.admin.user.id), b.org.id)).toEqual([]);
    const [audit] = await db.auditEvent.findMany({
      where: { organizationId: a.org.id, kind: "WEBHOOK_CREATED" },
    });
    expect(audit!.payload).not.toContain("secret-path");
    expect(audit!.payload).not.toContain(made.secret);
    expect(JSON.parse(audit!.payload)).toMatchObject({
      origin: new URL(input.url).origin,
      events: ["REVIEW_APPROVED"],
    });
    await deleteWebhook(await a.as(a.admin.user.id), {
      organizationId: a.org.id,
      webhookId: made.id,
    });
    await expect(
      deleteWebhook(await a.as(a.admin.user.id), { organizationId: a.org.id, webhookId: made.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 60_000);

  it("signs each delivery so the receiver can verify it, retries after a 500, gives up after the last attempt, and never tells one organisation's hook of another's events", async () => {
    const a = await organization("Harbour Hook Energy");
    const b = await organization("Elsewhere Energy");
    const admin = await a.as(a.admin.user.id);
    const flaky = await createWebhook(
      admin,
      {
        organizationId: a.org.id,
        name: "Flaky",
        url: receiver.url("/flaky"),
        events: ["REVIEW_APPROVED", "CHANGES_REQUESTED"],
      },
      loopback,
    );
    const down = await createWebhook(
      admin,
      {
        organizationId: a.org.id,
        name: "Down",
        url: receiver.url("/down"),
        events: ["REVIEW_APPROVED"],
      },
      loopback,
    );
    receiver.answers.set("/flaky", [500, 200]);
    receiver.answers.set("/down", [500]);

    await a.step("REVIEW_APPROVED");
    await a.step("MENTION"); // not a webhook event
    await b.step("REVIEW_APPROVED"); // another organisation's

    const deliveries = await eventually(
      () =>
        db.webhookDelivery.findMany({
          where: { organizationId: a.org.id },
          orderBy: { createdAt: "asc" },
        }),
      (rows) => rows.length === 2 && rows.every((d) => d.status !== "QUEUED"),
    );
    const flakyDelivery = deliveries.find((d) => d.webhookId === flaky.id)!;
    const downDelivery = deliveries.find((d) => d.webhookId === down.id)!;
    expect(flakyDelivery).toMatchObject({ status: "DELIVERED", attempts: 2, lastStatus: 200 });
    expect(downDelivery).toMatchObject({ status: "FAILED", attempts: 3, lastStatus: 500 });
    expect(downDelivery.lastError).toMatch(/^Attempt 3 of 3: the receiver answered 500/);

    const atFlaky = receiver.received.filter((r) => r.path === "/flaky");
    const atDown = receiver.received.filter((r) => r.path === "/down");
    expect(atFlaky).toHaveLength(2);
    expect(atDown).toHaveLength(3);
    for (const request of atFlaky) {
      const headers = {
        signature: String(request.headers["x-conductor-signature"]),
        timestamp: String(request.headers["x-conductor-timestamp"]),
      };
      expect(verifyWebhook(flaky.secret, headers, request.body)).toBe(true);
      // Another hook's secret, or a changed body, does not verify.
      expect(verifyWebhook(down.secret, headers, request.body)).toBe(false);
      expect(
        verifyWebhook(flaky.secret, headers, request.body.replace("approved", "rejected")),
      ).toBe(false);
      expect(JSON.parse(request.body)).toMatchObject({
        id: flakyDelivery.id,
        event: "review.approved",
        organization: { id: a.org.id, name: "Harbour Hook Energy" },
        communication: {
          id: a.communication.id,
          title: "Your new tariff",
          url: `https://conductor.example/communications/${a.communication.id}?tab=review`,
        },
        actor: "Leo Legal",
      });
    }
    // Each retry sends the same bytes.
    expect(atFlaky[1]!.body).toBe(atFlaky[0]!.body);
    // Organisation B's event reached none of A's hooks.
    expect(receiver.received.some((r) => r.body.includes(b.org.id))).toBe(false);
    expect(await db.webhookDelivery.count({ where: { organizationId: b.org.id } })).toBe(0);

    // The log in Settings: newest first, with the receiver's answers.
    const [listedDown] = (await listWebhooks(admin, a.org.id)).filter((h) => h.id === down.id);
    expect(listedDown!.deliveries).toMatchObject([{ status: "FAILED", lastStatus: 500 }]);
  }, 90_000);

  it("a real review — submitted, changes requested, submitted again, approved stage by stage, released — reaches the receiver as it happens", async () => {
    const a = await organization("Review Hook Energy");
    const reviewers = new Map<string, string>();
    for (const fn of ["LEGAL", "COMPLIANCE", "REGULATORY", "ACCOUNTING", "PRODUCT"] as const)
      reviewers.set(
        fn,
        (await createMember(db, { organizationId: a.org.id, functions: [fn] })).user.id,
      );
    const hook = await createWebhook(
      await a.as(a.admin.user.id),
      {
        organizationId: a.org.id,
        name: "Teams #approvals",
        url: receiver.url("/review-flow"),
        events: ["REVIEW_WAITING", "REVIEW_APPROVED", "CHANGES_REQUESTED", "RELEASED"],
      },
      loopback,
    );
    const manager = await a.as(a.manager.user.id);
    const fresh = () => loadCommunication(manager, a.communication.id);
    const submit = async (text: string) => {
      const version = await recordVersion(manager, await fresh(), {
        json: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
        text,
        name: text,
        kind: "NAMED",
      });
      const review = await submitForReview(manager, await fresh(), {
        communicationId: a.communication.id,
        versionId: version.id,
        // An empty document scores below the minimum.
        overrideReason: "A test of the webhooks",
      });
      const { contentHash } = await db.communicationVersion.findUniqueOrThrow({
        where: { id: version.id },
      });
      return { reviewId: review.id, versionHash: contentHash };
    };
    const decide = async (
      fn: string,
      review: { reviewId: string; versionHash: string },
      kind: "APPROVE" | "REQUEST_CHANGES",
    ) => {
      const as = await a.as(reviewers.get(fn)!);
      await decideReview(as, await loadCommunication(as, a.communication.id), {
        communicationId: a.communication.id,
        ...review,
        kind,
        reasonCode: kind === "REQUEST_CHANGES" ? "unclear" : undefined,
        comment: "",
        withChanges: false,
      });
    };
    const atReceiver = async () =>
      receiver.received
        .filter((r) => r.path === "/review-flow")
        .map((r) => JSON.parse(r.body) as { event: string; text: string; id: string });
    // Each step's event arrives before the next step is taken: told as it happens, in order.
    const told = (n: number) => eventually(atReceiver, (events) => events.length === n);

    const first = await submit("First draft");
    await told(1);
    await decide("COMPLIANCE", first, "REQUEST_CHANGES");
    await told(2);
    const second = await submit("Second draft");
    await told(3);
    for (const fn of ["LEGAL", "COMPLIANCE", "REGULATORY"]) await decide(fn, second, "APPROVE");
    await told(4);
    for (const fn of ["ACCOUNTING", "PRODUCT"]) await decide(fn, second, "APPROVE");
    await told(5);
    await releaseReview(
      manager,
      await fresh(),
      // As the route hands it over: send dates parsed into days.
      releaseSchema.parse({
        communicationId: a.communication.id,
        reviewId: second.reviewId,
        channel: (await fresh()).channel,
        sendDates: ["2026-12-10"],
        recipients: 12_000,
      }),
    );
    const events = await told(6);
    expect(events.map((e) => e.event)).toEqual([
      "review.waiting",
      "review.changes_requested",
      "review.waiting",
      "review.waiting",
      "review.approved",
      "communication.released",
    ]);
    expect(events[1]!.text).toContain("changes requested (unclear)");
    expect(events[3]!.text).toContain("now waiting on");
    // Each is signed with this hook's secret, and names a delivery of this hook.
    for (const request of receiver.received.filter((r) => r.path === "/review-flow"))
      expect(
        verifyWebhook(
          hook.secret,
          {
            signature: String(request.headers["x-conductor-signature"]),
            timestamp: String(request.headers["x-conductor-timestamp"]),
          },
          request.body,
        ),
      ).toBe(true);
    const deliveries = await db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(deliveries.map((d) => d.status)).toEqual(Array(6).fill("DELIVERED"));
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(deliveries.map((d) => d.id)));
  }, 120_000);

  it("an admin sends a failed delivery again: queued afresh, delivered, audited; only failed ones, only their own", async () => {
    const a = await organization("Resend Hook Energy");
    const b = await organization("Resend Elsewhere Energy");
    const admin = await a.as(a.admin.user.id);
    const hook = await createWebhook(
      admin,
      {
        organizationId: a.org.id,
        name: "Down for a while",
        url: receiver.url("/resend"),
        events: ["REVIEW_APPROVED"],
      },
      loopback,
    );
    receiver.answers.set("/resend", [503]);
    await a.step("REVIEW_APPROVED");
    const [failed] = await eventually(
      () => db.webhookDelivery.findMany({ where: { webhookId: hook.id } }),
      (rows) => rows.length === 1 && rows[0]!.status === "FAILED",
    );
    const input = { organizationId: a.org.id, deliveryId: failed!.id };
    const refusal = async (attempt: Promise<unknown>) =>
      attempt.then(
        () => "ok",
        (error) => (error instanceof AppError ? error.code : String(error)),
      );
    expect(await refusal(retryWebhookDelivery(await a.as(a.manager.user.id), input))).toBe(
      "FORBIDDEN",
    );
    expect(await refusal(retryWebhookDelivery({ db, actor: null }, input))).toBe("UNAUTHENTICATED");
    const otherAdmin = await b.as(b.admin.user.id);
    expect(await refusal(retryWebhookDelivery(otherAdmin, input))).toBe("NOT_FOUND");
    expect(
      await refusal(
        retryWebhookDelivery(otherAdmin, { organizationId: b.org.id, deliveryId: failed!.id }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await refusal(
        retryWebhookDelivery(admin, { organizationId: a.org.id, deliveryId: "\u0000" }),
      ),
    ).toBe("NOT_FOUND");

    const before = receiver.received.filter((r) => r.path === "/resend").length;
    receiver.answers.set("/resend", [200]);
    expect(await retryWebhookDelivery(admin, input)).toEqual({ id: failed!.id, status: "QUEUED" });
    // Pressed twice: the second finds it queued, not failed.
    expect(await refusal(retryWebhookDelivery(admin, input))).toBe("CONFLICT");
    const delivered = await eventually(
      () => db.webhookDelivery.findUniqueOrThrow({ where: { id: failed!.id } }),
      (d) => d.status === "DELIVERED",
    );
    expect(delivered).toMatchObject({ attempts: 1, lastStatus: 200, lastError: null });
    expect(receiver.received.filter((r) => r.path === "/resend")).toHaveLength(before + 1);
    expect(await refusal(retryWebhookDelivery(admin, input))).toBe("CONFLICT");
    const [audit] = await db.auditEvent.findMany({
      where: { organizationId: a.org.id, kind: "WEBHOOK_DELIVERY_RETRIED" },
    });
    expect(JSON.parse(audit!.payload)).toEqual({
      deliveryId: failed!.id,
      webhookId: hook.id,
      event: "REVIEW_APPROVED",
      attempts: 3,
      lastError: "Attempt 3 of 3: the receiver answered 503",
    });
    expect(audit!.actorId).toBe(a.admin.user.id);
  }, 90_000);

  it("outside tests, a delivery to a private address is refused when it is made, whatever was saved", async () => {
    const a = await organization("Private Hook Energy");
    const hook = await createWebhook(
      await a.as(a.admin.user.id),
      {
        organizationId: a.org.id,
        name: "Internal",
        url: receiver.url("/internal"),
        events: ["CHANGES_REQUESTED"],
      },
      loopback,
    );
    await worker.boss.offWork("webhook-deliver");
    await a.step("CHANGES_REQUESTED");
    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    const outcome = await deliverWebhook(db, delivery!.id, {
      policy: outside,
      maxAttempts: 1,
      appUrl: "https://conductor.example",
    });
    expect(outcome).toBe("failed");
    const after = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(after.lastError).toMatch(/private network/);
    expect(receiver.received.some((r) => r.path === "/internal")).toBe(false);
  }, 30_000);
});
