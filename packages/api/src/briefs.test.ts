import {
  currentBrief,
  loadActor,
  loadCommunication,
  recordVersion,
  versionHash,
} from "@conductor/core";
import { briefContentSchema } from "@conductor/core/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiFixture,
  createApiFixture,
  managersCommunication,
  outcome,
  savedVersion,
} from "./testing";

describe("the conductor brief and personas", () => {
  let f: ApiFixture;
  let communicationId: string;
  const organizationId = () => f.demo.organizationId;
  beforeAll(async () => {
    f = await createApiFixture();
    communicationId = (await managersCommunication(f)).id;
  });
  afterAll(() => f.db.close());

  it("seeds three personas for the demo organisation", async () => {
    const personas = await (await f.callerFor("legal")).personas.list({
      organizationId: organizationId(),
    });
    expect(personas.map((p) => p.name)).toEqual([
      "Busy small-business owner",
      "Retired homeowner",
      "Stretched budget parent",
    ]);
  });

  it("records every change to the brief as a new attributed revision; reviewers only read it", async () => {
    const owner = await f.callerFor("commsManager");
    const persona = (await owner.personas.list({ organizationId: organizationId() }))[0]!;
    const empty = await owner.briefs.current({ communicationId });
    expect(empty).toMatchObject({ revision: null, brief: { desiredOutcome: "", mustSay: [] } });

    const brief = briefContentSchema.parse({
      desiredOutcome: "Knows the payment arrived and the next due date; no action needed",
      tone: { style: "transactional", warmth: 4, formality: 2, urgency: 1 },
      personaId: persona.id,
      journeyStage: "payment",
      mustSay: [{ text: "$177.17", kind: "amount", owner: "ACCOUNTING" }],
      likelyQuestions: ["When is my next payment?"],
    });
    const first = await owner.briefs.update({ communicationId, brief });
    expect(first.revision).toMatchObject({ number: 1, author: { name: "Colm Byrne" } });
    // The persona comes with it: its reading grade is the default target.
    expect(first.persona).toMatchObject({ id: persona.id, readingGrade: persona.readingGrade });
    // Saving the same brief again records nothing new.
    expect((await owner.briefs.update({ communicationId, brief })).revision?.number).toBe(1);
    const second = await owner.briefs.update({
      communicationId,
      brief: { ...brief, likelyQuestions: [...brief.likelyQuestions, "Do I need to do anything?"] },
    });
    expect(second.revision?.number).toBe(2);
    const history = await (await f.callerFor("legal")).briefs.history({ communicationId });
    expect(history.map((h) => h.number)).toEqual([2, 1]);
    expect((history[1]!.content as { likelyQuestions: string[] }).likelyQuestions).toEqual([
      "When is my next payment?",
    ]);

    const legal = await f.callerFor("legal");
    await expect(legal.briefs.update({ communicationId, brief })).rejects.toThrow(
      /comment on it instead/,
    );
  });

  it("a saved version carries the brief in force, and the brief is part of its hash", async () => {
    const actor = await loadActor(f.db.prisma, f.demo.userIds.commsManager);
    const ctx = { db: f.db.prisma, actor };
    const communication = await loadCommunication(ctx, communicationId);
    const content = {
      json: { type: "doc", content: [] },
      text: "",
      name: "With the brief",
      kind: "NAMED" as const,
    };
    const inForce = await currentBrief(ctx, communication);
    const withBrief = await recordVersion(ctx, communication, content);
    expect(withBrief.briefRevisionId).toBe(inForce.revision!.id);
    expect(withBrief.contentHash).toBe(versionHash({ ...content, brief: inForce.brief }));

    await (await f.callerFor("commsManager")).briefs.update({
      communicationId,
      brief: { ...inForce.brief, context: "Their direct debit just cleared." },
    });
    const afterChange = await recordVersion(ctx, communication, content);
    expect(afterChange.briefRevisionId).not.toBe(withBrief.briefRevisionId);
    expect(afterChange.contentHash).not.toBe(withBrief.contentHash);
  });

  it("a reviewer who may not change the brief comments on a part of it; the owner answers and resolves", async () => {
    const legal = await f.callerFor("legal");
    const analyst = await f.callerFor("analyst");
    const brief = (await legal.briefs.current({ communicationId })).brief;
    expect(await outcome(() => legal.briefs.update({ communicationId, brief }))).toBe("FORBIDDEN");
    expect(await outcome(() => analyst.briefs.update({ communicationId, brief }))).toBe(
      "FORBIDDEN",
    );

    const thread = await legal.comments.start({
      communicationId,
      subject: "BRIEF",
      quote: "Must-say facts",
      body: "@accounting the late-fee disclosure is missing from must-say",
    });
    expect(thread).toMatchObject({ subject: "BRIEF", quote: "Must-say facts" });
    // Even a read-only analyst may comment on the brief.
    await analyst.comments.start({
      communicationId,
      subject: "BRIEF",
      quote: "Desired outcome",
      body: "Calls last quarter were about the due date.",
    });
    // A brief comment names a part of the brief, not free text.
    await expect(
      legal.comments.start({ communicationId, subject: "BRIEF", quote: "Footer", body: "x" }),
    ).rejects.toThrow(/Choose the part of the brief/);
    // The mention reached accounting.
    const accounting = await f.callerFor("accounting");
    const notes = await accounting.notifications.list({ organizationId: organizationId() });
    expect(notes.items.some((n) => n.threadId === thread.id)).toBe(true);

    const owner = await f.callerFor("commsManager");
    await owner.comments.reply({ communicationId, threadId: thread.id, body: "Added it." });
    const resolved = await owner.comments.resolve({
      communicationId,
      threadId: thread.id,
      resolved: true,
    });
    expect(resolved).toMatchObject({ resolved: true, resolvedBy: { name: "Colm Byrne" } });
    const threads = await legal.comments.list({ communicationId });
    expect(threads.filter((t) => t.subject === "BRIEF").map((t) => t.quote)).toEqual([
      "Must-say facts",
      "Desired outcome",
    ]);
  });

  it("keeps each reviewer's 'would a customer get it?' with the version it was about", async () => {
    const owner = await f.callerFor("commsManager");
    const inForce = await owner.briefs.current({ communicationId });
    const version = await savedVersion(f, communicationId, "We received your payment of $177.17.", {
      name: "For reading",
    });

    const legal = await f.callerFor("legal");
    const marketing = await f.callerFor("marketing");
    await legal.readings.record({
      communicationId,
      versionId: version.id,
      understood: false,
      reason: "It never says the next due date.",
    });
    await marketing.readings.record({
      communicationId,
      versionId: version.id,
      understood: true,
      reason: "Short and clear.",
    });
    // Legal changes their mind: their answer is replaced, marketing's is kept.
    const after = await legal.readings.record({
      communicationId,
      versionId: version.id,
      understood: true,
      reason: "The due date is in the footer; fine.",
    });
    expect(after.outcome).toBe(inForce.brief.desiredOutcome);
    expect(after.readings.map((r) => [r.reviewer.name, r.understood, r.reason, r.outcome])).toEqual(
      [
        [
          expect.any(String),
          true,
          "The due date is in the footer; fine.",
          inForce.brief.desiredOutcome,
        ],
        [expect.any(String), true, "Short and clear.", inForce.brief.desiredOutcome],
      ],
    );
    const names = after.readings.map((r) => r.reviewer.id);
    expect(names).toEqual([f.demo.userIds.legal, f.demo.userIds.marketing]);

    // The analyst reads the answers but gives none; a reason is required.
    const analyst = await f.callerFor("analyst");
    expect(
      (await analyst.readings.forVersion({ communicationId, versionId: version.id })).canRecord,
    ).toBe(false);
    expect(
      await outcome(() =>
        analyst.readings.record({
          communicationId,
          versionId: version.id,
          understood: true,
          reason: "Yes",
        }),
      ),
    ).toBe("FORBIDDEN");
    await expect(
      legal.readings.record({
        communicationId,
        versionId: version.id,
        understood: true,
        reason: "",
      }),
    ).rejects.toThrow(/Say why/);
    // A version of another communication is not found through this one.
    const other = await f.db.prisma.communication.findFirstOrThrow({
      where: { organizationId: organizationId(), id: { not: communicationId } },
    });
    expect(
      await outcome(() =>
        legal.readings.record({
          communicationId: other.id,
          versionId: version.id,
          understood: true,
          reason: "Fine.",
        }),
      ),
    ).toBe("NOT_FOUND");
    // The answers are stored against the version itself.
    expect(await f.db.prisma.customerReading.count({ where: { versionId: version.id } })).toBe(2);
  });

  it("refuses a reading of a version saved before the brief had an outcome, saying why", async () => {
    const manager = await f.callerFor("commsManager");
    const created = await manager.communications.create({
      organizationId: organizationId(),
      title: "No brief yet",
      channel: "SMS",
      audienceDescription: "Everyone",
    });
    const version = await savedVersion(f, created.id, "Your payment arrived.", { name: "Early" });
    await expect(
      manager.readings.record({
        communicationId: created.id,
        versionId: version.id,
        understood: true,
        reason: "Clear.",
      }),
    ).rejects.toThrow(/before the brief had a desired outcome/);
  });

  it("offers five editable brief templates, and a new communication starts from one", async () => {
    const manager = await f.callerFor("commsManager");
    const templates = await manager.briefTemplates.list({ organizationId: organizationId() });
    expect(templates.map((t) => t.name)).toEqual([
      "Claim update",
      "Data request",
      "Fee change",
      "Payment received",
      "Planned outage",
    ]);
    const fee = templates.find((t) => t.name === "Fee change")!;
    const edited = await manager.briefTemplates.update({
      organizationId: organizationId(),
      templateId: fee.id,
      content: {
        ...fee.content,
        likelyQuestions: [...fee.content.likelyQuestions, "Can I switch?"],
      },
    });
    expect(edited.content.likelyQuestions).toContain("Can I switch?");

    const created = await manager.communications.create({
      organizationId: organizationId(),
      title: "Standing charge is going up",
      channel: "LETTER",
      audienceDescription: "Every household on the Standard tariff",
      briefTemplateId: fee.id,
    });
    const brief = await manager.briefs.current({ communicationId: created.id });
    expect(brief.revision).toMatchObject({ number: 1, author: { name: "Colm Byrne" } });
    expect(brief.brief.likelyQuestions).toContain("Can I switch?");
    expect(brief.brief.tone.style).toBe("heart-centred");

    // Another organisation's template is not found, and nothing is created.
    const other = await f.db.prisma.briefTemplate.create({
      data: {
        organizationId: f.otherOrganizationId,
        name: "Theirs",
        description: "Other Co.'s",
        content: {},
      },
    });
    const before = await f.db.prisma.communication.count();
    expect(
      await outcome(() =>
        manager.communications.create({
          organizationId: organizationId(),
          title: "Should not exist",
          channel: "EMAIL",
          audienceDescription: "Nobody",
          briefTemplateId: other.id,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await f.db.prisma.communication.count()).toBe(before);
  });

  it("refuses a persona from another organisation or an archived one, naming the field", async () => {
    const owner = await f.callerFor("commsManager");
    const foreign = await f.db.prisma.persona.create({
      data: {
        organizationId: f.otherOrganizationId,
        name: "Someone else's",
        vignette: "Belongs to Other Co.",
        readingGrade: 8,
      },
    });
    const attempt = (personaId: string) =>
      owner.briefs.update({
        communicationId,
        brief: briefContentSchema.parse({ desiredOutcome: "x", personaId }),
      });
    await expect(attempt(foreign.id)).rejects.toMatchObject({
      cause: { fieldErrors: { "brief.personaId": "Choose a persona from the library" } },
    });
    const archived = await owner.personas.create({
      organizationId: organizationId(),
      name: "Soon archived",
      vignette: "Here only to be archived.",
      readingGrade: 7,
    });
    await owner.personas.archive({
      organizationId: organizationId(),
      personaId: archived.id,
      archived: true,
    });
    await expect(attempt(archived.id)).rejects.toThrow(/archived/);
  });

  it("a persona a brief has used cannot be deleted, only archived; an unused one can be", async () => {
    const admin = await f.callerFor("admin");
    const used = (
      await f.db.prisma.briefRevision.findFirstOrThrow({
        where: { personaId: { not: null } },
      })
    ).personaId!;
    expect(
      await outcome(() =>
        admin.personas.delete({ organizationId: organizationId(), personaId: used }),
      ),
    ).toBe("CONFLICT");
    await admin.personas.archive({
      organizationId: organizationId(),
      personaId: used,
      archived: true,
    });
    const listed = await admin.personas.list({ organizationId: organizationId() });
    expect(listed.some((p) => p.id === used)).toBe(false);
    const all = await admin.personas.list({
      organizationId: organizationId(),
      includeArchived: true,
    });
    expect(all.find((p) => p.id === used)?.archivedAt).toBeInstanceOf(Date);

    const unused = await admin.personas.create({
      organizationId: organizationId(),
      name: "Never used",
      vignette: "Nobody wrote a brief for them.",
      readingGrade: 9,
    });
    await admin.personas.delete({ organizationId: organizationId(), personaId: unused.id });
    expect(await f.db.prisma.persona.count({ where: { id: unused.id } })).toBe(0);
  });

  it("says what is wrong with a persona, field by field", async () => {
    const admin = await f.callerFor("admin");
    const error = await admin.personas
      .create({ organizationId: organizationId(), name: "X", vignette: "short", readingGrade: 40 })
      .then(
        () => new Error("accepted"),
        (e: unknown) => e as Error,
      );
    // The input schema names each field (the HTTP error shape carries them as fieldErrors).
    for (const message of [
      "Give the persona a name",
      "Describe them in a sentence or two",
      "Grade 16 or below",
    ])
      expect(error.message).toContain(message);
    await expect(
      admin.personas.create({
        organizationId: organizationId(),
        name: "Retired homeowner",
        vignette: "A second one with the same name.",
        readingGrade: 8,
      }),
    ).rejects.toThrow(/already has this name/);
  });
});
