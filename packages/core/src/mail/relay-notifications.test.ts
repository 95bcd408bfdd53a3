import type { Database } from "@conductor/db";
import { openDatabase } from "@conductor/db";
import { createCommunication, createMember, createOrganization } from "@conductor/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseForWorkers } from "../jobs/testing";
import { notifyPeople } from "../reviews/review-notifications";
import type { MailConfig } from "./config";
import { relayNotifications } from "./relay-notifications";

const config: MailConfig = {
  appUrl: "https://conductor.example",
  smtpUrl: null,
  from: "Conductor <no-reply@conductor.example>",
  authSecret: "relay-test-secret-relay-test-secret-012345",
};

describe("the outbox relay with two workers on one database", () => {
  // Two clients, as two worker processes have: on PGlite through the socket
  // server `npm start` uses, on PostgreSQL two connections to it.
  const clients: Database[] = [];
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const { url } = await databaseForWorkers(closers);
    for (let i = 0; i < 2; i++) {
      const client = await openDatabase({ kind: "postgres", url });
      closers.unshift(() => client.close());
      clients.push(client.prisma);
    }
  }, 60_000);
  afterAll(async () => {
    for (const close of closers) await close();
  });

  async function notifications(count: number) {
    const db = clients[0]!;
    const org = await createOrganization(db, { name: "Relay Test Energy" });
    const owner = await createMember(db, { organizationId: org.id, roles: ["COMMS_MANAGER"] });
    const people: string[] = [];
    for (let i = 0; i < count; i++)
      people.push((await createMember(db, { organizationId: org.id })).user.id);
    const communication = await createCommunication(db, {
      organizationId: org.id,
      ownerId: owner.user.id,
      title: "Your new tariff",
    });
    await db.$transaction((tx) =>
      notifyPeople(tx, people, "REVIEW_WAITING", {
        organizationId: org.id,
        communicationId: communication.id,
        actorId: owner.user.id,
        actorName: "Casey Comms",
        excerpt: "Your new tariff: now waiting on “Legal”",
      }),
    );
    return org.id;
  }

  it("renders each notification in one worker only, and every one of them", async () => {
    const organizationId = await notifications(12);
    // Small batches, so the two loops interleave: one renders while the other claims.
    const drain = async (db: Database) => {
      const handled: string[] = [];
      for (;;) {
        const batch = await relayNotifications(db, config, 3);
        if (batch.length === 0) return handled;
        handled.push(...batch);
      }
    };
    const [first, second] = await Promise.all(clients.map(drain));
    const all = [...first!, ...second!];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(12);
    // Both took part (each claims before the other has finished rendering).
    expect(first!.length).toBeGreaterThan(0);
    expect(second!.length).toBeGreaterThan(0);
    expect(await clients[0]!.outgoingMail.count({ where: { organizationId } })).toBe(12);
    expect(
      await clients[0]!.notification.count({ where: { organizationId, mailedAt: null } }),
    ).toBe(0);
  }, 60_000);

  it("leaves another worker's live claim alone and takes over one whose lease ran out", async () => {
    const organizationId = await notifications(2);
    const [live, dead] = await clients[0]!.notification.findMany({
      where: { organizationId },
      orderBy: { id: "asc" },
    });
    await clients[0]!.notification.update({
      where: { id: live!.id },
      data: { relayClaim: "another-worker", relayClaimedAt: new Date() },
    });
    await clients[0]!.notification.update({
      where: { id: dead!.id },
      data: { relayClaim: "a-worker-that-died", relayClaimedAt: new Date(Date.now() - 600_000) },
    });
    expect(await relayNotifications(clients[1]!, config)).toEqual([dead!.id]);
    const mails = await clients[0]!.outgoingMail.findMany({ where: { organizationId } });
    expect(mails.map((m) => m.dedupeKey)).toEqual([`notification:${dead!.id}`]);
  }, 30_000);
});
