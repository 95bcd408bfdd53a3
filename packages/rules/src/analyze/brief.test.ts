import { describe, expect, it } from "vitest";
import { analyze, type Brief } from "../index";

const brief: Brief = {
  desiredOutcome: "Customer knows the payment arrived and the next due date; no action needed",
  mustSay: ["$177.17", "next payment due 18 May 2017"],
  likelyQuestions: ["When is my next payment due?", "How much did you receive?"],
  tone: "heart-centred",
  readingGrade: 6,
};

describe("brief checks", () => {
  it("matches amounts and dates after normalising", () => {
    const result = analyze(
      "Thank you! We received your payment of 177.17 dollars today. Your next payment is due on 5/18/17. You don't need to do anything. How else can we help?",
      { brief },
    );
    expect(result.brief!.mustSay.map((m) => m.present)).toEqual([true, true]);
    const at = result.brief!.mustSay[0]!.at!;
    expect(
      "Thank you! We received your payment of 177.17 dollars today.".slice(at.start, at.end),
    ).toBe("177.17 dollars");
    expect(result.brief!.questions.map((q) => q.answered)).toEqual([true, true]);
    expect(result.brief!.callToAction).toBe("no-action-stated");
    expect(result.brief!.toneOnTarget).toBe(true);
    expect(result.findings.filter((f) => f.dimension === "brief")).toEqual([]);
  });

  it("reports a must-say amount removed from the text, and the call it will cause", () => {
    const result = analyze(
      "Thank you! We received your payment today. Your next payment is due on 5/18/17. How else can we help?",
      { brief },
    );
    expect(result.brief!.mustSay[0]).toMatchObject({ fact: "$177.17", present: false });
    expect(
      result.findings.some(
        (f) => f.ruleId === "brief.must-say-missing" && f.message.includes("$177.17"),
      ),
    ).toBe(true);
    expect(result.brief!.questions.find((q) => q.question.startsWith("How much"))!.answered).toBe(
      false,
    );
    expect(result.callDrivers.map((d) => d.question)).toContain("How much did you receive?");
    expect(result.brief!.callToAction).toBe("no-action-missing");
  });

  it("a different amount is not the must-say amount", () => {
    const result = analyze("We received your payment of $177.71.", {
      brief: { mustSay: ["$177.17"] },
    });
    expect(result.brief!.mustSay[0]!.present).toBe(false);
  });

  it("asks for a call to action when the outcome needs one", () => {
    const needsAction: Brief = {
      desiredOutcome: "Customer sends a meter reading by 3 June",
      action: "send a meter reading",
    };
    expect(
      analyze("Your meter reading is due soon.", { brief: needsAction }).brief!.callToAction,
    ).toBe("missing");
    expect(
      analyze("Please send us your meter reading by 3 June.", { brief: needsAction }).brief!
        .callToAction,
    ).toBe("present");
  });

  it("asks for no call to action when the brief names no action, and reads 'you do not need to do anything'", () => {
    const noAction: Brief = {
      desiredOutcome: "Customer knows the payment arrived",
      tone: "heart-centred",
    };
    const seed =
      "Thank you for being a customer! We received your payment of £177.17 today. Your next payment is due on 18 May. You do not need to do anything. How else can we be of service?";
    const result = analyze(seed, { brief: noAction });
    expect(result.brief!.callToAction).toBe("no-action-stated");
    expect(result.findings.map((f) => f.ruleId)).not.toContain("brief.no-call-to-action");
    // "Please do not reply" is not an action, and does not raise the brief.
    const closed = analyze(`${seed} Please do not reply to this email.`, { brief: noAction });
    expect(closed.dimensions.brief!.score).toBeLessThanOrEqual(result.dimensions.brief!.score);
  });

  it("caps the score below the review gate when a must-say fact is missing", () => {
    const text =
      "Thank you for your payment. It arrived today. You don't need to do anything. Questions? Call us on 0800 123 4567.";
    const both = {
      desiredOutcome: "Customer knows the payment arrived",
      mustSay: ["£177.17", "18 May"],
    };
    const result = analyze(text, { brief: both });
    const missing = result.findings.filter((f) => f.ruleId === "brief.must-say-missing");
    expect(missing).toHaveLength(2);
    // Both sit at the end of the text; their ids still differ (React keys in the panel).
    expect(new Set(result.findings.map((f) => f.id)).size).toBe(result.findings.length);
    expect(missing.every((f) => f.id?.startsWith("brief.must-say-missing@"))).toBe(true);
    expect(result.score).toBeLessThan(60);
    expect(analyze(text, { brief: both, minimumScore: 40 }).score).toBeLessThan(40);
    expect(analyze(text, { brief: { desiredOutcome: both.desiredOutcome } }).score).toBeGreaterThan(
      60,
    );
  });

  it("predicts calls about unexplained fees, deadlines without consequence and jargon", () => {
    const result = analyze("Pursuant to clause 7, a fee of $25 applies. Pay by 3 June 2027.");
    const questions = result.callDrivers.map((d) => d.question);
    expect(questions).toEqual(
      expect.arrayContaining([
        "Why is it this amount?",
        "What happens if I miss the date?",
        'What does "Pursuant to" mean?',
      ]),
    );
    const explained = analyze(
      "A fee of $25 applies because your payment was returned by your bank. Pay by 3 June 2027. If you don't, we may pause your account. Questions? Call us.",
    );
    expect(explained.callDrivers).toEqual([]);
  });

  it("flags tone off target", () => {
    const result = analyze("Your payment for $177.17 was received.", {
      brief: { tone: "heart-centred" },
    });
    expect(result.brief!.toneOnTarget).toBe(false);
    expect(result.findings.map((f) => f.ruleId)).toContain("brief.tone-off-target");
  });
});

describe("the brief's action", () => {
  const needsAction: Brief = {
    desiredOutcome: "Customer sends a meter reading by 3 June",
    action: "send a meter reading",
  };
  it("wants it asked for with how and by when", () => {
    const half = analyze("Please send us your meter reading.", { brief: needsAction });
    expect(half.brief!.action).toEqual({ sentences: 1, how: false, byWhen: false });
    expect(half.findings.map((f) => f.ruleId)).toContain("brief.action-incomplete");
    const whole = analyze("Please send us your meter reading by 3 June at harbour.example/read.", {
      brief: needsAction,
    });
    expect(whole.brief!.action).toEqual({ sentences: 1, how: true, byWhen: true });
    expect(whole.findings.map((f) => f.ruleId)).not.toContain("brief.action-incomplete");
  });
});
