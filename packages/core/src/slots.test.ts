import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { SlotsPerHolder } from "./slots";

describe("slots per holder", () => {
  it("refuses a holder past the limit with RATE_LIMITED and the sentence given, others unaffected", () => {
    const slots = new SlotsPerHolder();
    slots.take("ana", 2, "busy");
    slots.take("ana", 2, "busy");
    const refused = (() => {
      try {
        slots.take("ana", 2, "Wait for one to finish");
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: "Wait for one to finish" });
    expect(() => slots.take("ben", 2, "busy")).not.toThrow();
  });

  it("frees a slot once per release, however often the release is called", () => {
    const slots = new SlotsPerHolder();
    const first = slots.take("ana", 2, "busy");
    slots.take("ana", 2, "busy");
    first();
    first();
    slots.take("ana", 2, "busy");
    expect(() => slots.take("ana", 2, "busy")).toThrow("busy");
  });
});
