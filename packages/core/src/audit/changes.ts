import { canonicalJson } from "../versions/canonical";
import type { Changes } from "./events";

/**
 * The fields whose value differs between before and after, each from → to.
 * Compared as canonical JSON, so a list or an object with the same content
 * is no change, and the entry records exactly what a reader would call a change.
 */
export function changesBetween<T extends object>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T)[],
): Changes<T> {
  const changes: Changes<T> = {};
  for (const field of fields) {
    if (!(field in after) || after[field] === undefined) continue;
    const from = before[field];
    const to = after[field] as T[typeof field];
    if (canonicalJson(from) !== canonicalJson(to)) changes[field] = { from, to };
  }
  return changes;
}

export const hasChanges = (changes: object) => Object.keys(changes).length > 0;
