"use client";
import { analyzerOptions, messageFields } from "@conductor/core/scoring";
import { acceptedPlainText, type Channel, type PlainText } from "@conductor/editor";
import {
  type AnalysisResult,
  createAnalyzer,
  defaultThresholds,
  type Finding,
} from "@conductor/rules";
import { useQuery } from "@tanstack/react-query";
import type { JSONContent } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import type { Editor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { clarityDecorations, clarityKey, findingKey } from "~/components/editor/editor-extensions";
import { useTRPC } from "~/trpc/react";
import { recordAnalysis, recordKeystroke } from "./clarity-timings";

/** The editor's text scored once: what the panels beside it read. */
export interface LiveAnalysis {
  result: AnalysisResult;
  plain: PlainText;
  content: JSONContent;
  doc: ProseMirrorNode;
  /** Comment threads whose marks are still in the text. */
  threads: Set<string>;
}

function threadIdsIn(doc: ProseMirrorNode) {
  const ids = new Set<string>();
  doc.descendants((node) => {
    for (const mark of node.marks ?? [])
      if (mark.type.name === "comment" && mark.attrs.threadId) ids.add(mark.attrs.threadId);
  });
  return ids;
}

/**
 * Live clarity: after every change (local or remote), at most once per
 * frame, the text is scored with the incremental analyzer (the brief in
 * force and the persona's grade included) and the findings are drawn as
 * decorations. `highlight` marks one finding and selects its text.
 */
export function useLiveClarity(input: {
  communicationId: string;
  /** Whose review gate the score is capped against, as submission caps it. */
  organizationId: string;
  channel: Channel;
  /** The mounted editor, or null while there is none. */
  editor: Editor | null;
  /** Before the first sync the editor is empty: scoring it would flash a wrong panel. */
  synced: boolean;
  subject: string;
  preheader: string;
}) {
  const { communicationId, channel, editor, synced, subject, preheader } = input;
  const trpc = useTRPC();
  const briefQuery = useQuery(trpc.briefs.current.queryOptions({ communicationId }));
  const brief = briefQuery.data?.revision ? briefQuery.data.brief : null;
  const personaGrade = briefQuery.data?.persona?.readingGrade ?? null;
  const settings = useQuery(
    trpc.reviewSettings.get.queryOptions({ organizationId: input.organizationId }),
  );
  const minimumScore = settings.data?.minimumScore ?? defaultThresholds.minimumScore;
  // The organisation's rule set in force, as submission reads it. Until it has
  // loaded nothing is scored: a score under the defaults would flash, then move.
  const ruleSetQuery = useQuery(
    trpc.ruleSets.current.queryOptions({ organizationId: input.organizationId }),
  );
  const ruleSetLoaded = ruleSetQuery.isSuccess;
  const ruleSet = ruleSetQuery.data?.ruleSet ?? null;
  // The same options submission freezes the score with (core's scoring path).
  // The subject and preheader go with each call instead, so typing in them
  // keeps the analyzer and every paragraph's analysis.
  const options = useMemo(
    () => analyzerOptions({ channel, brief, personaGrade, minimumScore, ruleSet }),
    [channel, brief, personaGrade, minimumScore, ruleSet],
  );
  const analyzer = useMemo(() => createAnalyzer(options), [options]);
  const fields = useMemo(
    () => messageFields({ channel, subject, preheader }),
    [channel, subject, preheader],
  );
  const [analysis, setAnalysis] = useState<LiveAnalysis | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activeKeyRef = useRef(activeKey);
  activeKeyRef.current = activeKey;

  useEffect(() => {
    if (!editor || !synced || !ruleSetLoaded) return;
    let frame = 0;
    const run = () => {
      frame = 0;
      if (editor.isDestroyed) return;
      const started = performance.now();
      const doc = editor.state.doc;
      // The text as it stands (pending suggestions out), drawn on the live words.
      const plain = acceptedPlainText(doc, { mergeFields: "sample" });
      const result = analyzer.analyze({ blocks: plain.blocks }, fields);
      const decorations = clarityDecorations(doc, plain, result.findings, activeKeyRef.current);
      editor.view.dispatch(
        editor.state.tr.setMeta(clarityKey, decorations).setMeta("addToHistory", false),
      );
      recordAnalysis(started, performance.now());
      setAnalysis({ result, plain, content: doc.toJSON(), doc, threads: threadIdsIn(doc) });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(run);
    };
    schedule();
    editor.on("update", schedule);
    // Kept: a destroyed editor has no view to ask in the clean-up.
    const dom = editor.view.dom;
    dom.addEventListener("keydown", recordKeystroke);
    return () => {
      dom.removeEventListener("keydown", recordKeystroke);
      editor.off("update", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, analyzer, fields, synced, ruleSetLoaded]);

  const highlight = (finding: Finding) => {
    if (!editor || !analysis) return;
    const key = findingKey(finding);
    setActiveKey(key);
    const from = analysis.plain.toDocPos(finding.start);
    const to = analysis.plain.toDocPos(finding.end, "end");
    editor.chain().focus().setTextSelection({ from, to }).scrollIntoView().run();
    editor.view.dispatch(
      editor.state.tr.setMeta(
        clarityKey,
        clarityDecorations(editor.state.doc, analysis.plain, analysis.result.findings, key),
      ),
    );
  };

  // The options and fields too: "what accepting would change" scores other
  // versions of the text with an analyzer of its own, on the same footing.
  return { analysis, activeKey, highlight, options, fields };
}
