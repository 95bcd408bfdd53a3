import { describe, expect, it } from "vitest";
import { analyze } from "../index";

// The seeds' three treatments of one payment confirmation.
const heartCentred =
  "Thank you for being a customer! We received your payment for $177.17 today. Your next payment is due on 5/18/17. How else can we be of service?";
const transactional =
  "Your payment for $177.17 was received on 4/18/17. Your next payment is due on 5/18/17.";
const blackBox = "";

describe("tone", () => {
  const results = [heartCentred, transactional, blackBox].map((text) =>
    analyze(text, { channel: "SMS" }),
  );

  it("ranks heart-centred > transactional > black box", () => {
    const [heart, trans, black] = results.map((r) => r!.tone.score);
    expect(heart).toBeGreaterThan(trans!);
    expect(trans).toBeGreaterThan(black!);
    const [h, t, b] = results.map((r) => r!.score);
    expect(h).toBeGreaterThan(t!);
    expect(t).toBeGreaterThan(b!);
  });

  it("classifies each with the evidence spans", () => {
    expect(results.map((r) => r.tone.classification)).toEqual([
      "heart-centred",
      "transactional",
      "black-box",
    ]);
    const evidence = results[0]!.tone.evidence.map((e) => `${e.kind}: ${e.text}`);
    expect(evidence).toEqual(
      expect.arrayContaining([
        "appreciation: Thank you",
        "invitation: How else can we be of service",
      ]),
    );
  });

  it("names what the transactional version lacks", () => {
    expect(results[1]!.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining([
        "tone.no-appreciation",
        "tone.no-invitation",
        "plain.passive-voice",
        "plain.numeric-date",
      ]),
    );
  });

  it("a blaming, closed-door message scores lower than a neutral one", () => {
    const harsh = analyze(
      "You failed to pay your bill. Please be advised that a late fee applies. Do not reply to this email.",
    );
    const neutral = analyze(
      "We haven't received your payment yet. A late fee of $10 applies after 5 June. Questions? Call us.",
    );
    expect(harsh.tone.score).toBeLessThan(neutral.tone.score);
    expect(harsh.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(["tone.blame", "tone.robotic", "tone.no-reply"]),
    );
  });
});

describe("tone levels (1–5)", () => {
  const levels = (text: string) => analyze(text).tone.levels;

  it("warmth follows the tone score: the seeds' heart-centred message is warmer than the transactional one", () => {
    expect(levels(heartCentred).warmth).toBeGreaterThanOrEqual(4);
    expect(levels(transactional).warmth).toBeLessThanOrEqual(3);
    expect(levels(heartCentred).warmth).toBeGreaterThan(levels(transactional).warmth);
  });

  it("formality: legalese and template phrases raise it, contractions and exclamations lower it", () => {
    const stiff = levels(
      "Please be advised that the aforementioned remittance was received. Notwithstanding the foregoing, arrears accrued prior to that date remain outstanding.",
    );
    const chatty = levels(
      "We've got your payment, thanks! You're all set and there's nothing you'll need to do. We'll see you next month.",
    );
    expect(stiff.formality).toBeGreaterThanOrEqual(4);
    expect(chatty.formality).toBeLessThanOrEqual(2);
    expect(levels(transactional).formality).toBe(3);
  });

  it("urgency counts deadlines, pressure and consequences; a receipt is not urgent", () => {
    expect(levels(heartCentred).urgency).toBe(1);
    const reminder = levels(
      "Final notice: your bill is overdue. Please pay by 5 June. If you don't, a late fee of $10 applies.",
    );
    expect(reminder.urgency).toBeGreaterThanOrEqual(4);
    const nudge = levels("Your bill is ready. Please pay by 5 June. Questions? Call us.");
    expect(nudge.urgency).toBeGreaterThan(1);
    expect(nudge.urgency).toBeLessThan(reminder.urgency);
  });

  it("a brief's tone levels are checked within one step, and the finding says which way the text is off", () => {
    const brief = {
      desiredOutcome: "Knows the payment arrived",
      toneLevels: { warmth: 5, urgency: 1 },
    };
    const cold = analyze(transactional, { brief });
    expect(cold.brief!.toneLevels).toEqual([
      { dimension: "warmth", target: 5, actual: cold.tone.levels.warmth, off: true },
      { dimension: "urgency", target: 1, actual: 1, off: false },
    ]);
    expect(cold.brief!.toneOnTarget).toBe(false);
    expect(cold.findings.find((f) => f.ruleId === "brief.tone-off-target")?.message).toMatch(
      /warmth \d of 5; the brief asks for 5/,
    );
    const warm = analyze(heartCentred, { brief });
    expect(warm.brief!.toneOnTarget).toBe(true);
    // No tone asked for: nothing to be on or off target.
    expect(analyze(transactional, { brief: { desiredOutcome: "x" } }).brief!.toneOnTarget).toBe(
      null,
    );
  });

  it("a brief's SMS segment limit replaces the rule set's", () => {
    const long = "Your payment arrived and your next bill is due on 18 May. ".repeat(4);
    const ids = (maxSmsSegments?: number) =>
      analyze(long, {
        channel: "SMS",
        brief: { desiredOutcome: "", ...(maxSmsSegments ? { maxSmsSegments } : {}) },
      }).findings.map((f) => f.ruleId);
    // About 230 characters: two segments, within the default limit of 2.
    expect(ids()).not.toContain("channel.sms-segments");
    expect(ids(1)).toContain("channel.sms-segments");
  });
});
