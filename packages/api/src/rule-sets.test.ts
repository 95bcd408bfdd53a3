// The organisation's rule set: adopted by an admin as a new immutable
// version, audited value by value, read by every member, and from then on
// what every score uses (the submission's frozen analysis and the review gate)
// while analyses frozen before keep the rules version they named.
import { verifyAuditTrail } from "@conductor/core";
import { type AdoptRuleSetChangeInput, fieldErrorsOf } from "@conductor/core/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  type ApiFixture,
  createApiFixture,
  newDraft,
  outcome,
  savedVersion,
  submittedReview,
} from "./testing";

let f: ApiFixture;
let organizationId: string;
beforeAll(async () => {
  f = await createApiFixture();
  organizationId = f.demo.organizationId;
});
afterAll(() => f.db.close());

const adopt = async (input: Omit<AdoptRuleSetChangeInput, "organizationId">) =>
  (await f.callerFor("admin")).ruleSets.adopt({ organizationId, ...input });

/** The code, reason and field errors a refused call carries. */
async function refusal(run: () => Promise<unknown>) {
  const error = await run().then(
    () => {
      throw new Error("the call was not refused");
    },
    (caught: unknown) =>
      caught as {
        code?: string;
        message: string;
        cause?: { reason?: string; fieldErrors?: Record<string, string> };
      },
  );
  const cause = error.cause;
  return {
    code: error.code,
    message: error.message,
    reason: cause?.reason,
    // The schema's errors become field errors in the error formatter; the use case's carry their own.
    fields: cause instanceof ZodError ? fieldErrorsOf(cause) : (cause?.fieldErrors ?? {}),
  };
}

const versionCount = () => f.db.prisma.ruleSetVersion.count({ where: { organizationId } });
const adoptedEntries = () =>
  f.db.prisma.auditEvent.findMany({
    where: { organizationId, kind: "RULE_SET_ADOPTED" },
    orderBy: { sequence: "asc" },
  });

// A 24-word SMS sentence: over SMS's 20-word limit, so long-sentence fires (a warning by default).
const longSentence =
  "We have received your payment for the March bill and it has now been added to the account that you hold with us today.";

describe("adopting a change to the rule set", () => {
  let defaultsVersion: string;
  let before: { communicationId: string; rulesVersion: string };

  beforeAll(async () => {
    const current = await (await f.callerFor("legal")).ruleSets.current({ organizationId });
    expect(current.version).toBeNull();
    expect(current.ruleSet).toBeNull();
    defaultsVersion = current.rulesVersion;
    // Frozen under the defaults, before any change is adopted.
    const draft = await newDraft(f, "Frozen under the defaults");
    const { review } = await submittedReview(f, draft.id, longSentence, {
      overrideReason: "Checking frozen analyses",
    });
    before = { communicationId: draft.id, rulesVersion: review.rulesVersion };
  });

  it("makes version 1 from the defaults, audited with each value from → to, and every member reads it", async () => {
    const adopted = await adopt({
      change: {
        rules: {
          "readability.long-sentence": { severity: "error" },
          "plain.passive-voice": { enabled: false },
        },
        weights: { tone: 0.3 },
      },
      reason: "Long sentences drove calls in the spring releases",
      source: "EVIDENCE",
      basedOn: 0,
    });
    expect(adopted.number).toBe(1);
    expect(adopted.rulesVersion).not.toBe(defaultsVersion);
    const changes = [
      { field: "rules.readability.long-sentence.severity", from: "warning", to: "error" },
      { field: "rules.plain.passive-voice.enabled", from: true, to: false },
      { field: "weights.tone", from: 0.15, to: 0.3 },
    ];
    expect(adopted.changes).toEqual(expect.arrayContaining(changes));
    expect(adopted.changes).toHaveLength(3);

    const [entry] = await adoptedEntries();
    expect(JSON.parse(entry?.payload ?? "{}")).toMatchObject({
      number: 1,
      fromNumber: null,
      source: "EVIDENCE",
      reason: "Long sentences drove calls in the spring releases",
      changes: expect.arrayContaining(changes),
      rulesVersion: { from: defaultsVersion, to: adopted.rulesVersion },
    });
    expect(await verifyAuditTrail(f.db.prisma, organizationId)).toMatchObject({ ok: true });

    const analyst = await f.callerFor("analyst");
    const current = await analyst.ruleSets.current({ organizationId });
    expect(current.version).toMatchObject({ number: 1, source: "EVIDENCE" });
    expect(current.version?.adoptedBy.id).toBe(f.demo.userIds.admin);
    expect(current.ruleSet?.rules?.["plain.passive-voice"]).toEqual({ enabled: false });
    expect(current.rulesVersion).toBe(adopted.rulesVersion);
    const [newest] = await analyst.ruleSets.history({ organizationId });
    expect(newest).toMatchObject({ number: 1, reason: expect.stringContaining("spring") });
    expect(newest?.changes).toEqual(adopted.changes);
  });

  it("submission scores with the rule set in force: the gate and the frozen rules version follow it", async () => {
    const draft = await newDraft(f, "Scored under version 1");
    const version = await savedVersion(f, draft.id, longSentence);
    const manager = await f.callerFor("commsManager");
    // Long sentences are errors now: blocking, so an override reason is needed.
    const gated = await refusal(() =>
      manager.reviews.submit({ communicationId: draft.id, versionId: version.id }),
    );
    expect(gated).toMatchObject({ code: "BAD_REQUEST", reason: "OVERRIDE_REQUIRED" });
    expect(gated.message).toContain("1 blocking finding");
    const review = await manager.reviews.submit({
      communicationId: draft.id,
      versionId: version.id,
      overrideReason: "Accepted for the test",
    });
    const current = await manager.ruleSets.current({ organizationId });
    expect(review.rulesVersion).toBe(current.rulesVersion);
    expect(review.rulesVersion).not.toBe(before.rulesVersion);
    // The analysis frozen under the defaults keeps the version it named.
    const old = await manager.reviews.current({ communicationId: before.communicationId });
    expect(old.review?.rulesVersion).toBe(before.rulesVersion);
    expect(before.rulesVersion).toBe(defaultsVersion);
  });

  it("refuses a change that changes nothing, even one that spells out a default", async () => {
    const count = await versionCount();
    for (const change of [
      {},
      { rules: { "plain.passive-voice": { enabled: false } } },
      { rules: { "plain.legalese": { severity: "warning" as const } } },
      { thresholds: { maxParagraphWords: 100 } },
    ]) {
      expect(await refusal(() => adopt({ change, reason: "Nothing really" }))).toMatchObject({
        code: "BAD_REQUEST",
        reason: "NO_CHANGE",
      });
    }
    expect(await versionCount()).toBe(count);
  });

  it("refuses a change worked out against a version no longer in force", async () => {
    const stale = await refusal(() =>
      adopt({ change: { weights: { brief: 0.2 } }, reason: "Proposal from before", basedOn: 0 }),
    );
    expect(stale).toMatchObject({ code: "CONFLICT", reason: "RULE_SET_CHANGED" });
  });

  it("names the bad field and writes nothing: unknown rule, wrong type, out of range, all weights 0", async () => {
    const count = await versionCount();
    const cases: [unknown, string, RegExp][] = [
      [{ rules: { "no.such-rule": { enabled: false } } }, "change.rules", /no\.such-rule/],
      [{ rulez: {} }, "change", /rulez/],
      [
        { rules: { "plain.legalese": { enabled: "no" } } },
        "change.rules.plain.legalese.enabled",
        /boolean/,
      ],
      [
        { rules: { "plain.legalese": { severity: "fatal" } } },
        "change.rules.plain.legalese.severity",
        /./,
      ],
      [{ thresholds: { maxSentenceWords: 2 } }, "change.thresholds.maxSentenceWords", /./],
      [{ bannedPhrases: [{ phrase: "x".repeat(5_000) }] }, "change.bannedPhrases.0.phrase", /200/],
      [
        {
          weights: { readability: 0, plainLanguage: 0, tone: 0, channel: 0, brief: 0 },
        },
        "change.weights",
        /above 0/,
      ],
      [[], "change", /object/],
    ];
    for (const [change, field, message] of cases) {
      const refused = await refusal(() =>
        adopt({ change: change as AdoptRuleSetChangeInput["change"], reason: "Bad field" }),
      );
      expect(refused.code, JSON.stringify(change).slice(0, 80)).toBe("BAD_REQUEST");
      expect(refused.fields[field], JSON.stringify(refused.fields)).toMatch(message);
    }
    expect(await versionCount()).toBe(count);
  });

  it("refuses NUL, lone surrogates and huge strings by field, before any use case runs", async () => {
    const count = await versionCount();
    for (const phrase of ["take\u0000payment", "take\uD800payment", "x".repeat(300_000)]) {
      const refused = await refusal(() =>
        adopt({ change: { bannedPhrases: [{ phrase }] }, reason: "Malformed" }),
      );
      expect(refused.code).toBe("BAD_REQUEST");
      expect(Object.keys(refused.fields)).toEqual(["change.bannedPhrases.0.phrase"]);
      expect(refused.message).not.toMatch(/prisma|sql|stack/i);
    }
    expect(await versionCount()).toBe(count);
  });
});

describe("who may read and adopt", () => {
  const change = { thresholds: { targetGrade: 7 } };

  it("another tenant sees nothing and changes nothing", async () => {
    const outsider = await f.callerFor("outsider");
    expect(await outcome(() => outsider.ruleSets.current({ organizationId }))).toBe("NOT_FOUND");
    expect(await outcome(() => outsider.ruleSets.history({ organizationId }))).toBe("NOT_FOUND");
    expect(
      await outcome(() => outsider.ruleSets.adopt({ organizationId, change, reason: "Mine now" })),
    ).toBe("NOT_FOUND");
    // The demo's admin, with the other organisation's id.
    const admin = await f.callerFor("admin");
    const other = { organizationId: f.otherOrganizationId };
    expect(await outcome(() => admin.ruleSets.current(other))).toBe("NOT_FOUND");
    expect(await outcome(() => admin.ruleSets.adopt({ ...other, change, reason: "Theirs" }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await f.db.prisma.ruleSetVersion.count({ where: { organizationId: f.otherOrganizationId } }),
    ).toBe(0);
  });

  it("a comms manager or an analyst reads but may not adopt; signed out may do neither", async () => {
    for (const persona of ["commsManager", "analyst", "legal"] as const) {
      const caller = await f.callerFor(persona);
      expect(await outcome(() => caller.ruleSets.history({ organizationId }))).toBe("ok");
      const refused = await refusal(() =>
        caller.ruleSets.adopt({ organizationId, change, reason: "Not mine to change" }),
      );
      expect(refused).toMatchObject({ code: "FORBIDDEN" });
      expect(refused.message).toContain("admin");
    }
    const signedOut = await f.callerFor("signedOut");
    expect(await outcome(() => signedOut.ruleSets.current({ organizationId }))).toBe(
      "UNAUTHORIZED",
    );
    expect(
      await outcome(() => signedOut.ruleSets.adopt({ organizationId, change, reason: "Anon" })),
    ).toBe("UNAUTHORIZED");
  });

  it("a version cannot be rewritten: the database refuses", async () => {
    const version = await f.db.prisma.ruleSetVersion.findFirstOrThrow({
      where: { organizationId },
    });
    await expect(
      f.db.prisma.ruleSetVersion.update({ where: { id: version.id }, data: { reason: "Edited" } }),
    ).rejects.toThrow(/immutable/);
  });
});
