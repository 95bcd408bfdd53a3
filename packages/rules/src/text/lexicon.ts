import { daleChall } from "dale-chall";

/** The New Dale–Chall (1995) familiar words, for Dale–Chall and for "difficult word" counts. */
export const familiarWords: ReadonlySet<string> = new Set(daleChall);

/** A word is familiar if it, or its obvious base form, is on the list. */
export function isFamiliar(lower: string): boolean {
  if (familiarWords.has(lower)) return true;
  const base = lower.replace(/[’']s$/, "");
  if (base !== lower && familiarWords.has(base)) return true;
  if (lower.endsWith("s") && familiarWords.has(lower.slice(0, -1))) return true;
  if (lower.endsWith("es") && familiarWords.has(lower.slice(0, -2))) return true;
  if (
    lower.endsWith("ed") &&
    (familiarWords.has(lower.slice(0, -2)) || familiarWords.has(lower.slice(0, -1)))
  )
    return true;
  if (
    lower.endsWith("ing") &&
    (familiarWords.has(lower.slice(0, -3)) || familiarWords.has(`${lower.slice(0, -3)}e`))
  )
    return true;
  return false;
}
