import { describe, expect, it } from "vitest";
import { contentStems, matchReasons, normalizeQuestion } from "./question-match";

const taxonomy = [
  { code: "billing", label: "Bill amount query" },
  { code: "payment-date", label: "Payment date" },
  { code: "tariff", label: "Tariff change" },
  { code: "outage", label: "Power cut" },
];

describe("matching a brief's questions to call reasons", () => {
  it("keys questions alike however they are typed", () => {
    expect(normalizeQuestion("  When is my next  PAYMENT due? ")).toBe(
      "when is my next payment due",
    );
    expect(normalizeQuestion("Why is it changing?!")).toBe("why is it changing");
  });

  it("matches by the content words question and label share, word endings aside", () => {
    expect(matchReasons("When is my next payment due?", taxonomy)).toEqual(["payment-date"]);
    expect(matchReasons("Why is my tariff changing?", taxonomy)).toEqual(["tariff"]);
    expect(matchReasons("How much is my bill?", taxonomy)).toEqual(["billing"]);
    // Words in the code count too: "outage" is nowhere in its label.
    expect(matchReasons("How long will the outage last?", taxonomy)).toEqual(["outage"]);
  });

  it("does not match on words every question has", () => {
    expect(matchReasons("What do I need to do?", taxonomy)).toEqual([]);
    expect(matchReasons("Who do I call?", taxonomy)).toEqual([]);
    expect([...contentStems("What is it about?")]).toEqual([]);
  });
});
