// Issue 16's figures, in process: a 2,000-word message with 200 pending
// suggestions. Each figure is printed beside an anchor measured in the same
// run on the same text, and their ratio.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  acceptedPlainText,
  decidedDocument,
  documentFromPlainText,
  formatSuggestedDocument,
  messageSchema,
  pendingSuggestions,
  suggestedDocument,
  suggestionsMatching,
  toPlainText,
} from "@conductor/editor";
import { createAnalyzer } from "@conductor/rules";
import { Transform } from "@tiptap/pm/transform";
import { root } from "./app";

const corpusDir = resolve(root, "..", "shared", "data", "readability", "onestopenglish", "Adv-Txt");

function prose(words: number): string {
  const kept: string[] = [];
  let count = 0;
  for (const file of readdirSync(corpusDir).sort()) {
    for (const line of readFileSync(join(corpusDir, file), "utf8").split(/\n+/)) {
      const paragraph = line.trim().replace(/\s+/g, " ");
      if (!paragraph) continue;
      kept.push(paragraph);
      count += paragraph.split(" ").length;
      if (count >= words) return kept.join("\n\n");
    }
  }
  return kept.join("\n\n");
}

function medianMs(run: () => void, { minRuns = 15, seconds = 1.5 } = {}): number {
  const warm = performance.now() + 300;
  do run();
  while (performance.now() < warm);
  const times: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  while (times.length < minRuns || performance.now() < deadline) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
    if (times.length > 2000) break;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

const row = (what: string, ours: number, anchorName: string, anchor: number) =>
  console.log(
    `${what}: ${ours.toFixed(2)} ms · ${anchorName}: ${anchor.toFixed(2)} ms · ratio ${(ours / anchor).toFixed(2)}×`,
  );

export async function suggestionsBench() {
  const schema = messageSchema("EMAIL");
  const plainDoc = documentFromPlainText(schema, prose(2000));
  const plain = toPlainText(plainDoc);
  // 200 suggestions spread through the text: every tenth word replaced,
  // alternating between two reviewers.
  const words = [...plain.text.matchAll(/\p{L}{4,}/gu)];
  const step = Math.floor(words.length / 200);
  let doc = plainDoc;
  for (let i = 199; i >= 0; i--) {
    const word = words[i * step]!;
    const from = plain.toDocPos(word.index!);
    const to = plain.toDocPos(word.index! + word[0].length, "end");
    doc = suggestedDocument(doc, from, to, `${word[0]}ly`, {
      author:
        i % 2 ? { id: "legal", function: "LEGAL" } : { id: "compliance", function: "COMPLIANCE" },
      id: `s${i}`,
    });
  }
  const count = pendingSuggestions(doc).length;
  console.log(`document: ${plain.text.split(/\s+/).length} words, ${count} pending suggestions`);

  // Keystroke → panel, the analysis work: the incremental analyzer after one
  // changed block, on the text as it stands (suggestions present) and on the
  // same text without any.
  const typeInto = (d: typeof doc, n: number) => {
    const tr = schema.node("doc", null, [
      schema.node("paragraph", null, [schema.text(`Typed ${n}.`)]),
    ]);
    return d.copy(d.content.replaceChild(0, tr.firstChild!));
  };
  let n = 0;
  const withAnalyzer = createAnalyzer({ channel: "EMAIL" });
  const withSuggestions = medianMs(() => {
    const text = acceptedPlainText(typeInto(doc, n++), { mergeFields: "sample" });
    withAnalyzer.analyze({ blocks: text.blocks });
  });
  const withoutAnalyzer = createAnalyzer({ channel: "EMAIL" });
  const without = medianMs(() => {
    const text = toPlainText(typeInto(plainDoc, n++), { mergeFields: "sample" });
    withoutAnalyzer.analyze({ blocks: text.blocks });
  });
  row(
    "keystroke analysis with 200 pending (goal ≤ 16 ms)",
    withSuggestions,
    "the same without suggestions",
    without,
  );

  // Accept-all of 200 as one transform, beside making the same 200
  // replacements as ordinary edits.
  const acceptAll = medianMs(() => decidedDocument(doc, suggestionsMatching.all(), "accept"));
  const accepted = decidedDocument(doc, suggestionsMatching.all(), "accept");
  const direct = medianMs(() => {
    const tr = new Transform(plainDoc);
    for (let i = 199; i >= 0; i--) {
      const word = words[i * step]!;
      const from = plain.toDocPos(word.index!);
      const to = plain.toDocPos(word.index! + word[0].length, "end");
      tr.replaceWith(from, to, schema.text(`${word[0]}ly`));
    }
  });
  // Both end in the same words.
  const directText = toPlainText(accepted).text;
  if (!directText.includes(`${words[0]![0]}ly`))
    throw new Error("accept-all did not take the suggestions");
  row("accept all 200 (goal < 100 ms)", acceptAll, "200 direct edits of a transform", direct);

  // Formatting and merge fields: 100 words made bold and 100 due dates
  // inserted as suggestions, accepted at once, beside making the same 200
  // changes directly. Both must end in the same document.
  const bold = schema.marks.bold!.create();
  const field = schema.nodes.mergeField!.create({
    key: "due_date",
    label: "Due date",
    sample: "18 May 2027",
  });
  let formatted = plainDoc;
  for (let i = 199; i >= 0; i--) {
    const word = words[i * step]!;
    const from = plain.toDocPos(word.index!);
    const to = plain.toDocPos(word.index! + word[0].length, "end");
    const options = {
      author:
        i % 2 ? { id: "legal", function: "LEGAL" } : { id: "compliance", function: "COMPLIANCE" },
      id: `f${i}`,
    };
    formatted =
      i % 2
        ? formatSuggestedDocument(formatted, from, to, { add: bold }, options)
        : suggestedDocument(formatted, to, to, field, options);
  }
  const directly = () => {
    const tr = new Transform(plainDoc);
    for (let i = 199; i >= 0; i--) {
      const word = words[i * step]!;
      const from = plain.toDocPos(word.index!);
      const to = plain.toDocPos(word.index! + word[0].length, "end");
      if (i % 2) tr.addMark(from, to, bold);
      else tr.insert(to, field);
    }
    return tr.doc;
  };
  if (!decidedDocument(formatted, suggestionsMatching.all(), "accept").eq(directly()))
    throw new Error("accepting the formatting and fields did not give the direct edits' document");
  console.log(`formatting and fields: ${pendingSuggestions(formatted).length} pending suggestions`);
  row(
    "accept all 200 formatting and merge-field suggestions (goal < 100 ms)",
    medianMs(() => decidedDocument(formatted, suggestionsMatching.all(), "accept")),
    "the same 200 changes made directly",
    medianMs(directly),
  );
}
