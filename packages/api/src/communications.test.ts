import { createCommunication } from "@conductor/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCaller, type ApiFixture, createApiFixture, outcome } from "./testing";

describe("communications procedures", () => {
  let f: ApiFixture;
  let comms: ApiCaller;
  beforeAll(async () => {
    f = await createApiFixture();
    comms = await f.callerFor("commsManager");
  });
  afterAll(() => f.db.close());

  it("create stores the communication as a draft owned by the creator", async () => {
    const created = await comms.communications.create({
      organizationId: f.demo.organizationId,
      title: "  Your bill is ready  ",
      channel: "EBILL",
      audienceDescription: "Customers on paperless billing",
      plannedSendAt: "2027-02-01",
    });
    expect(created).toMatchObject({
      title: "Your bill is ready",
      channel: "EBILL",
      status: "DRAFT",
      owner: { id: f.demo.userIds.commsManager },
    });
    expect(created.plannedSendAt?.toISOString()).toBe("2027-02-01T00:00:00.000Z");
  });

  it("create rejects bad input with a message for each field and writes nothing", async () => {
    const before = await f.db.prisma.communication.count();
    const error = await comms.communications
      .create({
        organizationId: f.demo.organizationId,
        title: "x",
        channel: "FAX" as never,
        audienceDescription: "",
        plannedSendAt: "not a date",
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const issues = (error as { cause: { issues: { path: string[] }[] } }).cause.issues.map((i) =>
      i.path.join("."),
    );
    expect(issues.sort()).toEqual(["audienceDescription", "channel", "plannedSendAt", "title"]);
    expect(await f.db.prisma.communication.count()).toBe(before);
  });

  it("a planned send date is a day the calendar has, read as ISO: 2027-02-30 and 18/05/2027 are refused by name", async () => {
    for (const [plannedSendAt, message] of [
      ["2027-02-30", '"2027-02-30" is not a date: write it as YYYY-MM-DD, a day the calendar has'],
      ["18/05/2027", '"18/05/2027" is not a date: write it as YYYY-MM-DD (2027-05-18)'],
    ] as const) {
      const error = (await comms.communications
        .create({
          organizationId: f.demo.organizationId,
          title: "Date check",
          channel: "EMAIL",
          audienceDescription: "Everyone",
          plannedSendAt,
        })
        .catch((e: unknown) => e)) as { code: string; cause: { issues: { message: string }[] } };
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.cause.issues.map((i) => i.message)).toEqual([message]);
    }
  });

  it("byId returns the communication with its body; another organisation's id is not found", async () => {
    const heart = await f.db.prisma.communication.findFirstOrThrow({
      where: { title: { contains: "heart-centred" } },
    });
    const found = await comms.communications.byId({ communicationId: heart.id });
    expect(found.body).toContain("How else can we be of service?");

    const foreign = await f.db.prisma.communication.findFirstOrThrow({
      where: { organizationId: f.otherOrganizationId },
    });
    expect(await outcome(() => comms.communications.byId({ communicationId: foreign.id }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await outcome(() => comms.communications.byId({ communicationId: "does-not-exist" })),
    ).toBe("NOT_FOUND");
  });

  it("update changes only the given fields, audited with what they were; the owner may update their own", async () => {
    const legalOwned = await createCommunication(f.db.prisma, {
      organizationId: f.demo.organizationId,
      ownerId: f.demo.userIds.legal,
      title: "Terms update",
    });
    const legal = await f.callerFor("legal");
    const updated = await legal.communications.update({
      communicationId: legalOwned.id,
      title: "Terms update for 2027",
    });
    expect(updated).toMatchObject({ title: "Terms update for 2027", status: "DRAFT" });
    const entry = await f.db.prisma.auditEvent.findFirstOrThrow({
      where: { communicationId: legalOwned.id, kind: "COMMUNICATION_UPDATED" },
    });
    expect(JSON.parse(entry.payload)).toEqual({
      changes: { title: { from: "Terms update", to: "Terms update for 2027" } },
    });
    expect(entry.actorId).toBe(f.demo.userIds.legal);
  });

  it("status never moves through update: approving or releasing by an edit is refused by name", async () => {
    const owned = await createCommunication(f.db.prisma, {
      organizationId: f.demo.organizationId,
      ownerId: f.demo.userIds.commsManager,
      title: "Sneaky approval",
    });
    const comms = await f.callerFor("commsManager");
    for (const status of ["APPROVED", "RELEASED", "DRAFT"] as const) {
      const error = await comms.communications
        .update({ communicationId: owned.id, status } as never)
        .catch((e: unknown) => e as { code: string; shape?: { data?: { fieldErrors?: unknown } } });
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      expect(JSON.stringify(error)).toContain("changes only through review");
    }
    const row = await f.db.prisma.communication.findUniqueOrThrow({ where: { id: owned.id } });
    expect(row.status).toBe("DRAFT");
    expect(
      await f.db.prisma.auditEvent.count({
        where: { communicationId: owned.id, kind: "COMMUNICATION_UPDATED" },
      }),
    ).toBe(0);
  });

  it("the channel changes only on a draft whose text the new channel can show", async () => {
    const comms = await f.callerFor("commsManager");
    const owned = await createCommunication(f.db.prisma, {
      organizationId: f.demo.organizationId,
      ownerId: f.demo.userIds.commsManager,
      title: "Channel change",
    });
    const withHeading = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Your bill" }] },
        { type: "paragraph", content: [{ type: "text", text: "It is ready." }] },
      ],
    };
    await f.db.prisma.communicationDocument.create({
      data: {
        communicationId: owned.id,
        state: Buffer.from([0, 0]),
        json: withHeading,
        text: "Your bill\n\nIt is ready.",
      },
    });
    expect(
      await outcome(() =>
        comms.communications.update({ communicationId: owned.id, channel: "SMS" }),
      ),
    ).toBe("CONFLICT");
    expect(
      await comms.communications.update({ communicationId: owned.id, channel: "LETTER" }),
    ).toMatchObject({ channel: "LETTER" });

    await f.db.prisma.communication.update({
      where: { id: owned.id },
      data: { status: "IN_REVIEW" },
    });
    expect(
      await outcome(() =>
        comms.communications.update({ communicationId: owned.id, channel: "EMAIL" }),
      ),
    ).toBe("CONFLICT");
    // Other fields may still change in review.
    expect(
      await comms.communications.update({
        communicationId: owned.id,
        title: "Channel change, renamed",
      }),
    ).toMatchObject({ channel: "LETTER", status: "IN_REVIEW" });
  });

  describe("list", () => {
    let organizationId: string;
    beforeAll(async () => {
      const org = await f.db.prisma.organization.create({
        data: { name: "Paging", slug: "paging" },
      });
      organizationId = org.id;
      await f.db.prisma.membership.create({
        data: { organizationId, userId: f.demo.userIds.commsManager, roles: ["COMMS_MANAGER"] },
      });
      comms = await f.callerFor("commsManager");
      const base = new Date("2026-01-01T00:00:00Z").getTime();
      await f.db.prisma.communication.createMany({
        data: Array.from({ length: 57 }, (_, i) => ({
          organizationId,
          ownerId: f.demo.userIds.commsManager,
          title: i % 10 === 0 ? `Outage notice ${i}` : `Statement ${i}`,
          channel: i % 3 === 0 ? ("SMS" as const) : ("EMAIL" as const),
          status: i % 2 === 0 ? ("DRAFT" as const) : ("APPROVED" as const),
          audienceDescription: "All",
          // Pairs share a timestamp, so the id tie-break is exercised.
          updatedAt: new Date(base + Math.floor(i / 2) * 1000),
        })),
      });
    });

    it("pages through every row exactly once, newest first", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof comms.communications.list>> =
          await comms.communications.list({
            organizationId,
            limit: 10,
            cursor,
          });
        seen.push(...page.items.map((item) => item.title));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(6);
      expect(seen).toHaveLength(57);
      expect(new Set(seen).size).toBe(57);
      expect(seen[0]).toMatch(/ 5[56]$/);
    });

    it("filters by status and channel together", async () => {
      const page = await comms.communications.list({
        organizationId,
        status: "DRAFT",
        channel: "SMS",
        limit: 100,
      });
      // even and divisible by 3 → multiples of 6 below 57: 0..54 → 10 rows
      expect(page.items).toHaveLength(10);
      expect(page.items.every((c) => c.status === "DRAFT" && c.channel === "SMS")).toBe(true);
    });

    it("searches titles case-insensitively", async () => {
      const page = await comms.communications.list({ organizationId, search: "OUTAGE" });
      expect(page.items.map((c) => c.title).sort()).toEqual([
        "Outage notice 0",
        "Outage notice 10",
        "Outage notice 20",
        "Outage notice 30",
        "Outage notice 40",
        "Outage notice 50",
      ]);
    });

    it("rejects a forged cursor with a clear error", async () => {
      const error = await comms.communications
        .list({ organizationId, cursor: "bm9wZQ" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/cursor/),
      });
    });

    it("never shows another organisation's communications", async () => {
      const page = await comms.communications.list({
        organizationId: f.demo.organizationId,
        limit: 100,
      });
      expect(page.items.every((c) => c.organizationId === f.demo.organizationId)).toBe(true);
      expect(page.items.some((c) => c.title === "Other Co quarterly statement")).toBe(false);
    });
  });

  describe("search", () => {
    let organizationId: string;
    let search: (text: string) => Promise<string[]>;
    beforeAll(async () => {
      const org = await f.db.prisma.organization.create({
        data: { name: "Searching", slug: "searching" },
      });
      organizationId = org.id;
      await f.db.prisma.membership.create({
        data: { organizationId, userId: f.demo.userIds.commsManager, roles: ["COMMS_MANAGER"] },
      });
      const manager = await f.callerFor("commsManager");
      const ownerId = f.demo.userIds.commsManager;
      await createCommunication(f.db.prisma, {
        organizationId,
        ownerId,
        title: "Payment received",
        body: "Thank you. We received your payment of £177.17 today.",
      });
      const feeChange = await createCommunication(f.db.prisma, {
        organizationId,
        ownerId,
        title: "Fee change",
        body: "From 1 March the monthly account fee is £4.50.",
      });
      await f.db.prisma.communication.create({
        data: {
          organizationId,
          ownerId,
          title: "Outage",
          channel: "EMAIL",
          audienceDescription: "All",
          subject: "Power is back tonight",
          preheader: "Engineers expect to finish by 6pm",
        },
      });
      // The same amount in another organisation's message must never show.
      await createCommunication(f.db.prisma, {
        organizationId: f.otherOrganizationId,
        ownerId: (
          await f.db.prisma.membership.findFirstOrThrow({
            where: { organizationId: f.otherOrganizationId },
          })
        ).userId,
        title: "Refund",
        body: "Your refund of £177.17 is on its way.",
      });
      // Two brief revisions: only the newest is in force, so only its words count.
      for (const desiredOutcome of [
        "Customers keep the leaflet for reference",
        "Customers on a concession tariff know they pay nothing extra",
      ])
        await manager.briefs.update({ communicationId: feeChange.id, brief: { desiredOutcome } });
      search = async (text) =>
        (await manager.communications.list({ organizationId, search: text, limit: 100 })).items
          .map((c) => c.title)
          .sort();
    });

    it("finds a message by an amount in its text, and only in this organisation", async () => {
      expect(await search("177.17")).toEqual(["Payment received"]);
      expect(await search("£177.17")).toEqual(["Payment received"]);
    });

    it("finds part of a number, and the subject and preheader of an email", async () => {
      expect(await search("77.1")).toEqual(["Payment received"]);
      expect(await search("power")).toEqual(["Outage"]);
      expect(await search("6PM")).toEqual(["Outage"]);
    });

    it("finds a message by the brief in force, words in any order across text and brief", async () => {
      expect(await search("concession")).toEqual(["Fee change"]);
      expect(await search("concession fee")).toEqual(["Fee change"]);
      expect(await search("leaflet")).toEqual([]);
    });

    it("takes wildcards literally and finds nothing for words nobody wrote", async () => {
      expect(await search("%")).toEqual([]);
      expect(await search("_")).toEqual([]);
      expect(await search("refund")).toEqual([]);
    });
  });
});
