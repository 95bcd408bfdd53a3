import federal from "../../data/vendor/federal-simple-words.json" with { type: "json" };
import participleData from "../../data/vendor/irregular-participles.json" with { type: "json" };
import simplify from "../../data/vendor/retext-simplify-patterns.json" with { type: "json" };
import type { Channel, RuleSet } from "../config";
import * as phraseData from "../data/phrases";
import {
  hiddenVerbLeads,
  hiddenVerbNouns,
  hiddenVerbPhrases,
  legalese,
  plainWords,
  tonePhrases,
} from "../data/phrases";
import { PhraseTrie } from "./phrase-trie";
import { type RuleDefinition, ruleDefinitions, type Severity } from "./registry";
import { defaultThresholds as d, sentenceWordsByChannel } from "./thresholds";

export interface Thresholds {
  maxSentenceWords: number;
  targetGrade: number;
  maxParagraphSentences: number;
  maxParagraphWords: number;
  maxSmsSegments: number;
  maxSubjectCharacters: number;
}

/** A rule set turned into what the analyser runs: built once per rule set and reused. */
export interface CompiledRules {
  ruleSet: RuleSet;
  trie: PhraseTrie;
  participles: ReadonlySet<string>;
  enabled(ruleId: string): boolean;
  severity(ruleId: string): Severity;
  thresholds(channel: Channel | undefined): Thresholds;
  /** Stable text of everything that decides a result, hashed into rulesVersion. */
  fingerprint: string;
}

function addStaticPhrases(trie: PhraseTrie) {
  for (const [phrase, replacements] of Object.entries(legalese)) {
    trie.add({ kind: "finding", id: "plain.legalese", phrase, replacements });
  }
  for (const [phrase, verb] of Object.entries(hiddenVerbPhrases)) {
    trie.add({ kind: "finding", id: "plain.hidden-verb", phrase, replacements: [verb] });
  }
  for (const lead of hiddenVerbLeads) {
    for (const article of ["", "a", "an", "the", "your", "our"]) {
      for (const [noun, verb] of Object.entries(hiddenVerbNouns)) {
        const phrase = [lead, article, noun].filter(Boolean).join(" ");
        trie.add({ kind: "finding", id: "plain.hidden-verb", phrase, replacements: [verb] });
      }
    }
  }
  for (const [phrase, replacements] of Object.entries(plainWords))
    trie.add({ kind: "finding", id: "plain.complex-word", phrase, replacements });
  for (const row of federal.entries) {
    // Rows like "a and/or b" use letters as placeholders; they are not phrases.
    if (row.instead.split(/[\s/]+/).some((token) => token.length === 1 && token !== "a")) continue;
    const multiWord = row.instead.trim().includes(" ");
    trie.add({
      kind: "finding",
      id: multiWord ? "plain.wordy" : "plain.complex-word",
      phrase: row.instead,
      replacements: row.use,
    });
  }
  for (const [phrase, pattern] of Object.entries(
    simplify.patterns as Record<string, { replace: string[]; omit?: boolean }>,
  )) {
    // Only multi-word phrases: single words in that list ("provide", "however") are too often right.
    if (!phrase.includes(" ") || pattern.omit) continue;
    trie.add({ kind: "finding", id: "plain.wordy", phrase, replacements: pattern.replace });
  }
  for (const phrase of tonePhrases.blame)
    trie.add({ kind: "finding", id: "tone.blame", phrase, replacements: [] });
  for (const phrase of tonePhrases.robotic)
    trie.add({ kind: "finding", id: "tone.robotic", phrase, replacements: [] });
  for (const phrase of tonePhrases.noReply)
    trie.add({ kind: "finding", id: "tone.no-reply", phrase, replacements: [] });
  for (const signal of [
    "appreciation",
    "invitation",
    "nextStep",
    "ownership",
    "badNews",
    "dataRequest",
    "reason",
    "noAction",
    "security",
    "alarm",
    "customerAct",
    "surveillance",
    "consequence",
    "urgent",
  ] as const) {
    for (const phrase of tonePhrases[signal])
      trie.add({ kind: "signal", id: signal, phrase, replacements: [] });
  }
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * Bump when rule logic changes (word lists and settings are hashed anyway),
 * so a stored score always says exactly what produced it.
 */
export const ENGINE_VERSION = "r6";

const compiledCache = new Map<string, CompiledRules>();

export function compileRules(ruleSet: RuleSet): CompiledRules {
  const key = JSON.stringify(ruleSet);
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const trie = new PhraseTrie();
  // Organisation phrases first, so they win over the built-in lists.
  for (const banned of ruleSet.bannedPhrases ?? []) {
    trie.add({
      kind: "finding",
      id: "plain.banned-phrase",
      phrase: banned.phrase,
      replacements: banned.replacement ? [banned.replacement] : [],
      message: banned.reason,
    });
  }
  for (const term of ruleSet.terms ?? []) {
    for (const avoid of term.insteadOf)
      trie.add({ kind: "finding", id: "plain.term", phrase: avoid, replacements: [term.use] });
  }
  addStaticPhrases(trie);
  const definitions = new Map<string, RuleDefinition>(ruleDefinitions.map((r) => [r.id, r]));
  const overrides = ruleSet.rules ?? {};
  const t = ruleSet.thresholds ?? {};
  const compiled: CompiledRules = {
    ruleSet,
    trie,
    participles: new Set(participleData.participles),
    enabled: (id) => overrides[id]?.enabled ?? true,
    severity: (id) => overrides[id]?.severity ?? definitions.get(id)?.severity ?? "warning",
    thresholds: (channel) => ({
      maxSentenceWords:
        t.maxSentenceWords ?? (channel ? sentenceWordsByChannel[channel] : d.maxSentenceWords),
      targetGrade: t.targetGrade ?? d.targetGrade,
      maxParagraphSentences: t.maxParagraphSentences ?? d.maxParagraphSentences,
      maxParagraphWords: t.maxParagraphWords ?? d.maxParagraphWords,
      maxSmsSegments: t.maxSmsSegments ?? d.maxSmsSegments,
      maxSubjectCharacters: t.maxSubjectCharacters ?? d.maxSubjectCharacters,
    }),
    fingerprint: "",
  };
  compiled.fingerprint = `${ENGINE_VERSION}-${fnv1a(
    JSON.stringify(
      [
        ruleDefinitions,
        phraseData,
        federal.entries,
        simplify.patterns,
        participleData.participles,
        ruleSet,
      ],
      (_key, value) => (value instanceof Set ? [...value] : value),
    ),
  )}`;
  if (compiledCache.size > 32) compiledCache.clear();
  compiledCache.set(key, compiled);
  return compiled;
}
