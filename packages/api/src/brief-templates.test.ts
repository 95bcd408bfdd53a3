import { briefContentSchema } from "@conductor/core/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture, outcome } from "./testing";

describe("creating a brief template", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());

  const content = briefContentSchema.parse({
    desiredOutcome: "Knows the meter will be read and doesn't need to be home",
    tone: { style: "transactional", warmth: 3, formality: 2, urgency: 2 },
    likelyQuestions: ["Do I need to be in?"],
  });

  it("adds a template beside the defaults, and a new communication starts from it", async () => {
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    const created = await manager.briefTemplates.create({
      organizationId,
      name: "Meter reading",
      description: "Tell customers a reader is coming.",
      content,
    });
    expect(created).toMatchObject({ name: "Meter reading", content });
    const names = (await manager.briefTemplates.list({ organizationId })).map((t) => t.name);
    expect(names).toEqual([
      "Claim update",
      "Data request",
      "Fee change",
      "Meter reading",
      "Payment received",
      "Planned outage",
    ]);

    const communication = await manager.communications.create({
      organizationId,
      title: "Your meter reading is due",
      channel: "SMS",
      audienceDescription: "Households with a reading due this month",
      briefTemplateId: created.id,
    });
    const brief = await manager.briefs.current({ communicationId: communication.id });
    expect(brief.brief.desiredOutcome).toBe(content.desiredOutcome);
    expect(brief.brief.likelyQuestions).toEqual(["Do I need to be in?"]);
  });

  it("refuses a name the organisation already uses, naming the field", async () => {
    const manager = await f.callerFor("commsManager");
    const error = await manager.briefTemplates
      .create({ organizationId: f.demo.organizationId, name: "Fee change", content })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "CONFLICT",
      cause: { fieldErrors: { name: "Another brief template already has this name" } },
    });
    expect(
      await outcome(() =>
        manager.briefTemplates.create({
          organizationId: f.demo.organizationId,
          name: " ",
          content,
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("gives an organisation its five defaults even when its first act is creating one", async () => {
    const owner = await f.callerFor("outsider");
    const organizationId = f.otherOrganizationId;
    expect(await f.db.prisma.briefTemplate.count({ where: { organizationId } })).toBe(0);
    await owner.briefTemplates.create({ organizationId, name: "Statement ready", content });
    const names = (await owner.briefTemplates.list({ organizationId })).map((t) => t.name);
    expect(names).toHaveLength(6);
    expect(names).toContain("Statement ready");
    expect(names).toContain("Payment received");
  });
});

describe("a brief template's persona", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());

  const content = (personaId: string | null) =>
    briefContentSchema.parse({ desiredOutcome: "Knows their tariff changes", personaId });

  /** A persona of the other organisation, made by its own admin. */
  async function theirPersona() {
    return (await f.callerFor("outsider")).personas.create({
      organizationId: f.otherOrganizationId,
      name: `Their customer ${Date.now()}`,
      vignette: "A customer of the other organisation.",
      readingGrade: 6,
    });
  }

  const refusal = (run: () => Promise<unknown>) => run().catch((caught: unknown) => caught);

  it("another organisation's persona, or none at all, is refused on create and on update, naming the field", async () => {
    const theirs = await theirPersona();
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    for (const personaId of [theirs.id, "no-such-persona"]) {
      expect(
        await refusal(() =>
          manager.briefTemplates.create({
            organizationId,
            name: `Borrowed persona ${personaId}`,
            content: content(personaId),
          }),
        ),
      ).toMatchObject({
        code: "BAD_REQUEST",
        cause: { fieldErrors: { "content.personaId": "Choose a persona from the library" } },
      });
      expect(
        await f.db.prisma.briefTemplate.count({
          where: { organizationId, name: `Borrowed persona ${personaId}` },
        }),
      ).toBe(0);
    }

    const [template] = await manager.briefTemplates.list({ organizationId });
    expect(
      await refusal(() =>
        manager.briefTemplates.update({
          organizationId,
          templateId: template!.id,
          content: content(theirs.id),
        }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { "content.personaId": "Choose a persona from the library" } },
    });
    const stored = await f.db.prisma.briefTemplate.findUniqueOrThrow({
      where: { id: template!.id },
    });
    expect(stored.content).toEqual(template!.content);
  });

  it("the other organisation can still delete its persona after the attempts", async () => {
    const theirs = await theirPersona();
    const manager = await f.callerFor("commsManager");
    await refusal(() =>
      manager.briefTemplates.create({
        organizationId: f.demo.organizationId,
        name: "Borrowed again",
        content: content(theirs.id),
      }),
    );
    // The attack's second step: start a communication from the template, so
    // its first brief revision would count as a use of their persona.
    const planted = await f.db.prisma.briefTemplate.findFirst({
      where: { organizationId: f.demo.organizationId, name: "Borrowed again" },
    });
    if (planted)
      await manager.communications.create({
        organizationId: f.demo.organizationId,
        title: "Started from the borrowed persona",
        channel: "SMS",
        audienceDescription: "Anyone",
        briefTemplateId: planted.id,
      });
    await (await f.callerFor("outsider")).personas.delete({
      organizationId: f.otherOrganizationId,
      personaId: theirs.id,
    });
    expect(await f.db.prisma.persona.count({ where: { id: theirs.id } })).toBe(0);
    expect(planted).toBeNull();
  });

  it("the organisation's own persona is taken, and a communication started from the template names it", async () => {
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    const ours = await f.db.prisma.persona.findFirstOrThrow({
      where: { organizationId, archivedAt: null },
    });
    const template = await manager.briefTemplates.create({
      organizationId,
      name: "Our persona",
      content: content(ours.id),
    });
    const communication = await manager.communications.create({
      organizationId,
      title: "Your tariff is changing",
      channel: "SMS",
      audienceDescription: "Households on the standard tariff",
      briefTemplateId: template.id,
    });
    const brief = await manager.briefs.current({ communicationId: communication.id });
    expect(brief.persona?.id).toBe(ours.id);

    // An archived persona is no longer offered: a template cannot name it either.
    await manager.personas.archive({ organizationId, personaId: ours.id, archived: true });
    expect(
      await refusal(() =>
        manager.briefTemplates.update({
          organizationId,
          templateId: template.id,
          content: content(ours.id),
        }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { "content.personaId": "This persona is archived; choose another" } },
    });
  });

  it("a template stored before the check with another organisation's persona starts a brief with no persona", async () => {
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    const theirs = await theirPersona();
    const template = await manager.briefTemplates.create({
      organizationId,
      name: "Planted before the fix",
      content: content(null),
    });
    // As an older release let it be saved: written past the use case.
    await f.db.prisma.briefTemplate.update({
      where: { id: template.id },
      data: { content: content(theirs.id) },
    });
    const communication = await manager.communications.create({
      organizationId,
      title: "Your meter reading is due",
      channel: "EMAIL",
      audienceDescription: "Households with a meter",
      briefTemplateId: template.id,
    });
    const brief = await manager.briefs.current({ communicationId: communication.id });
    expect(brief.persona).toBeNull();
    const revision = await f.db.prisma.briefRevision.findFirstOrThrow({
      where: { communicationId: communication.id },
    });
    expect(revision.personaId).toBeNull();
    expect((revision.content as { personaId: string | null }).personaId).toBeNull();
  });
});
