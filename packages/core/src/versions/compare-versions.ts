import { diffWords } from "diff";
import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import type { compareVersionsSchema } from "../schemas";
import { acceptedSuggestions } from "../suggestions/accepted-suggestions";
import { loadVersion } from "./versions";

// Unicode word boundaries keep amounts (177.17) and dates (3/1) whole, so a
// changed amount shows as one replaced number rather than three fragments.
const wordSegmenter = new Intl.Segmenter("en", { granularity: "word" });

/** One stretch of a word-level diff. */
export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** What a reader compares: the subject and preheader lines (when set), then the text. */
function readable(version: { text: string; subject: string; preheader: string }) {
  const head = [
    version.subject ? `Subject: ${version.subject}` : "",
    version.preheader ? `Preheader: ${version.preheader}` : "",
  ].filter(Boolean);
  return head.length ? `${head.join("\n")}\n\n${version.text}` : version.text;
}

/**
 * A word-level diff of two versions of one communication (subject, preheader
 * and text), with the suggestions accepted between them (whoever of the two
 * is older first): who proposed each and who accepted it.
 */
export async function compareVersions(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof compareVersionsSchema>,
) {
  const [from, to] = await Promise.all([
    loadVersion(ctx, communication, input.fromVersionId),
    loadVersion(ctx, communication, input.toVersionId),
  ]);
  const parts: DiffPart[] = diffWords(readable(from), readable(to), {
    intlSegmenter: wordSegmenter,
  }).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
  const [older, newer] = from.createdAt <= to.createdAt ? [from, to] : [to, from];
  const accepted = await acceptedSuggestions(ctx.db, communication.id, {
    after: older.createdAt,
    until: newer.createdAt,
  });
  const { json: _a, text: _b, subject: _c, preheader: _d, ...fromSummary } = from;
  const { json: _e, text: _f, subject: _g, preheader: _h, ...toSummary } = to;
  return {
    from: fromSummary,
    to: toSummary,
    parts,
    added: parts.filter((p) => p.kind === "added").length,
    removed: parts.filter((p) => p.kind === "removed").length,
    acceptedSuggestions: accepted,
  };
}
