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
