// The evidence procedures against an attacker: another organisation's ids, a
// weaker role, no session, and values no form would send. The matrix and the
// malformed-input suite cover every procedure generically; these name the
// cases the evidence procedures add (a version of another message, an
// audience of zero, a cost in fractions of a cent, a lower-case currency).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiFixture,
  communicationWithReview,
  createApiFixture,
  managersCommunication,
  outcome,
} from "./testing";

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.db.close());

describe("calls.prediction, calls.evidence and calls.setCost", () => {
  it("say so when the organisation has too little measured history, instead of a number", async () => {
    const analyst = await f.callerFor("analyst");
    const communication = await managersCommunication(f);
    const prediction = await analyst.calls.prediction({ communicationId: communication.id });
    expect(["no-history", "no-version"]).toContain(prediction.status);
    if (prediction.status === "no-history") expect(prediction.releasesNeeded).toBe(8);
    const evidence = await analyst.calls.evidence({ organizationId: f.demo.organizationId });
    expect(evidence.status).toBe("no-history");
  });

  it("refuse another organisation's ids, weaker roles and no session", async () => {
    const analyst = await f.callerFor("analyst");
    const outsider = await f.callerFor("outsider");
    const communication = await managersCommunication(f);
    expect(
      await outcome(() => analyst.calls.evidence({ organizationId: f.otherOrganizationId })),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        analyst.calls.setCost({ organizationId: f.demo.organizationId, costPerCall: 3 }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() =>
        (f.callerFor("commsManager") as Promise<typeof analyst>).then((c) =>
          c.calls.evidence({ organizationId: f.demo.organizationId }),
        ),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(() => outsider.calls.prediction({ communicationId: communication.id })),
    ).toBe("NOT_FOUND");
    const signedOut = await f.callerFor("signedOut");
    expect(
      await outcome(() => signedOut.calls.evidence({ organizationId: f.demo.organizationId })),
    ).toBe("UNAUTHORIZED");
  });

  it("do not predict one message from a version of another", async () => {
    const admin = await f.callerFor("admin");
    const communication = await managersCommunication(f);
    const foreign = await communicationWithReview(f, { title: "Another message" });
    expect(
      await outcome(() =>
        admin.calls.prediction({ communicationId: communication.id, versionId: foreign.versionId }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("refuse values no form sends with a clear 400", async () => {
    const admin = await f.callerFor("admin");
    const communication = await managersCommunication(f);
    const organizationId = f.demo.organizationId;
    for (const recipients of [0, -5, 1.5, 2e9])
      expect(
        await outcome(() =>
          admin.calls.prediction({ communicationId: communication.id, recipients }),
        ),
      ).toBe("BAD_REQUEST");
    for (const costPerCall of [-1, 1.234, 1e6])
      expect(await outcome(() => admin.calls.setCost({ organizationId, costPerCall }))).toBe(
        "BAD_REQUEST",
      );
    for (const currency of ["usd", "US", "EURO", "U\u0000D"])
      expect(
        await outcome(() => admin.calls.setCost({ organizationId, costPerCall: 2, currency })),
      ).toBe("BAD_REQUEST");
    // A valid cost is stored and read back in the settings.
    await admin.calls.setCost({ organizationId, costPerCall: 4.25, currency: "EUR" });
    const settings = await admin.calls.settings({ organizationId });
    expect(settings.cost).toEqual({ costPerCall: 4.25, currency: "EUR" });
  });

  it("map likely questions to reasons only within the organisation, by an analyst, with values a form sends", async () => {
    const analyst = await f.callerFor("analyst");
    const organizationId = f.demo.organizationId;
    const question = "Why is my bill higher this month?";
    const map = (
      caller: typeof analyst,
      input: Partial<{ organizationId: string; question: string; reasonCodes: string[] }> = {},
    ) =>
      outcome(() =>
        caller.calls.mapQuestion({ organizationId, question, reasonCodes: ["billing"], ...input }),
      );
    expect(await map(analyst, { organizationId: f.otherOrganizationId })).toBe("NOT_FOUND");
    expect(
      await outcome(() =>
        analyst.calls.questionCoverage({ organizationId: f.otherOrganizationId }),
      ),
    ).toBe("NOT_FOUND");
    expect(await map(await f.callerFor("commsManager"))).toBe("FORBIDDEN");
    expect(await map(await f.callerFor("legal"))).toBe("FORBIDDEN");
    expect(await map(await f.callerFor("outsider"))).toBe("NOT_FOUND");
    expect(await map(await f.callerFor("signedOut"))).toBe("UNAUTHORIZED");
    for (const bad of [
      { question: "Why\u0000?" },
      { question: "Why \uD800?" },
      { question: "x".repeat(301) },
      { question: "   " },
      { question: "?!" },
      { reasonCodes: ["no-such-reason"] },
      { reasonCodes: ["billing\u0000"] },
      { reasonCodes: Array.from({ length: 51 }, (_, i) => `r${i}`) },
    ])
      expect(await map(analyst, bad)).toBe("BAD_REQUEST");
    // Nothing refused was written; the valid call is, once.
    expect(await f.db.prisma.callQuestionMapping.count({ where: { organizationId } })).toBe(0);
    await analyst.calls.mapQuestion({ organizationId, question, reasonCodes: ["billing"] });
    expect(
      await f.db.prisma.callQuestionMapping.findMany({
        where: { organizationId },
        select: { question: true, reasonCodes: true },
      }),
    ).toEqual([{ question: "why is my bill higher this month", reasonCodes: ["billing"] }]);
  });
});
