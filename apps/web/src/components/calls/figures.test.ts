import { describe, expect, it } from "vitest";
import { figure, money } from "./figures";

describe("the prediction's figures", () => {
  it("gives two significant figures below 100 and whole numbers above", () => {
    expect([6.123, 3.249, 10.6, 0.0456, 146.4, 2399.6, 0].map(figure)).toEqual([
      "6.1",
      "3.2",
      "11",
      "0.046",
      "146",
      "2,400",
      "0",
    ]);
    expect(figure(Number.NaN)).toBe("–");
  });

  it("prices in the organisation's currency, and still shows a code Intl does not know", () => {
    expect(money(657, "USD")).toBe("$657");
    expect(money(4.5, "EUR")).toBe("€4.50");
    expect(money(12.5, "XY1")).toBe("13 XY1");
  });
});
