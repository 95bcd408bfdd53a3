// What no input may carry, whatever its schema says, checked once at each
// edge (tRPC, route handlers) before any use case runs. PostgreSQL refuses a
// NUL in text, text that is not valid UTF-8 (a lone surrogate becomes such
// text) and timestamps outside 4713 BC–294276 AD, and refuses them with an
// internal error; here they become a 400 that names the field.
import { AppError } from "./errors";

/** Longest string any field may hold; the message text itself travels through collab, not here. */
export const MAX_INPUT_STRING = 200_000;
/** How deep a value may nest before it is refused (the brief is the deepest, at about six). */
const MAX_DEPTH = 32;
/** Dates a customer message can be about: wide enough for history, narrow enough for the database. */
export const EARLIEST_DATE = Date.UTC(1900, 0, 1);
export const LATEST_DATE = Date.UTC(2200, 0, 1);

export interface MalformedInput {
  /** Where, as a dotted path ("brief.mustSay.2"); empty for the whole input. */
  path: string;
  problem: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is what we look for
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first problem in a value, walking objects and arrays; null when it is clean. */
export function findMalformed(value: unknown, path: string[] = []): MalformedInput | null {
  const where = () => path.join(".");
  if (path.length > MAX_DEPTH) return { path: where(), problem: "is nested too deeply" };
  if (typeof value === "string") {
    if (value.length > MAX_INPUT_STRING)
      return {
        path: where(),
        problem: `is too long (${value.length.toLocaleString("en-GB")} characters; at most ${MAX_INPUT_STRING.toLocaleString("en-GB")})`,
      };
    if (NUL.test(value)) return { path: where(), problem: "contains a NUL character" };
    if (LONE_SURROGATE.test(value))
      return { path: where(), problem: "contains a broken character (a lone UTF-16 surrogate)" };
    return null;
  }
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return { path: where(), problem: "is not a date" };
    if (time < EARLIEST_DATE || time >= LATEST_DATE)
      return { path: where(), problem: "must be a date between 1900 and 2199" };
    return null;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { path: where(), problem: "must be a finite number" };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findMalformed(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = findMalformed(key, [...path, "(name)"]);
      if (keyProblem) return { ...keyProblem, path: [...path, keyProblem.path].join(".") };
      const found = findMalformed(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Throws INVALID_INPUT naming the field when the value carries what no input may. */
export function assertWellFormed(value: unknown): void {
  const found = findMalformed(value);
  if (!found) return;
  const field = found.path || "input";
  throw new AppError("INVALID_INPUT", `${field} ${found.problem}`, { [field]: found.problem });
}

/** Prisma's codes for a value the column cannot hold (too long, invalid, out of range). */
const PRISMA_VALUE_CODES = new Set(["P2000", "P2007", "P2020", "P2033"]);

/**
 * A database error caused by a value the caller sent — PostgreSQL's class 22
 * (data exception: NUL, bad encoding, dates out of range) or Prisma's value
 * codes — as the 400 it should have been; null for anything else (a real
 * fault, kept for the logs).
 */
export function inputErrorFromDatabase(error: unknown): AppError | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as {
      code?: unknown;
      cause?: unknown;
      meta?: unknown;
      originalCode?: unknown;
    };
    for (const code of [record.code, record.originalCode]) {
      if (typeof code !== "string") continue;
      if (/^22[0-9A-Z]{3}$/.test(code) || PRISMA_VALUE_CODES.has(code))
        return new AppError(
          "INVALID_INPUT",
          "A value is outside what can be stored; check dates, numbers and text",
        );
    }
    const meta = record.meta as { driverAdapterError?: unknown } | undefined;
    current = record.cause ?? meta?.driverAdapterError;
  }
  return null;
}
