import {
  type MailConfig,
  relayNotifications,
  sendDigests,
  unsubscribeByLink,
  unsubscribeToken,
} from "@conductor/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture, newDraft, outcome, submittedReview } from "./testing";

const SECRET = "mail-test-secret-mail-test-secret-0123456";
const config: MailConfig = {
  appUrl: "https://conductor.example",
  smtpUrl: null,
  from: "Conductor <no-reply@conductor.example>",
  authSecret: SECRET,
};
const goodText =
  "Thank you: we received your payment of $177.17 today. Your next payment of $177.17 is due on 18 May 2027. You do not need to do anything. Questions? Call us on 0800 123 456.";

describe("mail from notifications, preferences and the outbox", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());
  const org = () => f.demo.organizationId;
  const mailTo = (userId: string) =>
    f.db.prisma.outgoingMail.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

  it("a submission mails each waiting reviewer once, with the stage, due time and the organisation's name", async () => {
    const draft = await newDraft(f, "Payment received");
    await submittedReview(f, draft.id, goodText);
    expect((await relayNotifications(f.db.prisma, config)).length).toBeGreaterThan(0);
    expect(await relayNotifications(f.db.prisma, config)).toEqual([]);
    const [mail, ...more] = await mailTo(f.demo.userIds.legal);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({
      kind: "REVIEW_WAITING",
      status: "QUEUED",
      subject: "“Payment received” is waiting on your review",
      organizationId: org(),
    });
    expect(mail!.text).toContain(`https://conductor.example/communications/${draft.id}?tab=review`);
    expect(mail!.text).toContain("Harbour Energy");
    expect(mail!.text).toMatch(/Stage: .+ · Due: /);
    expect(mail!.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("the outbox shows an organisation's mail to its admin only, never another organisation's", async () => {
    const admin = await f.callerFor("admin");
    const { items } = await admin.mail.outbox({ organizationId: org() });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.recipient.endsWith("@harbour.example"))).toBe(true);
    // The admin sees where each unsubscribe link goes, never the token that would work it.
    const stored = await f.db.prisma.outgoingMail.findFirstOrThrow({
      where: { id: items[0]!.id },
    });
    expect(JSON.stringify(stored.headers)).toMatch(/unsubscribe\?token=[A-Za-z0-9_-]{20,}/);
    for (const mail of items) {
      for (const shown of [mail.text, mail.html, ...Object.values(mail.headers)])
        expect(shown).not.toMatch(/unsubscribe\?token=[^…]/);
      expect(mail.headers["List-Unsubscribe"]).toMatch(/\/api\/unsubscribe\?token=…>$/);
    }
    expect(
      await outcome(async () =>
        (await f.callerFor("commsManager")).mail.outbox({ organizationId: org() }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(async () =>
        (await f.callerFor("outsider")).mail.outbox({ organizationId: org() }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(async () =>
        (await f.callerFor("signedOut")).mail.outbox({ organizationId: org() }),
      ),
    ).toBe("UNAUTHORIZED");
    const other = await f.db.prisma.membership.findFirstOrThrow({
      where: { organizationId: f.otherOrganizationId },
    });
    const { items: theirs } = await (await f.callerForUser(other.userId)).mail.outbox({
      organizationId: f.otherOrganizationId,
    });
    expect(theirs).toEqual([]);
  });

  it("a person's choice is their own: off sends nothing, digest waits for the digest hour, in-app stays", async () => {
    const legal = await f.callerFor("legal");
    await legal.mail.setPreference({
      organizationId: org(),
      kind: "REVIEW_WAITING",
      delivery: "OFF",
    });
    const accounting = await f.callerFor("accounting");
    // A userId slipped into the input is not a field: it changes the caller's own choice only.
    await accounting.mail.setPreference({
      organizationId: org(),
      kind: "REVIEW_WAITING",
      delivery: "DAILY_DIGEST",
      userId: f.demo.userIds.legal,
    } as never);
    const legalPrefs = await legal.mail.preferences({ organizationId: org() });
    expect(legalPrefs.kinds.find((k) => k.kind === "REVIEW_WAITING")?.delivery).toBe("OFF");
    const before = (await mailTo(f.demo.userIds.legal)).length;
    const draft = await newDraft(f, "Meter reading due");
    await submittedReview(f, draft.id, goodText);
    await relayNotifications(f.db.prisma, config);
    expect((await mailTo(f.demo.userIds.legal)).length).toBe(before);
    const inApp = await legal.notifications.list({ organizationId: org() });
    expect(inApp.items.some((n) => n.communicationId === draft.id)).toBe(true);

    const trail = await f.db.prisma.auditEvent.findMany({
      where: { organizationId: org(), kind: "NOTIFICATION_PREFERENCE_CHANGED" },
    });
    expect(trail.map((e) => JSON.parse(e.payload))).toContainEqual({
      userId: f.demo.userIds.legal,
      kind: "REVIEW_WAITING",
      from: "IMMEDIATELY",
      to: "OFF",
      via: "settings",
    });
  });

  it("a daily digest groups by communication, at the organisation's hour in its time zone, once a day", async () => {
    await f.db.prisma.organization.update({
      where: { id: org() },
      data: { timeZone: "Pacific/Auckland", digestHour: 9 },
    });
    // Legal reviews the first stage.
    const legalId = f.demo.userIds.legal;
    await f.callerFor("legal").then((c) =>
      c.mail.setPreference({
        organizationId: org(),
        kind: "REVIEW_WAITING",
        delivery: "DAILY_DIGEST",
      }),
    );
    const draft = await newDraft(f, "Tariff change");
    await submittedReview(f, draft.id, goodText);
    await relayNotifications(f.db.prisma, config);
    // 20:00 UTC is 09:00 the next day in Auckland (NZDT, UTC+13) in December.
    const notNine = new Date("2026-12-01T12:00:00Z");
    const nine = new Date("2026-12-01T20:00:00Z");
    expect(await sendDigests(f.db.prisma, config, notNine)).toBe(0);
    const made = await sendDigests(f.db.prisma, config, nine);
    expect(made).toBeGreaterThan(0);
    expect(await sendDigests(f.db.prisma, config, nine)).toBe(0);
    const digests = (await mailTo(legalId)).filter((m) => m.kind === "DIGEST");
    expect(digests).toHaveLength(1);
    expect(digests[0]!.dedupeKey).toBe(`digest:${org()}:${legalId}:2026-12-02`);
    expect(digests[0]!.text).toContain("Tariff change");
    expect(digests[0]!.text).toContain(
      `https://conductor.example/communications/${draft.id}?tab=review`,
    );
  });

  it("the one-click link turns that kind off for its person; a tampered, expired or foreign link changes nothing", async () => {
    const userId = f.demo.userIds.product;
    const claim = { userId, organizationId: org(), kind: "MENTION" as const };
    const token = unsubscribeToken(claim, SECRET);
    const done = await unsubscribeByLink(f.db.prisma, token, SECRET);
    expect(done).toMatchObject({ organizationName: "Harbour Energy", kinds: ["MENTION"] });
    const product = await f.callerFor("product");
    const prefs = await product.mail.preferences({ organizationId: org() });
    expect(prefs.kinds.find((k) => k.kind === "MENTION")?.delivery).toBe("OFF");

    const refused = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return "ok";
      } catch (error) {
        return `${(error as { code?: string }).code}: ${(error as Error).message}`;
      }
    };
    const [body, signature] = unsubscribeToken({ ...claim, kind: "REVIEW_WAITING" }, SECRET).split(
      ".",
    );
    const forged = `${Buffer.from(JSON.stringify([f.demo.userIds.legal, org(), "REVIEW_WAITING", 9e9])).toString("base64url")}.${signature}`;
    expect(await refused(() => unsubscribeByLink(f.db.prisma, forged, SECRET))).toMatch(
      /^INVALID_INPUT: .*signature/,
    );
    expect(
      await refused(() => unsubscribeByLink(f.db.prisma, `${body}.${signature}x`, SECRET)),
    ).toMatch(/^INVALID_INPUT/);
    expect(
      await refused(() =>
        unsubscribeByLink(
          f.db.prisma,
          `${body}.${signature}`,
          "another-secret-another-secret-0123456789",
        ),
      ),
    ).toMatch(/^INVALID_INPUT/);
    const old = unsubscribeToken(claim, SECRET, new Date("2020-01-01T00:00:00Z"));
    expect(await refused(() => unsubscribeByLink(f.db.prisma, old, SECRET))).toMatch(
      /^INVALID_INPUT: .*expired/,
    );
    for (const junk of ["", "a.b.c", "\u0000.\ud800", "x".repeat(5000)])
      expect(await refused(() => unsubscribeByLink(f.db.prisma, junk, SECRET))).toMatch(
        /^INVALID_INPUT/,
      );
    const foreign = unsubscribeToken({ ...claim, organizationId: f.otherOrganizationId }, SECRET);
    expect(await refused(() => unsubscribeByLink(f.db.prisma, foreign, SECRET))).toMatch(
      /^NOT_FOUND/,
    );
  });
});
