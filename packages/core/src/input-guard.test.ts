import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import {
  assertWellFormed,
  findMalformed,
  inputErrorFromDatabase,
  MAX_INPUT_STRING,
} from "./input-guard";

describe("findMalformed", () => {
  it("passes ordinary input, emoji and accents included", () => {
    expect(
      findMalformed({
        title: "Your bill — €177.17 👨‍👩‍👧",
        at: new Date("2027-05-18T09:00:00Z"),
        list: [1, "été", { ok: true }],
      }),
    ).toBeNull();
  });

  it("names the path of a NUL, a lone surrogate or a bad date", () => {
    expect(findMalformed({ brief: { mustSay: ["fine", "a\u0000b"] } })).toEqual({
      path: "brief.mustSay.1",
      problem: "contains a NUL character",
    });
    expect(findMalformed({ title: "x\uD800" })?.path).toBe("title");
    expect(findMalformed({ title: "\uDC00x" })?.problem).toMatch(/lone UTF-16 surrogate/);
    expect(findMalformed({ at: new Date(Number.NaN) })).toEqual({
      path: "at",
      problem: "is not a date",
    });
    expect(findMalformed({ at: new Date(Date.UTC(0, 0, 1) - 1e13) })?.problem).toMatch(/1900/);
    expect(findMalformed({ at: new Date("9999-12-31") })?.problem).toMatch(/1900 and 2199/);
    expect(findMalformed({ n: Number.POSITIVE_INFINITY })?.problem).toMatch(/finite/);
  });

  it("checks object keys too, and refuses huge strings and deep nesting", () => {
    expect(findMalformed({ "a\u0000": 1 })?.path).toBe("(name)");
    expect(findMalformed({ s: "x".repeat(MAX_INPUT_STRING + 1) })?.problem).toMatch(/too long/);
    let deep: unknown = "leaf";
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(findMalformed(deep)?.problem).toMatch(/nested too deeply/);
  });
});

describe("assertWellFormed", () => {
  it("throws INVALID_INPUT with the field named", () => {
    try {
      assertWellFormed({ title: "a\u0000" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("INVALID_INPUT");
      expect((error as AppError).fieldErrors).toEqual({ title: "contains a NUL character" });
    }
  });
});

describe("inputErrorFromDatabase", () => {
  it("recognises PostgreSQL data exceptions however Prisma wraps them", () => {
    const prismaShape = {
      code: "P2010",
      meta: { driverAdapterError: { cause: { code: "22021", originalCode: "22021" } } },
    };
    expect(inputErrorFromDatabase(prismaShape)?.code).toBe("INVALID_INPUT");
    expect(inputErrorFromDatabase({ cause: { code: "22008" } })?.code).toBe("INVALID_INPUT");
    expect(inputErrorFromDatabase({ code: "P2000" })?.code).toBe("INVALID_INPUT");
  });

  it("leaves real faults alone", () => {
    expect(inputErrorFromDatabase(new Error("connection reset"))).toBeNull();
    expect(inputErrorFromDatabase({ code: "P2002" })).toBeNull();
    expect(inputErrorFromDatabase({ code: "40001" })).toBeNull();
  });
});
