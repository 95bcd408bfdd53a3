// One pass over the characters of a block: words and sentences with offsets.
// No regular expressions on the hot path, so time is linear in the length.

export interface Word {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** Digits only (with , . separators): "177.17", "2027". */
  numeric: boolean;
  /** Letters present and all upper-case: "PIN", "IMPORTANT". */
  upper: boolean;
  /** Letters in the word (for Coleman–Liau and letters per word). */
  letters: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first word and one past the last, into `words`. */
  from: number;
  to: number;
}

export interface Segmented {
  words: Word[];
  sentences: Sentence[];
}

// Comparisons rather than sets: these run for every character between words.
const isApostrophe = (c: number) => c === 0x27 || c === 0x2019;
const isHyphen = (c: number) => c === 0x2d || c === 0x2010 || c === 0x2011;
/** . ! ? … */
const isTerminal = (c: number) => c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
const isCloser = (c: number) =>
  c === 0x22 ||
  c === 0x27 ||
  c === 0x29 ||
  c === 0x5d ||
  c === 0x201d ||
  c === 0x2019 ||
  c === 0xbb;

/** Abbreviations after which a full stop does not end a sentence. */
const NEVER_FINAL = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sr",
  "jr",
  "st",
  "mt",
  "no",
  "nos",
  "vs",
  "approx",
  "dept",
  "fig",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "tel",
  "ref",
  "acct",
  "incl",
  "excl",
  "approx",
  "min",
  "max",
  "est",
  "cf",
  "viz",
  "wk",
  "yr",
  "yrs",
  "hr",
  "hrs",
  "mins",
  "pp",
  "pg",
  "ave",
  "blvd",
  "rd",
  "govt",
  "ext",
]);
/** Dotted abbreviations that never end a sentence, even before a capital ("e.g. Visa"). */
const DOTTED_NEVER_FINAL = new Set(["e.g.", "i.e.", "c.f.", "n.b."]);

/**
 * Invisible characters that can sit inside a word without splitting it:
 * zero-width space and non-joiner, word joiner, BOM, soft hyphen. ("re\u200bply"
 * is the word "reply", so a pasted or adversarial one cannot hide a phrase.)
 */
function isInvisible(c: number): boolean {
  return c === 0x200b || c === 0x200c || c === 0x2060 || c === 0xfeff || c === 0xad;
}
/** Zero-width joiner: invisible inside a word, but part of an emoji sequence. */
const ZWJ = 0x200d;
const invisibles = /\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/g;

/** A word's key: lower case, NFC, invisible characters removed, apostrophes straightened. */
const nonAscii = /[\u0080-\uffff]/;

function keyOf(wordText: string): string {
  const lower = wordText.toLowerCase();
  if (!nonAscii.test(lower)) return lower;
  const key = lower.replace(invisibles, "").normalize("NFC");
  return key.includes("’") ? key.replace(/’/g, "'") : key;
}
/** Abbreviations that end a sentence only when a capital letter follows. */
const MAYBE_FINAL = new Set(["etc", "inc", "ltd", "co", "corp", "plc", "llc", "am", "pm"]);

const nonAsciiLetter = /\p{L}/u;
const combiningMark = /\p{M}/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c);
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral: emoji and the like
  return nonAsciiLetter.test(text[i]!);
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 0xa0 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 12
  );
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[i]!;
  return ch !== ch.toLowerCase();
}

/** Splits one block of text (a paragraph, heading or list item) into words and sentences. */
export function segment(text: string): Segmented {
  const words: Word[] = [];
  const sentences: Sentence[] = [];
  const n = text.length;
  let sentenceStart = -1;
  let sentenceFrom = 0;
  let lineStart = 0;

  const closeSentence = (end: number) => {
    if (sentenceStart >= 0 && words.length > sentenceFrom) {
      sentences.push({ start: sentenceStart, end, from: sentenceFrom, to: words.length });
    }
    sentenceStart = -1;
    sentenceFrom = words.length;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const letter = isLetterAt(text, i);
    if (letter || isDigit(c)) {
      const start = i;
      let letters = 0;
      let digits = 0;
      let uppers = 0;
      // Dotted abbreviations: e.g. i.e. U.S. — single letters joined by stops.
      if (
        letter &&
        i + 2 < n &&
        text.charCodeAt(i + 1) === 0x2e &&
        isLetterAt(text, i + 2) &&
        (i + 3 >= n || !isLetterAt(text, i + 3))
      ) {
        let j = i;
        while (
          j + 1 < n &&
          isLetterAt(text, j) &&
          text.charCodeAt(j + 1) === 0x2e &&
          (j + 2 >= n || !isLetterAt(text, j + 2) || j + 3 >= n || !isLetterAt(text, j + 3))
        ) {
          letters++;
          if (isUpperAt(text, j)) uppers++;
          j += 2;
          if (j >= n || !isLetterAt(text, j)) break;
        }
        if (letters >= 2) {
          const wordText = text.slice(start, j);
          if (sentenceStart < 0) sentenceStart = start;
          const lower = wordText.toLowerCase();
          words.push({
            start,
            end: j,
            text: wordText,
            lower,
            numeric: false,
            upper: uppers === letters,
            letters,
          });
          i = j;
          // "We close at 5 p.m. Your call matters.": the abbreviation's own stop
          // ends the sentence when a capital follows (never after "e.g.").
          if (text.charCodeAt(j - 1) === 0x2e && !DOTTED_NEVER_FINAL.has(lower)) {
            let k = j;
            while (k < n && isSpace(text.charCodeAt(k))) k++;
            if (k > j && k < n && isLetterAt(text, k) && isUpperAt(text, k)) closeSentence(j);
          }
          continue;
        }
        letters = 0;
        uppers = 0;
      }
      // The word holds a character outside ASCII: only then can its key differ
      // from its lower case.
      let wide = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        const wideBefore = wide;
        if (d >= 128) wide = true;
        if (isDigit(d)) {
          digits++;
          i++;
        } else if (isLetterAt(text, i)) {
          letters++;
          if (isUpperAt(text, i)) uppers++;
          i++;
        } else if (d >= 0x300 && d < 0xd800 && combiningMark.test(text[i]!)) {
          i++; // accents written as combining marks belong to the word
        } else if (
          (isInvisible(d) || d === ZWJ) &&
          i + 1 < n &&
          (isLetterAt(text, i + 1) || isDigit(text.charCodeAt(i + 1)))
        ) {
          i++;
        } else if (
          (isApostrophe(d) || isHyphen(d)) &&
          i + 1 < n &&
          isLetterAt(text, i + 1) &&
          i > start
        ) {
          i++;
        } else if (
          (d === 0x2e || d === 0x2c) &&
          digits > 0 &&
          letters === 0 &&
          i + 1 < n &&
          isDigit(text.charCodeAt(i + 1))
        ) {
          i++;
        } else {
          wide = wideBefore; // the character after the word
          break;
        }
      }
      const wordText = text.slice(start, i);
      if (sentenceStart < 0) sentenceStart = start;
      words.push({
        start,
        end: i,
        text: wordText,
        // Typographic apostrophes straightened, so "we’re" matches "we're". Most
        // words are already their own key: no copy for them.
        lower: wide ? keyOf(wordText) : uppers > 0 ? wordText.toLowerCase() : wordText,
        numeric: letters === 0,
        upper: letters > 0 && uppers === letters,
        letters,
      });
      continue;
    }

    if (isTerminal(c)) {
      let j = i + 1;
      while (j < n && (isTerminal(text.charCodeAt(j)) || isCloser(text.charCodeAt(j)))) j++;
      if (j >= n || isSpace(text.charCodeAt(j))) {
        let k = j;
        while (k < n && isSpace(text.charCodeAt(k))) k++;
        const last = words.at(-1);
        const endsWord = last !== undefined && last.end === i;
        const abbreviation = c === 0x2e && endsWord && j === i + 1 ? last.lower : null;
        const nextUpper = k < n && (isUpperAt(text, k) || !isLetterAt(text, k));
        const nextLower = k < n && isLetterAt(text, k) && !nextUpper;
        // A stop before lower case ends a sentence too ("thanks for paying. see you
        // next month." in an SMS); only an ellipsis or an abbreviation carries on.
        let boundary = !(nextLower && c === 0x2026);
        if (abbreviation !== null) {
          if (NEVER_FINAL.has(abbreviation)) boundary = false;
          else if (MAYBE_FINAL.has(abbreviation)) boundary = k >= n || nextUpper;
          else if (abbreviation.length === 1 && last!.upper && k < n && isUpperAt(text, k))
            boundary = false; // initials: J. Smith
        }
        if (boundary) {
          closeSentence(j);
          i = j;
          continue;
        }
      }
      i = j;
      continue;
    }

    if (c === 10) {
      // A line break ends a sentence when the line is short (a salutation,
      // heading or list entry); long lines are hard-wrapped prose.
      const lineLength = i - lineStart;
      if (lineLength <= 50) closeSentence(i);
      lineStart = i + 1;
    }
    i++;
  }
  closeSentence(n);
  return { words, sentences };
}
