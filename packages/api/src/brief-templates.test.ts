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
