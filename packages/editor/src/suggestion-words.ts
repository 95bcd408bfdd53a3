import { mergeFieldCatalogue } from "./merge-field";
import type { FormatSummary } from "./suggestion-marks";

/** What a suggestion proposes, as the words that name it: its text added and removed, or its formatting. */
export interface ProposedChange {
  inserted: string;
  deleted: string;
  format?: FormatSummary;
}

const FIELD = /\{\{([a-z0-9_]+)\}\}/gi;
const HAS_FIELD = /\{\{[a-z0-9_]+\}\}/i;

/** A merge field as a sentence names it: {{due_date}} → {due date}. */
const fieldWords = (key: string) =>
  `{${(mergeFieldCatalogue[key as keyof typeof mergeFieldCatalogue]?.label ?? key.replaceAll("_", " ")).toLowerCase()}}`;

/** Text with its merge fields by name: "by {{due_date}}" → "by {due date}". */
export function withFieldNames(text: string): string {
  return text.replace(FIELD, (_, key: string) => fieldWords(key));
}

/** Text in quotes, merge fields by name; a field on its own needs no quotes. */
function quoted(text: string, limit: number): string {
  const readable = withFieldNames(text);
  if (text.replace(FIELD, "").trim() === "" && HAS_FIELD.test(text)) return readable.trim();
  return `‘${readable.length > limit ? `${readable.slice(0, limit - 1)}…` : readable}’`;
}

const formatWords: Record<string, string> = { bold: "bold", italic: "italic" };

const listed = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The verbs of a format change: as proposed (a card) or as done (an accepted change). */
const verbs = {
  proposed: { make: "making", link: "linking", unlink: "removing the link from" },
  done: { make: "made", link: "linked", unlink: "removed the link from" },
} as const;

function formattingWords(format: FormatSummary, limit: number, tense: keyof typeof verbs): string {
  const verb = verbs[tense];
  const text = quoted(format.text, limit);
  const parts: string[] = [];
  const made = format.add.filter((k) => k !== "link").map((k) => formatWords[k] ?? k);
  const unmade = format.remove.filter((k) => k !== "link").map((k) => formatWords[k] ?? k);
  if (made.length) parts.push(`${verb.make} ${text} ${listed(made)}`);
  if (unmade.length)
    parts.push(`${made.length ? "and not" : `${verb.make} ${text} not`} ${listed(unmade)}`);
  const href = format.href ?? "an address";
  if (format.add.includes("link"))
    parts.push(parts.length ? `and ${verb.link} it to ${href}` : `${verb.link} ${text} to ${href}`);
  else if (format.remove.includes("link"))
    parts.push(parts.length ? `and ${verb.unlink} it` : `${verb.unlink} ${text}`);
  return parts.join(" ");
}

/**
 * "replacing ‘remit’ with ‘pay’", "inserting {due date}", "making ‘pay by
 * 3 May’ bold": what a suggestion proposes, for its margin card and the
 * notification of its rejection; "made ‘pay by 3 May’ bold" (done) for
 * formatting the diff and the certificate list. Quoted text is cut at
 * `limit` characters.
 */
export function describeProposedChange(
  change: ProposedChange,
  limit = 80,
  tense: "proposed" | "done" = "proposed",
): string {
  if (change.format) return formattingWords(change.format, limit, tense);
  const { inserted, deleted } = change;
  if (inserted && deleted)
    return `replacing ${quoted(deleted, limit)} with ${quoted(inserted, limit)}`;
  const fieldOnly = (text: string) => !quoted(text, limit).startsWith("‘");
  if (inserted) return `${fieldOnly(inserted) ? "inserting" : "adding"} ${quoted(inserted, limit)}`;
  return `removing ${quoted(deleted, limit)}`;
}
