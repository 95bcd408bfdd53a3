// Issue 16's figures: a 2,000-word message with 200 pending suggestions.
// Each figure is printed beside an anchor measured in the same run on the
// same text, and their ratio. The analysis and accept-all figures run in
// process; propagation runs two editors against the collab server in its
// own process (as `npm start` runs it, see collab.ts), with a review open
// so every update of the suggesting editor goes through the suggestion guard.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { issueCollabToken, loadActor, postReviewChange } from "@conductor/core";
import {
  acceptedPlainText,
  decidedDocument,
  documentFromPlainText,
  formatSuggestedDocument,
  messageSchema,
  pendingSuggestions,
  type SuggestionAuthor,
  suggestedDocument,
  suggestionsMatching,
  suggestReplace,
  toPlainText,
} from "@conductor/editor";
import { createAnalyzer } from "@conductor/rules";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { updateYFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import * as Y from "yjs";
import { root } from "./app";
import {
  type Editor,
  type Fixture,
  openEditor,
  redisUrl,
  SECONDS,
  SECRET,
  sleep,
  startFixture,
} from "./collab";
import { percentile } from "./load";

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

const schema = messageSchema("EMAIL");

/**
 * 200 suggestions spread through `plainDoc`'s text: every tenth word or so
 * replaced, alternating between two reviewers.
 */
function withPendingSuggestions(
  plainDoc: ProseMirrorNode,
  authors: [SuggestionAuthor, SuggestionAuthor] = [
    { id: "legal", function: "LEGAL" },
    { id: "compliance", function: "COMPLIANCE" },
  ],
) {
  const plain = toPlainText(plainDoc);
  const words = [...plain.text.matchAll(/\p{L}{4,}/gu)];
  const step = Math.floor(words.length / 200);
  let doc = plainDoc;
  for (let i = 199; i >= 0; i--) {
    const word = words[i * step]!;
    const from = plain.toDocPos(word.index!);
    const to = plain.toDocPos(word.index! + word[0].length, "end");
    doc = suggestedDocument(doc, from, to, `${word[0]}ly`, {
      author: authors[i % 2]!,
      id: `s${i}`,
    });
  }
  return { doc, plain, words, step };
}

export async function suggestionsBench() {
  const plainDoc = documentFromPlainText(schema, prose(2000));
  const { doc, plain, words, step } = withPendingSuggestions(plainDoc);
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

  await propagationWithSuggestions();
}

const FIELD = "default";
const docOf = (editor: Editor) =>
  yXmlFragmentToProsemirror(schema, editor.doc.getXmlFragment(FIELD));

/**
 * One keystroke, with the send time stamped beside it in the same
 * transaction. The owner types at the end of the first paragraph; the
 * other person at the end of the last, as a suggested insertion when
 * `suggesting`: the first keystroke through ProseMirror as the editor makes
 * it, the next ones extending it with the same marks, as y-prosemirror
 * sends a keystroke inside a marked run. Cheap on the bench's side, so the
 * figure is the server's: both editors share this one process.
 */
function keystroke(
  editor: Editor,
  who: { index: number; first: boolean; suggesting: SuggestionAuthor | null },
  seq: number,
) {
  const char = seq % 6 === 5 ? " " : "a";
  const stamp = () =>
    editor.doc.getMap("bench-sent").set(String(who.index), [seq, performance.now()]);
  if (who.suggesting && seq === 0) {
    const doc = docOf(editor);
    const tr = new Transform(doc);
    const at = doc.content.size - 1;
    suggestReplace(tr, at, at, char, { author: who.suggesting });
    editor.doc.transact(() => {
      updateYFragment(editor.doc, editor.doc.getXmlFragment(FIELD), tr.doc, {
        mapping: new Map(),
        isOMark: new Map(),
      });
      stamp();
    });
    return;
  }
  const blocks = editor.doc.getXmlFragment(FIELD).toArray();
  const block = (who.first ? blocks[0] : blocks.at(-1)) as Y.XmlElement;
  const text = block.toArray().findLast((node) => node instanceof Y.XmlText) as Y.XmlText;
  editor.doc.transact(() => {
    // Explicit attributes: none for direct typing (never inheriting a
    // neighbour's suggestion mark), the run's own for a suggestion.
    const attributes = who.suggesting
      ? ((text.toDelta().at(-1) as { attributes?: Record<string, unknown> } | undefined)
          ?.attributes ?? {})
      : {};
    text.insert(text.length, char, attributes);
    stamp();
  });
}

async function tokenFor(f: Fixture, communicationId: string, userId: string) {
  const actor = await loadActor(f.db.prisma, userId);
  return (await issueCollabToken({ db: f.db.prisma, actor }, communicationId, SECRET)).token;
}

/** Until every editor's updates are answered (the server has them logged). */
async function settled(editors: Editor[]) {
  while (editors.some((e) => e.provider.hasUnsyncedChanges)) await sleep(20);
}

/** Two editors typing 5 keystrokes/s each: latency of every delivery to the other. */
async function typeInPair(
  editors: [Editor, Editor],
  people: [Parameters<typeof keystroke>[1], Parameters<typeof keystroke>[1]],
) {
  const latencies: number[] = [];
  editors.forEach((editor, index) => {
    editor.doc.getMap("bench-sent").observe((event) => {
      const now = performance.now();
      if (event.transaction.local) return;
      for (const key of event.keysChanged) {
        if (key === String(index)) continue;
        const [, sentAt] = editor.doc.getMap("bench-sent").get(key) as [number, number];
        latencies.push(now - sentAt);
      }
    });
  });
  const started = performance.now();
  await Promise.all(
    editors.map(async (editor, index) => {
      await sleep(Math.random() * 200);
      for (let seq = 0; performance.now() - started < SECONDS * 1000; seq++) {
        keystroke(editor, people[index]!, seq);
        await sleep(200);
      }
    }),
  );
  await sleep(1000);
  latencies.sort((a, b) => a - b);
  const errors = editors.flatMap((e) => e.errors);
  const converged = docOf(editors[0]).eq(docOf(editors[1]));
  return {
    deliveries: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    converged,
    errors,
  };
}

/**
 * Propagation p95 between two editors in the 2,000-word message: the owner
 * and legal both typing directly (no suggestions, no review), beside the
 * same message holding 200 pending suggestions with a review open, legal
 * suggesting — each of legal's updates checked by the suggestion guard.
 */
async function propagationWithSuggestions() {
  const loadBefore = loadavg()[0]!.toFixed(1);
  const f = await startFixture(await redisUrl());
  const close = (editors: Editor[]) => {
    for (const e of editors) {
      e.provider.destroy();
      e.socket.destroy();
    }
  };
  try {
    const { organizationId, userIds } = f.demo;
    const body = prose(2000);
    const create = (title: string) =>
      f.db.prisma.communication.create({
        data: {
          organizationId,
          ownerId: userIds.commsManager,
          title,
          channel: "EMAIL",
          audienceDescription: "Bench",
          body,
        },
      });
    const plainMessage = await create("Propagation without suggestions");
    const suggested = await create("Propagation with suggestions");
    const legal = { id: userIds.legal, function: "LEGAL" };

    // The 200 suggestions go in through the owner's editor before the review opens.
    const seeding = openEditor(
      f.port,
      suggested.id,
      await tokenFor(f, suggested.id, userIds.commsManager),
    );
    await seeding.synced;
    const { doc } = withPendingSuggestions(docOf(seeding), [
      legal,
      { id: userIds.compliance, function: "COMPLIANCE" },
    ]);
    updateYFragment(seeding.doc, seeding.doc.getXmlFragment(FIELD), doc, {
      mapping: new Map(),
      isOMark: new Map(),
    });
    await settled([seeding]);
    const pending = pendingSuggestions(docOf(seeding)).length;
    // What a submission leaves, then the web app's signal.
    const version = await f.db.prisma.communicationVersion.create({
      data: {
        communicationId: suggested.id,
        number: 1,
        name: "Submitted",
        kind: "AUTOMATIC",
        authorId: userIds.commsManager,
        json: { type: "doc", content: [] },
        text: body,
        contentHash: "0".repeat(64),
      },
    });
    await f.db.prisma.review.create({
      data: {
        organizationId,
        communicationId: suggested.id,
        stages: [
          { name: "Legal", functions: ["LEGAL"], quorum: { kind: "any" }, dueBusinessDays: 2 },
        ],
        versionId: version.id,
        versionHash: version.contentHash,
        rulesVersion: "bench",
        score: 80,
        analysis: { score: 80, findings: [] },
        submittedById: userIds.commsManager,
      },
    });
    await postReviewChange(
      `http://127.0.0.1:${f.port}`,
      { organizationId, communicationId: suggested.id },
      SECRET,
    );
    close([seeding]);

    const pair = async (communicationId: string, suggesting: boolean) => {
      const editors: [Editor, Editor] = [
        openEditor(
          f.port,
          communicationId,
          await tokenFor(f, communicationId, userIds.commsManager),
        ),
        openEditor(f.port, communicationId, await tokenFor(f, communicationId, userIds.legal)),
      ];
      await Promise.all(editors.map((e) => e.synced));
      const result = await typeInPair(editors, [
        { index: 0, first: true, suggesting: null },
        { index: 1, first: false, suggesting: suggesting ? legal : null },
      ]);
      const left = pendingSuggestions(docOf(editors[0])).length;
      close(editors);
      return { ...result, pending: left };
    };
    // Without, with, without: a change in the machine's load during the run shows.
    const before = await pair(plainMessage.id, false);
    const withSuggestions = await pair(suggested.id, true);
    const after = await pair(plainMessage.id, false);
    const anchor = (before.p95 + after.p95) / 2;
    const line = (name: string, r: typeof before) =>
      `  ${name.padEnd(52)} deliveries ${String(r.deliveries).padStart(4)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms; pending ${r.pending}; converged ${r.converged ? "yes" : "NO"}; errors ${r.errors.length}${r.errors.length ? ` (${[...new Set(r.errors)].slice(0, 3).join("; ")})` : ""}`;
    console.log(
      `propagation between two editors, 2,000 words, 5 keystrokes/s each, ${SECONDS} s per run (goal: with suggestions no worse than without)`,
    );
    console.log(line("without suggestions, both editing (before)", before));
    console.log(line(`${pending} pending, review open, legal suggesting`, withSuggestions));
    console.log(line("without suggestions, both editing (after)", after));
    console.log(
      `  p95 ratio ${(withSuggestions.p95 / anchor).toFixed(2)}× without (mean of before and after)   load ${loadBefore} → ${loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    await f.stop();
  }
}
