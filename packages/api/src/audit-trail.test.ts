import { verifyAuditTrail } from "@conductor/core";
import { briefContentSchema } from "@conductor/core/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture, newDraft, savedVersion } from "./testing";

describe("changes write the audit trail in the same transaction", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());

  const trailOf = (communicationId: string) =>
    f.db.prisma.auditEvent
      .findMany({
        where: { communicationId },
        orderBy: { sequence: "asc" },
        select: { kind: true, actorId: true, payload: true },
      })
      .then((rows) => rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) })));

  it("records creating, the brief, saving a version and membership changes — and nothing for a refused change", async () => {
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    const created = await newDraft(f, "Audit me");
    const brief = briefContentSchema.parse({ desiredOutcome: "Knows the payment arrived" });
    await manager.briefs.update({ communicationId: created.id, brief });
    // A refused change (an archived persona) writes no entry.
    const persona = await manager.personas.create({
      organizationId,
      name: `Audit persona ${Date.now()}`,
      vignette: "Someone who reads every word of a bill.",
      readingGrade: 7,
    });
    await manager.personas.archive({ organizationId, personaId: persona.id, archived: true });
    await expect(
      manager.briefs.update({
        communicationId: created.id,
        brief: { ...brief, personaId: persona.id },
      }),
    ).rejects.toThrow(/archived/);

    await savedVersion(f, created.id, "We received your payment.", { name: "First draft" });

    const trail = await trailOf(created.id);
    expect(trail.map((e) => e.kind)).toEqual([
      "COMMUNICATION_CREATED",
      "BRIEF_CHANGED",
      "VERSION_SAVED",
    ]);
    expect(trail.every((e) => e.actorId === f.demo.userIds.commsManager)).toBe(true);
    expect(trail[0]!.payload).toMatchObject({ title: "Audit me", channel: "SMS" });
    expect(trail[1]!.payload).toMatchObject({
      revision: 1,
      brief: { desiredOutcome: "Knows the payment arrived" },
    });
    expect(trail[2]!.payload).toMatchObject({ number: 1, name: "First draft", kind: "NAMED" });

    const admin = await f.callerFor("admin");
    const members = await admin.members.list({ organizationId });
    const product = members.find((m) => m.userId === f.demo.userIds.product)!;
    await admin.members.update({
      organizationId,
      membershipId: product.membershipId,
      functions: ["PRODUCT", "MARKETING"],
      roles: [],
    });
    const change = await f.db.prisma.auditEvent.findFirst({
      where: { organizationId, kind: "MEMBERSHIP_CHANGED" },
      orderBy: { sequence: "desc" },
    });
    expect({ ...change, payload: JSON.parse(change!.payload) }).toMatchObject({
      actorId: f.demo.userIds.admin,
      payload: {
        change: "updated",
        userId: f.demo.userIds.product,
        from: { functions: ["PRODUCT"] },
        to: { functions: ["PRODUCT", "MARKETING"] },
      },
    });

    expect(await verifyAuditTrail(f.db.prisma, organizationId)).toMatchObject({ ok: true });
  });
});
