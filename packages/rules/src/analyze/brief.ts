import type { Brief } from "../config";
import { findAmounts, findDates, sameDate } from "../text/facts";
import { segment } from "../text/segment";
import type { BlockAnalysis, DocumentSentence } from "./block";
import type { FactCheck, QuestionCheck } from "./types";

const STOPWORDS = new Set(
  "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those i you your we our us they them their he she his her my me what when where which who whom whose why how do does did can could will would should shall may might must have has had not no so than then there here about into over under again more most some any all each other such only own same too very just also".split(
    " ",
  ),
);

/** Words that describe the reader, not the message: "customer knows …". */
const OUTCOME_FRAMING = new Set(
  "customer customers knows know understands understand understood aware realises realizes feels feel able".split(
    " ",
  ),
);

/** The content stems of a brief's desired outcome. */
export function outcomeStems(outcome: string): string[] {
  return contentStems(
    outcome.replace(/\b\w+\b/g, (w) => (OUTCOME_FRAMING.has(w.toLowerCase()) ? "" : w)),
  );
}

/** A rough stem, enough to match "payment"/"payments", "arrive"/"arrived". */
export function stem(word: string): string {
  let w = word.replace(/’/g, "'").replace(/'s$/, "");
  for (const suffix of ["ing", "ed", "es", "s", "ly"]) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.replace(/e$/, "");
}

export function contentStems(text: string): string[] {
  return segment(text)
    .words.filter((w) => !w.numeric && !STOPWORDS.has(w.lower) && w.lower.length > 2)
    .map((w) => stem(w.lower));
}

const stemCache = new WeakMap<DocumentSentence, Set<string>>();

/** The sentence's word stems, computed on first use (only brief checks need them). */
export function stemsOf(sentence: DocumentSentence): Set<string> {
  let stems = stemCache.get(sentence);
  if (!stems) {
    stems = new Set(sentence.keys.slice(sentence.from, sentence.to).map(stem));
    stemCache.set(sentence, stems);
  }
  return stems;
}

/** Is a must-say fact in the text? Amounts and dates by value, words by stem. */
export function checkFact(
  fact: string,
  blocks: readonly BlockAnalysis[],
  starts: readonly number[],
  sentences: readonly DocumentSentence[],
): FactCheck {
  const amounts = findAmounts(fact);
  const dates = findDates(fact);
  let at: FactCheck["at"] = null;
  for (const amount of amounts) {
    const hit = blocks
      .flatMap((b, i) => b.amounts.map((a) => ({ ...a, offset: starts[i]! })))
      .find((a) => a.value === amount.value);
    if (!hit) return { fact, present: false, at: null };
    at ??= { start: hit.offset + hit.start, end: hit.offset + hit.end };
  }
  for (const date of dates) {
    const hit = blocks
      .flatMap((b, i) => b.dates.map((d) => ({ ...d, offset: starts[i]! })))
      .find((d) => sameDate(d, date));
    if (!hit) return { fact, present: false, at: null };
    at ??= { start: hit.offset + hit.start, end: hit.offset + hit.end };
  }
  // Words outside the amounts and dates: most must appear in one sentence.
  let rest = fact;
  for (const span of [...amounts, ...dates].sort((a, b) => b.start - a.start))
    rest = rest.slice(0, span.start) + rest.slice(span.end);
  const wanted = contentStems(rest);
  if (wanted.length === 0) return { fact, present: true, at };
  let best: DocumentSentence | null = null;
  let bestScore = 0;
  for (const sentence of sentences) {
    const score = wanted.filter((w) => stemsOf(sentence).has(w)).length / wanted.length;
    if (score > bestScore) {
      bestScore = score;
      best = sentence;
    }
  }
  const present = bestScore >= (wanted.length <= 2 ? 1 : 0.7);
  return {
    fact,
    present,
    at: present ? (at ?? (best ? { start: best.start, end: best.end } : null)) : null,
  };
}

const REASON_WORDS = ["because", "due", "so", "reason", "since", "cover", "why"];

/** Is a likely customer question answered? Keywords in one sentence, plus the kind of answer it needs. */
export function checkQuestion(
  question: string,
  sentences: readonly DocumentSentence[],
  fullText: string,
): QuestionCheck {
  const lower = question.toLowerCase();
  const wanted = contentStems(question);
  const needsDate = /\bwhen\b|\bwhat date\b|\bhow long\b/.test(lower);
  const needsAmount = /\bhow much\b|\bwhat (?:will|does|is) (?:it|the) cost\b|\bamount\b/.test(
    lower,
  );
  const needsReason = /\bwhy\b/.test(lower);
  let best: DocumentSentence | null = null;
  let bestScore = 0;
  for (const sentence of sentences) {
    const text = fullText.slice(sentence.start, sentence.end);
    if (
      needsDate &&
      !sentence.hasDate &&
      !/\b(?:today|tomorrow|days?|weeks?|hours?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|pm)\b/i.test(
        text,
      )
    )
      continue;
    if (needsAmount && !sentence.hasAmount) continue;
    if (
      needsReason &&
      !REASON_WORDS.some((w) => stemsOf(sentence).has(w) || text.toLowerCase().includes(`${w} `))
    )
      continue;
    const score =
      wanted.length === 0
        ? 1
        : wanted.filter((w) => stemsOf(sentence).has(w)).length / wanted.length;
    if (score > bestScore || best === null) {
      bestScore = score;
      best = sentence;
    }
  }
  // A "when"/"how much"/"why" question with one keyword is answered by any
  // sentence giving that kind of answer.
  const typed = needsDate || needsAmount || needsReason;
  const answered = best !== null && (bestScore >= 0.5 || (typed && wanted.length <= 1));
  return { question, answered, at: answered && best ? { start: best.start, end: best.end } : null };
}

export function outcomeNeedsNoAction(brief: Brief): boolean {
  const text = `${brief.desiredOutcome ?? ""} ${brief.action ?? ""}`.toLowerCase();
  return /\bno (?:action|need)|nothing to do|doesn't need to|does not need to|don't need to|no further action/.test(
    text,
  );
}
