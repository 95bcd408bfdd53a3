import { describe, expect, it } from "vitest";
import { analyze } from "../index";

const seedHeart =
  "Thank you for being a customer! We received your payment for $177.17 today. Your next payment is due on 5/18/17. How else can we be of service?";

// Issue 15: keywords alone must not reach heart-centred.
describe("T.A.R.A.", () => {
  it("keeps template phrases from reading as heart-centred, whatever thanks they carry", () => {
    const template = analyze(
      "Dear Valued Customer, thank you for your cooperation. Please be advised that your payment has been processed. Do not hesitate to contact us.",
    );
    expect(template.tone.classification).not.toBe("heart-centred");
    expect(template.tone.tara.authenticity.score).toBeLessThan(50);
    expect(template.tone.tara.authenticity.evidence.map((e) => e.text)).toEqual(
      expect.arrayContaining(["Valued Customer", "Please be advised"]),
    );
  });

  it("takes access away for 'Please do not reply'", () => {
    const closed = analyze(`${seedHeart} Please do not reply to this message.`);
    expect(analyze(seedHeart).tone.classification).toBe("heart-centred");
    expect(closed.tone.classification).not.toBe("heart-centred");
    expect(closed.tone.tara.access.evidence.some((e) => e.kind === "do-not-reply")).toBe(true);
  });

  it("hears contractions typed without apostrophes ('thats', 'dont') as the same voice", () => {
    const typed = analyze("Thats fine, you dont need to do anything. Were here if you need us.");
    const spelled = analyze(
      "That's fine, you don't need to do anything. We're here if you need us.",
    );
    // "Were" could be the verb: only spellings that are no other word count.
    expect(typed.tone.tara.authenticity.score).toBe(spelled.tone.tara.authenticity.score);
    expect(typed.tone.tara.authenticity.evidence.map((e) => e.kind)).toContain("contractions");
    expect(
      analyze("We were here. It is fine.").tone.tara.authenticity.evidence.map((e) => e.kind),
    ).not.toContain("contractions");
  });

  it("hears a warm voice without the word thanks", () => {
    const warm = analyze(
      "Hi Sam, your payment of £42.50 arrived this morning, so you're all set until 18 May. If anything looks odd, just reply and one of us will sort it out.",
    );
    expect(warm.tone.classification).toBe("heart-centred");
  });

  it("does not let thanks around blame hide it", () => {
    const polite =
      "Thank you for banking with us. We haven't received your payment. Please pay by 5 June. How else can we be of service?";
    const blaming =
      "Thank you for banking with us. You failed to pay on time. Please pay by 5 June. How else can we be of service?";
    const [p, b] = [analyze(polite), analyze(blaming)];
    expect(b.tone.classification).not.toBe("heart-centred");
    expect(b.tone.tara.trust.score).toBeLessThan(p.tone.tara.trust.score - 20);
    expect(b.score).toBeLessThan(p.score - 5);
  });

  it("counts surveillance-sounding personalisation against trust", () => {
    const watched = analyze("We noticed you visited our loans page. Apply today at bank.example.");
    expect(watched.tone.tara.trust.evidence.map((e) => e.text)).toContain("We noticed you");
  });

  it("measures a brief that names only a style against the warmth it implies, so the seed is on target", () => {
    const result = analyze(seedHeart, {
      brief: { desiredOutcome: "Customer knows the payment arrived", tone: "heart-centred" },
    });
    expect(result.brief?.toneLevels.find((l) => l.dimension === "warmth")).toMatchObject({
      target: 5,
      off: false,
    });
    expect(result.brief?.toneOnTarget).toBe(true);
  });

  it("keeps a warmth the brief's author set, even beside a style (the form sets the style's warmth first)", () => {
    const result = analyze(seedHeart, {
      brief: {
        desiredOutcome: "Customer knows the payment arrived",
        tone: "heart-centred",
        toneLevels: { warmth: 2 },
      },
    });
    expect(result.brief?.toneLevels.find((l) => l.dimension === "warmth")).toMatchObject({
      target: 2,
      off: true,
    });
    expect(result.brief?.toneOnTarget).toBe(false);
  });
});
