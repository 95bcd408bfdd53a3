import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, procedureCalls as matrix, personas } from "./procedure-calls";
import { appRouter } from "./root";
import { createApiFixture, outcome } from "./testing";

describe("authorisation matrix", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());

  it("covers every procedure of the API", () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const [procedure, row] of Object.entries(matrix)) {
    for (const persona of personas) {
      const expected =
        persona === "signedOut"
          ? "UNAUTHORIZED"
          : persona === "outsider"
            ? (row.outsider ?? "NOT_FOUND")
            : row.allowed.includes(persona)
              ? "ok"
              : "FORBIDDEN";
      it(`${procedure} as ${persona} → ${expected}`, async () => {
        const caller = await f.callerFor(persona);
        expect(await outcome(() => row.call(caller, f, persona))).toBe(expected);
      });
    }
  }
});
