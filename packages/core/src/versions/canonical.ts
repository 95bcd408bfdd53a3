import { createHash } from "node:crypto";
import { acceptedJson, messageSchema } from "@conductor/editor";

/**
 * JSON with object keys sorted at every level and no whitespace, so the same
 * content always gives the same bytes — and the same hash — whoever saved it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** What `canonicalJson` makes of a value that is not an object: JSON.stringify, or "null". */
const leaf = (value: unknown) => JSON.stringify(value) ?? "null";

/**
 * Whether two values have the same `canonicalJson`, without building either
 * string: it stops at the first difference, and a debounced store compares
 * a 90 kB message this way in a fraction of the time canonicalising it takes.
 */
export function canonicallyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObject = a !== null && typeof a === "object";
  const bObject = b !== null && typeof b === "object";
  if (!aObject || !bObject) return !aObject && !bObject && leaf(a) === leaf(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => canonicallyEqual(item, b[i]));
  }
  const ours = a as Record<string, unknown>;
  const theirs = b as Record<string, unknown>;
  // canonicalJson leaves out keys whose value is undefined.
  const keysOf = (value: Record<string, unknown>) =>
    Object.keys(value).filter((key) => value[key] !== undefined);
  const keys = keysOf(ours);
  if (keys.length !== keysOf(theirs).length) return false;
  return keys.every(
    (key) =>
      theirs[key] !== undefined &&
      Object.hasOwn(theirs, key) &&
      canonicallyEqual(ours[key], theirs[key]),
  );
}

/** SHA-256 (hex) of the canonical JSON of a document. */
export function contentHash(document: unknown): string {
  return createHash("sha256").update(canonicalJson(document)).digest("hex");
}

/**
 * A version's hash: the document and, for email, the subject and preheader —
 * everything the customer receives — and the brief it was written toward.
 * Empty fields hash the same as absent ones. The document is hashed as it
 * stands: pending suggestions (stored with the version) are outside the
 * hash, so a suggestion cannot move an approval, and accepting one does.
 */
export function versionHash(content: {
  json: unknown;
  subject?: string;
  preheader?: string;
  /** The brief in force (its content), when there is one. */
  brief?: unknown;
}) {
  return contentHash({
    // Email's schema holds every channel's nodes and marks.
    document: acceptedJson(messageSchema("EMAIL"), content.json),
    subject: content.subject ?? "",
    preheader: content.preheader ?? "",
    ...(content.brief ? { brief: content.brief } : {}),
  });
}
