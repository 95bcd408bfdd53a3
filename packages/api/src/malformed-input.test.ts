// Every procedure, called as a permitted member with valid input, then again
// with one value at a time spoiled the way an attacker or a broken client
// would: NUL characters, lone surrogates, dates PostgreSQL cannot store,
// impossible numbers, huge strings. The answer must be a clear 4xx (or a
// success, where the value is harmless) — never a 500, never internal text.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type Fixture, procedureCalls } from "./procedure-calls";
import { createApiFixture } from "./testing";

type Path = (string | number)[];

/** Every leaf of an input (strings, numbers, dates, booleans) with its path. */
function leaves(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (value instanceof Date || value === null || typeof value !== "object")
    return [{ path, value }];
  const entries = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : Object.entries(value);
  return entries.flatMap(([key, item]) => leaves(item, [...path, key]));
}

function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    copy[head as number] = replaced(copy[head as number], rest, by);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  copy[head as string] = replaced(copy[head as string], rest, by);
  return copy;
}

/** What a leaf may be spoiled with, by its kind. */
function spoilers(leaf: unknown): { name: string; value: unknown }[] {
  if (leaf instanceof Date)
    return [
      { name: "year 0", value: new Date(Date.UTC(0, 0, 1) - 62167219200000) },
      { name: "5000 BC", value: new Date(Date.UTC(-5000, 0, 1)) },
      { name: "9999-12-31", value: new Date("9999-12-31T00:00:00Z") },
      { name: "invalid date", value: new Date(Number.NaN) },
    ];
  if (typeof leaf === "number")
    return [
      { name: "NaN", value: Number.NaN },
      { name: "Infinity", value: Number.POSITIVE_INFINITY },
      { name: "1e308", value: 1e308 },
      { name: "-1", value: -1 },
      { name: "50.5", value: 50.5 },
    ];
  if (typeof leaf === "string")
    return [
      { name: "NUL", value: `${leaf}\u0000` },
      { name: "lone surrogate", value: `${leaf}\uD800` },
      { name: "huge string", value: "x".repeat(300_000) },
      { name: "long string", value: "y".repeat(5_000) },
      { name: "impossible date", value: "2027-02-30" },
      { name: "empty", value: "" },
    ];
  return [{ name: "a string", value: "true" }];
}

const INTERNAL_TEXT = /prisma|postgres|sql|invocation|stack|\bat \w+ \(|TypeError|undefined/i;

/** Calls a procedure's row with a caller whose call to that procedure has its input rewritten. */
function spoiledCaller(caller: Caller, procedure: string, rewrite: (input: unknown) => unknown) {
  const [routerName, procedureName] = procedure.split(".") as [string, string];
  return new Proxy(caller, {
    get(target, key, receiver) {
      const router = Reflect.get(target, key, receiver);
      if (key !== routerName) return router;
      return new Proxy(router as object, {
        get(routerTarget, name, routerReceiver) {
          const fn = Reflect.get(routerTarget, name, routerReceiver);
          if (name !== procedureName || typeof fn !== "function") return fn;
          return (input: unknown) => fn(rewrite(input));
        },
      });
    },
  }) as Caller;
}

async function attempt(run: () => Promise<unknown>) {
  try {
    await run();
    return { code: "ok", message: "" };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { code: code ?? "THROWN", message: message ?? String(error) };
  }
}

let f: Fixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.db.close());

describe("malformed input never gives a 500", () => {
  for (const [procedure, row] of Object.entries(procedureCalls)) {
    it(procedure, async () => {
      const persona = row.allowed[0]!;
      const caller = await f.callerFor(persona);
      let recorded: unknown;
      await row.call(
        spoiledCaller(caller, procedure, (input) => {
          recorded = input;
          return input;
        }),
        f,
        persona,
      );
      const failures: string[] = [];
      for (const leaf of leaves(recorded).slice(0, 16)) {
        for (const spoiler of spoilers(leaf.value)) {
          const result = await attempt(() =>
            row.call(
              spoiledCaller(caller, procedure, (input) =>
                replaced(input, leaf.path, spoiler.value),
              ),
              f,
              persona,
            ),
          );
          const where = `${leaf.path.join(".") || "(input)"} = ${spoiler.name}`;
          if (result.code === "INTERNAL_SERVER_ERROR" || result.code === "THROWN")
            failures.push(`${where}: ${result.code} ${result.message.slice(0, 200)}`);
          else if (result.code !== "ok" && INTERNAL_TEXT.test(result.message))
            failures.push(`${where}: ${result.code} leaks "${result.message.slice(0, 200)}"`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("random strings with control characters and broken surrogates, in every string field", async () => {
    const procedures = Object.entries(procedureCalls);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: procedures.length - 1 }),
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.nat(),
        async (which, text, pick) => {
          const [procedure, row] = procedures[which]!;
          const persona = row.allowed[0]!;
          const caller = await f.callerFor(persona);
          const result = await attempt(() =>
            row.call(
              spoiledCaller(caller, procedure, (input) => {
                const strings = leaves(input).filter((l) => typeof l.value === "string");
                if (strings.length === 0) return input;
                return replaced(input, strings[pick % strings.length]!.path, text);
              }),
              f,
              persona,
            ),
          );
          expect(result.code, `${procedure}: ${result.message}`).not.toBe("INTERNAL_SERVER_ERROR");
          expect(result.code, `${procedure}: ${result.message}`).not.toBe("THROWN");
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
  });
});
