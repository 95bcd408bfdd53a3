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
