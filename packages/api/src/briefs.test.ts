import {
  currentBrief,
  loadActor,
  loadCommunication,
  recordVersion,
  versionHash,
} from "@conductor/core";
import { briefContentSchema } from "@conductor/core/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiFixture, outcome } from "./testing";

type Fixture = Awaited<ReturnType<typeof createApiFixture>>;

describe("the conductor brief and personas", () => {
  let f: Fixture;
  let communicationId: string;
  const organizationId = () => f.demo.organizationId;
  beforeAll(async () => {
    f = await createApiFixture();
    communicationId = (
      await f.db.prisma.communication.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId, ownerId: f.demo.userIds.commsManager },
      })
    ).id;
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
