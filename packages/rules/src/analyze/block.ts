import {
  adjectivalParticiples,
  emptyParticiples,
  hiddenVerbDeterminers,
  hiddenVerbNouns,
  knownAcronyms,
  numberLabels,
  numberUnits,
} from "../data/phrases";
import { type Counts, countBlock, isGreeting, syllablesFor } from "../metrics/counts";
import type { CompiledRules, Thresholds } from "../rules/compile";
import type { PhraseEntry } from "../rules/phrase-trie";
import { phraseMessage } from "../rules/registry";
import { type FoundAmount, type FoundDate, findAmounts, findDates } from "../text/facts";
import { zipfFloor } from "../text/lexicon";
import { type FoundLink, findLinks } from "../text/links";
import { type Segmented, segment } from "../text/segment";
import { W, wordInfo } from "../text/word-info";
import { countContractions, countExclamations } from "./tone-levels";
import type { BlockKind } from "./types";

export type { BlockKind };

/** A finding with offsets relative to its block. */
export interface LocalFinding {
  ruleId: string;
  start: number;
  end: number;
  message: string;
  suggestions: string[];
}

export interface Signal {
  kind: string;
  start: number;
  end: number;
  sentence: number;
}

export interface DocumentSentence {
  start: number;
  end: number;
  /** The block's word keys; the sentence is keys[from, to). */
  keys: readonly string[];
  from: number;
  to: number;
  hasAmount: boolean;
  hasDate: boolean;
}

/** What the document-level rules need to know about one sentence. */
export interface SentenceFacts extends DocumentSentence {
  /** Talks about money owed or charged (fee, charge, balance, price rise…). */
  money: boolean;
  /** Names a fee, charge or increase explicitly. */
  charge: boolean;
  /** Sets a deadline (by/before a date, due on, within N days, expires). */
  deadline: boolean;
  nextPayment: boolean;
  /** Asks the customer to do something ("Please call…", "You need to…"). */
  callToAction: boolean;
  /** An amount the customer is asked to pay or is charged (not £0.00, not a payment received or refunded). */
  amountToExplain: boolean;
  /** Says what will happen and when: a future verb and a time or date ("will be off tonight from 11pm"). */
  futureWithTime: boolean;
}

export interface BlockAnalysis {
  text: string;
  kind: BlockKind;
  segmented: Segmented;
  keys: string[];
  counts: Counts;
  findings: LocalFinding[];
  signals: Signal[];
  acronymUses: { acronym: string; start: number; end: number }[];
  acronymsDefined: string[];
  you: number;
  we: number;
  /** For the tone levels: "we'll", "don't"… and "!". */
  contractions: number;
  exclamations: number;
  amounts: FoundAmount[];
  dates: FoundDate[];
  /** URLs, email addresses and phone numbers: ways to act or reach someone. */
  links: FoundLink[];
  callToActionSentences: number[];
  sentenceFacts: SentenceFacts[];
  /** "Reply STOP", "text YES": the customer can answer with a keyword. */
  replyKeyword: boolean;
  /** "Log in", "online", "click": an online action that needs a link. */
  onlineAction: { start: number; end: number } | null;
  /** The sentence with the highest Flesch–Kincaid grade, to anchor a grade finding. */
  hardest: { start: number; end: number; grade: number } | null;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const NEXT_DUES = new Set(["payment", "bill", "instalment", "installment", "direct", "statement"]);
const NEGATING = new Set([
  "no",
  "not",
  "won't",
  "without",
  "never",
  "free",
  "don't",
  "doesn't",
  "isn't",
]);
const TIME_OF_DAY = /^\d{1,2}(?:[:.]\d{2})?(?:am|pm)$/;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** ASCII letters just before `at` (at most 12, as a word either side of a slash). */
function lettersBefore(text: string, at: number): number {
  let k = at;
  while (k > 0 && at - k < 12 && isAsciiLetter(text.charCodeAt(k - 1))) k--;
  return at - k;
}

function lettersAfter(text: string, at: number): number {
  let k = at;
  while (k < text.length && k - at < 12 && isAsciiLetter(text.charCodeAt(k))) k++;
  return k - at;
}

/** A token with ":", ".", "www" or "@" (trailing punctuation aside) is a link, date or address. */
function looksLikeLink(text: string, start: number, end: number): boolean {
  while (end > start && ".,;!?)".includes(text[end - 1]!)) end--;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 58 || c === 46 || c === 64) return true;
    if (c === 119 && text.startsWith("www", k) && k + 3 <= end) return true;
  }
  return false;
}

/** The word lists' "(omit)": a note to the editor, never text to put in a message. */
const isOmitMarker = (r: string) => r.trim().startsWith("(");

/** Word i opens an "if"/"unless"/"in case" clause's subject. */
function inCondition(keys: readonly string[], i: number): boolean {
  const before = keys[i - 1];
  return (
    before === "if" ||
    before === "unless" ||
    before === "whether" ||
    (before === "case" && keys[i - 2] === "in")
  );
}

/** Word i is used as a verb: after a modal, "to" or a subject, or opening an instruction with an object. */
function verbContext(keys: readonly string[], sentenceStarts: Uint8Array, i: number): boolean {
  const opens = i === 0 || sentenceStarts[i] === 1;
  if (!opens && VERB_LEADS.has(keys[i - 1]!)) return true;
  return (opens || keys[i - 1] === "please") && OBJECT_LEADS.has(keys[i + 1] ?? "");
}

/** "There is no fee", "won't add any charges", "your standing charge stays the same". */
function negatedCharge(keys: readonly string[], w: number, from: number, to: number): boolean {
  for (let x = Math.max(from, w - 4); x < w; x++) if (NEGATING.has(keys[x]!)) return true;
  const next = keys[w + 1];
  return (
    w + 1 < to &&
    (next === "stays" || next === "stay" || (next === "is" && keys[w + 2] === "unchanged"))
  );
}

function suggestionText(replacements: string[]): string[] {
  return replacements.filter((r) => r.trim().length > 0 && !isOmitMarker(r));
}

/** Words the simple-word lists replace with a verb, which are often nouns or adverbs in messages. */
const verbOnly = new Set([
  "address",
  "forward",
  "request",
  "purchase",
  "attempt",
  "contact",
  "access",
  "benefit",
  "function",
  "process",
  "type",
  "transfer",
  "initial",
  "report",
]);
/** Words after which the next word is a verb: modals, "to", subjects, "please". */
const VERB_LEADS = new Set([
  "to",
  "will",
  "would",
  "can",
  "could",
  "should",
  "must",
  "may",
  "might",
  "please",
  "we",
  "you",
  "i",
  "they",
  "we'll",
  "you'll",
  "i'll",
  "they'll",
  "not",
  "don't",
  "didn't",
  "did",
  "and",
  "or",
]);
/** Words that open a verb's object: "forward the email", "address this". */
const OBJECT_LEADS = new Set([
  "the",
  "a",
  "an",
  "your",
  "our",
  "this",
  "that",
  "these",
  "those",
  "it",
  "them",
  "us",
  "me",
  "my",
  "any",
  "all",
  "each",
]);
/** Each hidden-verb noun, singular and plural, with the verb it hides. */
const nounVerb = new Map<string, string>();
for (const [noun, verb] of Object.entries(hiddenVerbNouns)) {
  if (noun.includes(" ")) continue;
  nounVerb.set(noun, verb);
  nounVerb.set(
    noun.endsWith("y")
      ? `${noun.slice(0, -1)}ies`
      : noun.endsWith("sis")
        ? `${noun.slice(0, -2)}es`
        : `${noun}s`,
    verb,
  );
}
/** Participles that read as states after "is" but as actions after "being". */
const DONE_TO = new Set(["closed", "booked", "set", "prepared", "used", "limited"]);
/**
 * The form of "be" at `i` ends an "until" clause ("until the account is
 * closed"): "until" marks the moment the state begins, so someone makes it so.
 * Only the subject (at most three words) may stand between: "open until 5pm
 * when the office is closed" is a state.
 */
function untilClause(keys: readonly string[], i: number): boolean {
  for (let x = i - 1; x >= Math.max(0, i - 4); x--) if (keys[x] === "until") return true;
  return false;
}
const NOTHING_NEEDED = new Set(["needed", "necessary", "required", "is", "needs"]);
const MAKE = new Set(["make", "makes", "made", "making"]);
/** What may stand between a hidden verb's noun and its empty participle: "can be", "has been". */
const PASSIVE_AUX = new Set([
  "can",
  "cannot",
  "could",
  "will",
  "would",
  "may",
  "might",
  "must",
  "should",
  "has",
  "have",
  "had",
  "not",
  "now",
  "already",
  "also",
]);

/** Words after which an all-caps word is a keyword to send, not an acronym: "Reply STOP". */
const KEYWORD_LEADS = new Set(["reply", "text", "send", "enter", "type", "say", "key", "or"]);

// Per-word working arrays, reused from block to block: a typed array of more
// than a few words is allocated outside the heap, which cost more per
// paragraph than the rules that read it. Only paragraph-sized ones are kept,
// so a pasted megabyte does not stay in memory after its analysis.
const KEEP_WORDS = 1 << 14;

interface WorkingArrays {
  size: number;
  nextNumber: Int32Array;
  lastCondition: Int32Array;
  sentenceOf: Int32Array;
  covered: Int32Array;
  syllables: Uint8Array;
  sentenceStarts: Uint8Array;
}
let kept: WorkingArrays | null = null;

function workingArrays(words: number): WorkingArrays {
  if (kept && words < kept.size) return kept;
  const size = Math.max(256, 2 ** Math.ceil(Math.log2(words + 1)));
  const arrays = {
    size,
    nextNumber: new Int32Array(size),
    lastCondition: new Int32Array(size),
    sentenceOf: new Int32Array(size),
    covered: new Int32Array(size),
    syllables: new Uint8Array(size),
    sentenceStarts: new Uint8Array(size),
  };
  if (size <= KEEP_WORDS) kept = arrays;
  return arrays;
}

/** Analyses one block with the compiled rules and the channel's thresholds. */
export function analyzeBlock(
  text: string,
  kind: BlockKind,
  rules: CompiledRules,
  limits: Thresholds,
): BlockAnalysis {
  const segmented = segment(text);
  const { words, sentences } = segmented;
  const infos = words.map((w) => wordInfo(w.lower));
  // Each holds words.length entries (nextNumber one more); beyond that, stale values.
  const working = workingArrays(words.length);
  const { nextNumber, lastCondition, sentenceOf, covered, sentenceStarts } = working;
  const syllables = syllablesFor(segmented, infos, working.syllables);
  const counts = countBlock(text, segmented, syllables, infos);
  // The next number at or after each word, so "a number later in the sentence"
  // ("by 3 June") is one lookup, not a scan per word (quadratic on "by by by …").
  nextNumber[words.length] = words.length;
  for (let x = words.length - 1; x >= 0; x--)
    nextNumber[x] = words[x]!.numeric ? x : nextNumber[x + 1]!;
  const hasNumberAfter = (w: number, to: number) => nextNumber[w + 1]! < to;
  // Last "if"/"unless" at or before each word, so "If it hasn't arrived by 19 March"
  // is a condition, not a deadline, in one lookup.
  for (let x = 0; x < words.length; x++) {
    const k = words[x]!.lower;
    lastCondition[x] = k === "if" || k === "unless" ? x : x > 0 ? lastCondition[x - 1]! : -1;
  }
  /** "You can/need to/should/must …" or "please" anywhere in the sentence. */
  const hasModalCallToAction = (from: number, to: number) => {
    for (let x = from; x < to; x++) {
      const key = keys[x];
      // "Please call us" asks for an action; "Please do not reply" does not.
      if (key === "please" && x + 1 < to && infos[x + 1]!.flags & W.cta) return true;
      if (key === "you") {
        const next = keys[x + 1];
        if (
          next === "can" ||
          next === "should" ||
          next === "must" ||
          (next === "need" && keys[x + 2] === "to")
        )
          return true;
      }
    }
    return false;
  };
  const keys = words.map((w) => w.lower);
  sentenceStarts.fill(0, 0, words.length);
  for (const s of sentences) if (s.from < words.length) sentenceStarts[s.from] = 1;
  const findings: LocalFinding[] = [];
  const signals: Signal[] = [];
  sentenceOf.fill(0, 0, words.length);
  for (const [index, s] of sentences.entries()) sentenceOf.fill(index, s.from, s.to);

  const add = (
    ruleId: string,
    start: number,
    end: number,
    message: string,
    suggestions: string[] = [],
  ) => {
    if (rules.enabled(ruleId)) findings.push({ ruleId, start, end, message, suggestions });
  };

  // Phrase lists: one walk of the trie from each word.
  covered.fill(-1, 0, words.length);
  // One callback for all words (not a closure per word): `at` is the word a match starts at.
  let at = 0;
  const onMatch = (entry: PhraseEntry, to: number) => {
    const i = at;
    const start = words[i]!.start;
    const end = words[to - 1]!.end;
    if (entry.kind === "signal") {
      signals.push({ kind: entry.id, start, end, sentence: sentenceOf[i]! });
      return;
    }
    const single = to - i === 1;
    // Report the longest phrase at a position, and nothing inside a phrase already
    // reported, except a formal word inside a template phrase: "Please ensure
    // sufficient funds" is a template, and "ensure" and "sufficient" have plain words.
    const insideTemplate =
      covered[i]! >= 0 &&
      single &&
      entry.id === "plain.complex-word" &&
      findings[covered[i]!]?.ruleId === "tone.robotic";
    // The organisation's word choice and the template voice are two findings.
    const covering = covered[i]! >= 0 ? findings[covered[i]!] : undefined;
    const besideOrgPhrase =
      entry.id.startsWith("tone.") &&
      (covering?.ruleId === "plain.banned-phrase" || covering?.ruleId === "plain.term") &&
      covering.start === start &&
      covering.end === end;
    if (covered[i]! >= 0 && !insideTemplate && !besideOrgPhrase) return;
    // "If you did not request this code…": a condition, not an accusation.
    if (entry.id === "tone.blame" && inCondition(keys, i)) return;
    // "No reply needed" says there is nothing to do, not that the door is shut.
    if (entry.id === "tone.no-reply" && NOTHING_NEEDED.has(keys[to] ?? "")) return;
    const omittable = entry.replacements.some(isOmitMarker);
    // A word from a list of verbs, used as a noun ("your email address", "going forward").
    if (single && verbOnly.has(keys[i]!) && !verbContext(keys, sentenceStarts, i)) return;
    // "Type your PIN" → "(omit)": a single word the list says to drop is too often needed.
    if (single && omittable && suggestionText(entry.replacements).length === 0) return;
    if (!insideTemplate && !besideOrgPhrase)
      for (let k = i; k < to; k++) covered[k] = findings.length;
    const actual = text.slice(start, end);
    const options = suggestionText(entry.replacements);
    const leaveOut = omittable && options.length === 0 ? ": it can usually be left out" : "";
    const message = entry.message ?? phraseMessage(entry.id, actual, options, leaveOut);
    add(entry.id, start, end, message, options);
  };
  for (let i = 0; i < words.length; i++) {
    at = i;
    rules.trie.matchAt(keys, i, onMatch, infos[i]);
  }

  // Hidden verbs the phrase list cannot spell out: a word between the determiner
  // and the noun ("make your loan payment", "make this request"), and the
  // passive that leaves only the noun ("a decision has been made").
  for (let i = 0; i < words.length; i++) {
    if (covered[i]! >= 0) continue;
    const key = keys[i]!;
    if (MAKE.has(key) && hiddenVerbDeterminers.has(keys[i + 1] ?? "")) {
      for (let k = i + 2; k <= i + 3 && k < words.length && sentenceOf[k] === sentenceOf[i]; k++) {
        const verb = nounVerb.get(keys[k]!);
        if (verb) {
          const actual = text.slice(words[i]!.start, words[k]!.end);
          add(
            "plain.hidden-verb",
            words[i]!.start,
            words[k]!.end,
            `"${actual}" hides the verb: use "${verb}"`,
            [verb],
          );
          break;
        }
        if (covered[k]! >= 0 || !/^[a-z]+$/.test(keys[k]!)) break;
      }
      continue;
    }
    const verb = nounVerb.get(key);
    if (!verb) continue;
    let j = i + 1;
    let be = false;
    while (
      j < words.length &&
      j <= i + 4 &&
      (PASSIVE_AUX.has(keys[j]!) || infos[j]!.flags & W.be)
    ) {
      if (infos[j]!.flags & W.be) be = true;
      j++;
    }
    if (
      be &&
      j < words.length &&
      sentenceOf[j] === sentenceOf[i] &&
      emptyParticiples.has(keys[j]!)
    ) {
      const actual = text.slice(words[i]!.start, words[j]!.end);
      add(
        "plain.hidden-verb",
        words[i]!.start,
        words[j]!.end,
        `"${actual}" hides the verb in a noun: say who will ${verb.split(" ")[0]}`,
        [],
      );
    }
  }

  for (let i = 0; i < words.length; i++) {
    const key = keys[i]!;
    const word = words[i]!;

    // Passive voice: a form of "be" (or "get"), up to two adverbs, then a participle.
    if (infos[i]!.flags & (W.be | W.get)) {
      let j = i + 1;
      while (
        j < words.length &&
        j <= i + 3 &&
        (keys[j]!.endsWith("ly") ||
          keys[j] === "not" ||
          keys[j] === "also" ||
          keys[j] === "already" ||
          keys[j] === "been" ||
          keys[j] === "being" ||
          keys[j] === "now" ||
          keys[j] === "then")
      )
        j++;
      const candidate = keys[j];
      // Inside a template phrase, a passive with a subject still hides who acts
      // ("No further correspondence will be entered into": entered by whom?); an
      // imperative "be" does not ("Please be advised" tells the reader to be).
      const inTemplate =
        covered[i]! >= 0 &&
        findings[covered[i]!]?.ruleId === "tone.robotic" &&
        covered[j] === covered[i] &&
        (key !== "be" || VERB_LEADS.has(keys[i - 1] ?? "")) &&
        keys[i - 1] !== "please";
      if (
        candidate !== undefined &&
        sentenceOf[j] === sentenceOf[i] &&
        (covered[i] === -1 || inTemplate) &&
        // Already reported inside a phrase ("please be advised"); a formal
        // participle ("has been dispatched") is both a word to change and a passive.
        (covered[j] === -1 ||
          inTemplate ||
          findings[covered[j]!]?.ruleId === "plain.complex-word") &&
        // "is closed" can be a state; "being closed" is always something someone
        // does, and so is "until the account is closed" (until someone closes it).
        (!adjectivalParticiples.has(candidate) ||
          (DONE_TO.has(candidate) && (keys[j - 1] === "being" || untilClause(keys, i)))) &&
        (rules.participles.has(candidate) ||
          (candidate.length > 4 && candidate.endsWith("ed") && !candidate.endsWith("eed")))
      ) {
        const byAgent = keys[j + 1] === "by";
        add(
          "plain.passive-voice",
          word.start,
          words[j]!.end,
          `Passive voice: "${text.slice(word.start, words[j]!.end)}" — say who ${byAgent ? "does it first" : "does it"}`,
          [],
        );
      }
    }

    if (key === "shall")
      add(
        "plain.shall",
        word.start,
        word.end,
        `"shall" is ambiguous: use "must" for a duty, "will" for what will happen`,
        ["must", "will"],
      );

    // Double negatives: two negations close together in one clause.
    if (infos[i]!.flags & W.negation) {
      for (let j = i + 1; j < Math.min(words.length, i + 4); j++) {
        if (
          sentenceOf[j] !== sentenceOf[i] ||
          text.slice(words[j - 1]!.end, words[j]!.start).includes(",")
        )
          break;
        const other = keys[j]!;
        if (infos[j]!.flags & W.negative || (other.startsWith("non-") && other.length > 5)) {
          if (key === "no" && other === "longer") break;
          add(
            "plain.double-negative",
            word.start,
            words[j]!.end,
            `Double negative: "${text.slice(word.start, words[j]!.end)}" — say it positively`,
          );
          break;
        }
      }
    }

    // Numbers with nothing saying what they count.
    if (
      word.numeric &&
      !text.slice(word.end, word.end + 1).match(/[/%:-]/) &&
      !text.slice(Math.max(0, word.start - 1), word.start).match(/[$£€¥/:#-]/)
    ) {
      const prev = keys[i - 1];
      const next = keys[i + 1];
      const value = Number(word.text.replace(/,/g, ""));
      const isYear = value >= 1900 && value <= 2100 && !word.text.includes(".");
      const inPhone =
        (words[i - 1]?.numeric && text.slice(words[i - 1]!.end, word.start) === " ") ||
        (words[i + 1]?.numeric && text.slice(word.end, words[i + 1]!.start) === " ");
      const listMarker = i === 0 && (text[word.end] === "." || text[word.end] === ")");
      if (
        !isYear &&
        !inPhone &&
        !listMarker &&
        !(next && numberUnits.has(next)) &&
        !(prev && numberLabels.has(prev)) &&
        !(next && /^(?:st|nd|rd|th)$/.test(next)) &&
        !(
          prev &&
          /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/.test(
            prev,
          )
        ) &&
        !(
          next &&
          /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/.test(
            next,
          )
        )
      ) {
        add(
          "plain.bare-number",
          word.start,
          word.end,
          `"${word.text}" has no unit: say what it counts (dollars, days, %…)`,
        );
      }
    }
  }

  // Shouting: three or more capitalised words in a row, or one long one.
  for (let i = 0; i < words.length; ) {
    if (words[i]!.upper && words[i]!.letters >= 2) {
      let j = i;
      while (j < words.length && words[j]!.upper && words[j]!.letters >= 1) j++;
      const run = j - i;
      // Two long words are a shouted label ("FINAL NOTICE"), not two acronyms.
      const shoutedPair =
        run === 2 &&
        words[i]!.letters >= 4 &&
        words[i + 1]!.letters >= 4 &&
        words[i]!.letters + words[i + 1]!.letters >= 10 &&
        !knownAcronyms.has(words[i]!.text) &&
        !knownAcronyms.has(words[i + 1]!.text);
      if (
        run >= 3 ||
        shoutedPair ||
        (run === 1 && words[i]!.letters >= 7 && !knownAcronyms.has(words[i]!.text))
      ) {
        const actual = text.slice(words[i]!.start, words[j - 1]!.end);
        add(
          "plain.all-caps",
          words[i]!.start,
          words[j - 1]!.end,
          `"${actual}" is in capitals: use sentence case or bold`,
          [actual.charAt(0) + actual.slice(1).toLowerCase()],
        );
      }
      i = j;
    } else i++;
  }

  // Slashes between words (not in links, dates or fractions). The space-delimited
  // token around a slash is found and judged once, however many slashes it holds.
  let tokenEnd = -1;
  let tokenIsLink = false;
  for (let s = text.indexOf("/"); s !== -1; s = text.indexOf("/", s + 1)) {
    if (s >= tokenEnd) {
      const tokenStart = text.lastIndexOf(" ", s) + 1;
      const spaceAfter = text.indexOf(" ", s);
      tokenEnd = spaceAfter === -1 ? text.length : spaceAfter;
      tokenIsLink = looksLikeLink(text, tokenStart, tokenEnd);
    }
    if (tokenIsLink) continue;
    const left = lettersBefore(text, s);
    const right = lettersAfter(text, s + 1);
    if (left === 0 || right === 0) continue;
    const start = s - left;
    let end = s + 1 + right;
    // "red/green/blue" is one choice to spell out, not two findings.
    while (text.charCodeAt(end) === 0x2f && end + 1 < tokenEnd && lettersAfter(text, end + 1) > 0) {
      s = end;
      end = s + 1 + lettersAfter(text, s + 1);
    }
    const actual = text.slice(start, end);
    const options = actual.split("/");
    const andOr = actual.toLowerCase() === "and/or";
    const spelled =
      options.length <= 5 ? `${options.slice(0, -1).join(", ")} or ${options.at(-1)}` : null;
    add(
      "plain.slash",
      start,
      end,
      andOr
        ? `"and/or" is ambiguous: say "A, B, or both"`
        : `"${actual}": say which you mean${spelled ? `, or write "${spelled}"` : ""}`,
      // "or" and "and" each change the meaning; the message says how to keep it.
      andOr ? [] : spelled ? [spelled] : [],
    );
  }

  const hasDigit = words.some((w) => w.numeric);
  const amounts = hasDigit ? findAmounts(text) : [];
  const dates = hasDigit ? findDates(text) : [];
  for (const date of dates) {
    if (!date.numeric || /^\d{4}-/.test(text.slice(date.start, date.end))) continue;
    // "2017-05-18", or "--05-18" for a date written without its year.
    const parts = date.readings[0]!.split("-");
    const d = Number(parts.at(-1));
    const m = Number(parts.at(-2));
    const y = parts.length === 3 ? ` ${parts[0]}` : "";
    const monthName = MONTH_NAMES[m - 1];
    add(
      date.ambiguous ? "plain.ambiguous-date" : "plain.numeric-date",
      date.start,
      date.end,
      date.ambiguous
        ? `"${text.slice(date.start, date.end)}" can be read as two different days: write the month as a word`
        : `"${text.slice(date.start, date.end)}" is read differently in different countries: write the month as a word`,
      date.ambiguous ? [] : [`${d} ${monthName}${y}`],
    );
  }

  const links = findLinks(text, hasDigit);

  // Sentence-level rules.
  const callToActionSentences: number[] = [];
  let hardest: BlockAnalysis["hardest"] = null;
  sentences.forEach((sentence, index) => {
    const length = sentence.to - sentence.from;
    let sentenceSyllables = 0;
    for (let w = sentence.from; w < sentence.to; w++) sentenceSyllables += syllables[w]!;
    const grade = 0.39 * length + 11.8 * (sentenceSyllables / length) - 15.59;
    // "Dear Customer," is no sentence to point at as the hardest.
    if (
      (!hardest || grade > hardest.grade) &&
      !isGreeting(text, segmented, sentence.from, sentence.to)
    )
      hardest = { start: sentence.start, end: sentence.end, grade };
    if (length > limits.maxSentenceWords && kind !== "heading") {
      add(
        "readability.long-sentence",
        sentence.start,
        sentence.end,
        `This sentence has ${length} words (limit ${limits.maxSentenceWords}): split it`,
      );
    }
    const first = keys[sentence.from] === "please" ? sentence.from + 1 : sentence.from;
    if (
      (first < sentence.to && infos[first]!.flags & W.cta) ||
      hasModalCallToAction(sentence.from, sentence.to)
    ) {
      callToActionSentences.push(index);
    }
  });

  if (
    kind === "paragraph" &&
    (sentences.length > limits.maxParagraphSentences || words.length > limits.maxParagraphWords)
  ) {
    add(
      "readability.long-paragraph",
      0,
      text.length,
      `This paragraph has ${sentences.length} sentences and ${words.length} words: break it up, key fact first`,
    );
  }

  // Acronyms: 2–6 capitals, not a well-known one, not part of a shouted phrase.
  // Defined where written as "annual percentage rate (APR)" or "APR (annual …)".
  const acronymUses: BlockAnalysis["acronymUses"] = [];
  const acronymsDefined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.upper || word.letters < 2 || word.text.length > 6 || knownAcronyms.has(word.text))
      continue;
    const neighbourUpper =
      (words[i - 1]?.upper && words[i - 1]!.letters >= 2) ||
      (words[i + 1]?.upper && words[i + 1]!.letters >= 2);
    // A word in a shouted run is shouting, unless it is no word at all: "NEXT
    // PYMT DUE" hides an abbreviation the reader must decode.
    if (neighbourUpper && infos[i]!.zipf !== zipfFloor) continue;
    // Not acronyms: a keyword to send ("Reply CHANGE", "'YES'"), a code or
    // unit with digits ("5GB"), a reference ("MH-20431").
    const before = text.charCodeAt(word.start - 1);
    if (
      KEYWORD_LEADS.has(keys[i - 1] ?? "") ||
      before === 0x22 ||
      before === 0x27 ||
      before === 0x201c ||
      before === 0x2018 ||
      word.letters < word.text.replace(/\./g, "").length ||
      (text[word.end] === "-" && /\d/.test(text[word.end + 1] ?? ""))
    )
      continue;
    const acronym = word.text.replace(/\./g, "");
    const inBrackets = text[word.start - 1] === "(" && text[word.end] === ")";
    const initials = words
      .slice(Math.max(0, i - acronym.length), i)
      .map((w) => w.lower[0])
      .join("");
    const defined =
      (inBrackets && initials === acronym.toLowerCase()) ||
      text.slice(word.end, word.end + 2) === " (";
    if (defined) acronymsDefined.push(acronym);
    else acronymUses.push({ acronym, start: word.start, end: word.end });
  }

  /** The word at or after a character offset (an amount's "£" is not a word). */
  const wordAt = (offset: number) => {
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Amounts and dates come in text order, as sentences do: one cursor each.
  let amountAt = 0;
  let dateAt = 0;
  const ctaSentences = new Set(callToActionSentences);
  const sentenceFacts: SentenceFacts[] = sentences.map((sentence, index) => {
    while (amountAt < amounts.length && amounts[amountAt]!.start < sentence.start) amountAt++;
    while (dateAt < dates.length && dates[dateAt]!.start < sentence.start) dateAt++;
    const hasAmount = amountAt < amounts.length && amounts[amountAt]!.start < sentence.end;
    const hasDate = dateAt < dates.length && dates[dateAt]!.start < sentence.end;
    let money = false;
    let charge = false;
    let deadline = false;
    let nextPayment = false;
    let future = false;
    let timed = false;
    let promise = false;
    let customerDuty = false;
    let zeroAmountsOnly = hasAmount;
    let settled = false;
    for (let w = sentence.from; w < sentence.to; w++) {
      const key = keys[w]!;
      const flags = infos[w]!.flags;
      if (flags & W.money) money = true;
      // "There is no fee", "we won't add any charges", "your standing charge stays the same".
      if (flags & W.charge && !negatedCharge(keys, w, sentence.from, sentence.to)) charge = true;
      if (key === "next" && NEXT_DUES.has(keys[w + 1] ?? "")) nextPayment = true;
      if (flags & W.future) future = true;
      // The company's own commitment ("we'll refund you by Friday", "it should arrive within…").
      if (
        key === "we'll" ||
        key === "we're" ||
        (key === "we" && (keys[w + 1] === "will" || keys[w + 1] === "are"))
      )
        promise = true;
      if (
        (key === "it" || key === "they" || key === "this") &&
        (keys[w + 1] === "should" || keys[w + 1] === "will")
      )
        promise = true;
      if (
        flags & W.you &&
        (keys[w + 1] === "must" ||
          keys[w + 1] === "need" ||
          keys[w + 1] === "should" ||
          (keys[w + 1] === "have" && keys[w + 2] === "to"))
      )
        customerDuty = true;
      if (key === "please" || key === "due" || key === "deadline") customerDuty = true;
      if (flags & W.settled) settled = true;
      // The pattern only where it can match: a key that starts with a digit.
      const lead = key.charCodeAt(0);
      if (flags & W.time || (lead >= 48 && lead <= 57 && TIME_OF_DAY.test(key))) timed = true;
      if (
        key === "deadline" ||
        key === "expire" ||
        key === "expires" ||
        (key === "due" && (keys[w + 1] === "on" || keys[w + 1] === "by")) ||
        (key === "within" && words[w + 1]?.numeric) ||
        (flags & W.deadlineLead &&
          hasNumberAfter(w, sentence.to) &&
          lastCondition[w]! < sentence.from)
      ) {
        // A code that "expires in 10 minutes" needs no warning about missing a date.
        const shortExpiry =
          (key === "expire" || key === "expires") &&
          keys[w + 1] === "in" &&
          words[w + 2]?.numeric &&
          /^(?:seconds?|minutes?|mins?|hours?)$/.test(keys[w + 3] ?? "");
        if (!shortExpiry) deadline = true;
      }
    }
    let amountsIn = 0;
    for (let a = amountAt; a < amounts.length && amounts[a]!.start < sentence.end; a++) {
      amountsIn++;
      if (amounts[a]!.value !== "0.00") zeroAmountsOnly = false;
      // "revised from £3.00 to £4.00": a rise, however it is worded, is news to own.
      const before = amounts[a - 1];
      if (
        a > amountAt &&
        before &&
        Number(amounts[a]!.value) > Number(before.value) &&
        keys[wordAt(before.start) - 1] === "from" &&
        keys[wordAt(amounts[a]!.start) - 1] === "to"
      )
        signals.push({
          kind: "badNews",
          start: before.start,
          end: amounts[a]!.end,
          sentence: index,
        });
    }
    return {
      start: sentence.start,
      end: sentence.end,
      keys,
      from: sentence.from,
      to: sentence.to,
      hasAmount,
      hasDate,
      money,
      charge,
      // A date is the customer's deadline only when they are asked to act by it
      // (or told it is due); "we'll refund you by Friday" is our promise.
      deadline: deadline && (ctaSentences.has(index) || customerDuty),
      callToAction: ctaSentences.has(index),
      nextPayment,
      // Not "from £3 to £4" (the change is the message), an "if" sentence, or one
      // that says what we will do with it ("we'll collect it by Direct Debit").
      amountToExplain:
        money &&
        hasAmount &&
        !zeroAmountsOnly &&
        !settled &&
        !promise &&
        amountsIn < 2 &&
        keys[sentence.from] !== "if",
      futureWithTime: future && (timed || hasDate),
    };
  });
  let online: { start: number; end: number } | null = null;
  for (let w = 0; w < keys.length && !online; w++) {
    const key = keys[w]!;
    if (infos[w]!.flags & W.online || ((key === "log" || key === "sign") && keys[w + 1] === "in")) {
      online = {
        start: words[w]!.start,
        end: words[key === "log" || key === "sign" ? w + 1 : w]!.end,
      };
    }
  }

  let replyKeyword = false;
  for (let w = 0; w + 1 < words.length && !replyKeyword; w++)
    if (
      (keys[w] === "reply" || keys[w] === "text") &&
      words[w + 1]!.upper &&
      words[w + 1]!.letters >= 2
    )
      replyKeyword = true;

  let you = 0;
  let we = 0;
  // "dont", "thats": a contraction all the same, only typed without its apostrophe.
  let bareContractions = 0;
  for (let k = 0; k < infos.length; k++) {
    const flags = infos[k]!.flags;
    if (flags & W.you) you++;
    else if (flags & W.we) we++;
    if (flags & W.bareContraction) bareContractions++;
  }

  return {
    text,
    kind,
    segmented,
    keys,
    counts,
    findings,
    signals,
    acronymUses,
    acronymsDefined,
    you,
    we,
    contractions: countContractions(text) + bareContractions,
    exclamations: countExclamations(text),
    amounts,
    dates,
    links,
    callToActionSentences,
    sentenceFacts,
    onlineAction: online,
    replyKeyword,
    hardest,
  };
}
