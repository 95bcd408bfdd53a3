import { describe, expect, it } from "vitest";
import { type AnalyzeOptions, analyze } from "../index";

const findings = (text: string, options: AnalyzeOptions = {}) => analyze(text, options).findings;
const ids = (text: string, options: AnalyzeOptions = {}) =>
  findings(text, options).map((f) => f.ruleId);
const questions = (text: string, options: AnalyzeOptions = {}) =>
  analyze(text, options).callDrivers.map((d) => d.question);

// Issue 15's classes of wrong or noisy findings on well-written messages.
describe("precision on good writing", () => {
  it("takes the security line as a condition, not blame", () => {
    const text =
      "Your Northway code is 482913. It expires in 10 minutes. If you did not request this code, please ignore this message.";
    expect(ids(text, { channel: "SMS" })).not.toContain("tone.blame");
    expect(ids("You did not pay your bill on time.")).toContain("tone.blame");
  });

  it("offers a verb only where the word is a verb, and never a literal (omit)", () => {
    const text = "Please update your email address in the app. Type your new PIN twice.";
    const suggestions = findings(text).flatMap((f) => f.suggestions);
    expect(suggestions).not.toContain("discuss");
    expect(suggestions.some((s) => s.includes("(omit)"))).toBe(false);
    expect(
      findings("We will address your complaint this week.").flatMap((f) => f.suggestions),
    ).toContain("discuss");
    expect(
      findings("Going forward, your bill comes by email.").flatMap((f) => f.suggestions),
    ).not.toContain("send");
  });

  it("reads a reply keyword in capitals as a keyword, not an acronym", () => {
    const text = "Your visit is on Thursday 12 June, 8am to 12pm. Reply CHANGE to move it.";
    expect(ids(text, { channel: "SMS" })).not.toContain("plain.undefined-acronym");
    expect(ids("Your APR will change next month.")).toContain("plain.undefined-acronym");
  });

  it("flags and/or without offering a replacement that changes the meaning", () => {
    const slash = findings("You can pay by card and/or bank transfer.").find(
      (f) => f.ruleId === "plain.slash",
    );
    expect(slash?.suggestions).toEqual([]);
  });

  it("predicts no missed-date call on the company's own promise", () => {
    expect(
      questions("We've cancelled the order. We'll refund you £35 by Friday 14 March."),
    ).not.toContain("What happens if I miss the date?");
    expect(questions("Please pay £40 by 3 June.")).toContain("What happens if I miss the date?");
  });

  it("asks each question once, at the first sentence that raises it", () => {
    const text = "Please pay £40 by 3 June. Please send the form by 4 June. Please call by 5 June.";
    const drivers = analyze(text).callDrivers.filter(
      (d) => d.question === "What happens if I miss the date?",
    );
    expect(drivers).toHaveLength(1);
    expect(text.slice(drivers[0]!.start, drivers[0]!.end)).toBe("Please pay £40 by 3 June.");
  });

  it("predicts no charge question on a negated charge", () => {
    expect(questions("You can move your account at any time. There is no fee for this.")).toEqual(
      expect.not.arrayContaining(["Why am I being charged this?"]),
    );
    expect(questions("A fee of £12 applies to your account.")).toContain("Why is it this amount?");
  });

  it("counts 'please' as a call to action only before an action", () => {
    const brief = { desiredOutcome: "Customer pays the bill", action: "pay the bill" };
    const ask = analyze("Your bill is ready. Please pay it at bank.example/pay.", { brief });
    const refuse = analyze("Your bill is ready. Please do not reply to this email.", { brief });
    expect(ask.brief?.callToAction).toBe("present");
    expect(refuse.brief?.callToAction).toBe("missing");
  });
});
