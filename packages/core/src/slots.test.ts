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

describe("slots per holder with a short waiting line", () => {
  const line = { waiting: 2, patienceMs: 60_000 };
  const refusal = "Wait for one to finish";

  it("a caller past the limit waits and gets the first freed slot; the holder never exceeds the limit", async () => {
    const slots = new SlotsPerHolder();
    const first = await slots.takeOrWait("ana", 2, line, refusal);
    await slots.takeOrWait("ana", 2, line, refusal);
    let admitted = false;
    const third = slots.takeOrWait("ana", 2, line, refusal).then((release) => {
      admitted = true;
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(admitted).toBe(false);
    // Both slots are taken and one waits: a plain take is still refused.
    expect(() => slots.take("ana", 2, "busy")).toThrow("busy");
    first();
    const releaseThird = await third;
    expect(admitted).toBe(true);
    expect(() => slots.take("ana", 2, "busy")).toThrow("busy");
    releaseThird();
    expect(() => slots.take("ana", 2, "busy")).not.toThrow();
  });

  it("refuses at once when the line is full, and others are unaffected", async () => {
    const slots = new SlotsPerHolder();
    await slots.takeOrWait("ana", 1, line, refusal);
    const waiting = [
      slots.takeOrWait("ana", 1, line, refusal),
      slots.takeOrWait("ana", 1, line, refusal),
    ];
    await expect(slots.takeOrWait("ana", 1, line, refusal)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: refusal,
    });
    await expect(slots.takeOrWait("ben", 1, line, refusal)).resolves.toBeTypeOf("function");
    expect(waiting).toHaveLength(2);
  });

  it("a wait that runs out is refused and leaves the line", async () => {
    const slots = new SlotsPerHolder();
    const release = await slots.takeOrWait("ana", 1, line, refusal);
    const impatient = { waiting: 1, patienceMs: 5 };
    await expect(slots.takeOrWait("ana", 1, impatient, refusal)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // The one who gave up does not inherit the slot: it is freed.
    release();
    expect(() => slots.take("ana", 1, "busy")).not.toThrow();
  });
});
