// Tone: the T.A.R.A. findings, the four scores, the class and the 1–5 levels.
import { measureTara } from "../tara";
import { measureToneLevels } from "../tone-levels";
import type { ToneClass, ToneReport } from "../types";
import type { DocumentContext } from "./context";

const round = (n: number, places = 1) =>
  Number.isNaN(n) ? n : Math.round(n * 10 ** places) / 10 ** places;

const RISE = /\b(?:going up|goes up|go up|increas\w*|rises?|rising|higher|more expensive)\b/i;
const briefNamesRise = (brief: NonNullable<DocumentContext["brief"]>) =>
  [brief.desiredOutcome ?? "", ...brief.likelyQuestions].some((t) => RISE.test(t));

export function assessTone(c: DocumentContext): { tone: ToneReport; toneScore: number } {
  const {
    blocks,
    starts,
    fullText,
    findings,
    push,
    counts,
    words,
    sentences,
    signals,
    has,
    reasonNear,
    you,
    we,
    contractions,
    exclamations,
    nonEmpty,
    firstSentence,
    brief,
    anyLink,
    invitation,
    invitationNeeded,
    thanksExpected,
    saysWhatNext,
  } = c;
  if (nonEmpty) {
    if (!has("appreciation") && thanksExpected)
      push(
        "tone.no-appreciation",
        firstSentence.start,
        firstSentence.end,
        "No thanks or appreciation: a few heart-centred words go a long way",
      );
    if (!invitation && invitationNeeded)
      push(
        "tone.no-invitation",
        firstSentence.start,
        firstSentence.end,
        'No way to reach a person: invite questions ("How else can we help?") and say how',
      );
    if (you + we >= 4 && you / (you + we) < 0.4)
      push(
        "tone.we-focus",
        firstSentence.start,
        firstSentence.end,
        `"We/our" (${we}) outnumbers "you/your" (${you}): write to the customer`,
      );
    if (sentences.length >= 2 && !saysWhatNext)
      push(
        "tone.no-next-step",
        firstSentence.start,
        firstSentence.end,
        "Does not say what happens next, or when",
      );
    // The first bad news in the text (signals are not all in text order).
    let badNews: (typeof signals)[number] | undefined;
    for (const s of signals)
      if (s.kind === "badNews" && (!badNews || s.start < badNews.start)) badNews = s;
    if (badNews && !has("ownership"))
      push(
        "tone.bad-news-without-ownership",
        badNews.start,
        badNews.end,
        `Bad news ("${fullText.slice(badNews.start, badNews.end)}") without an apology or ownership`,
      );
    // The brief can say the news is a rise ("Why is my price going up?") when
    // the text states only the new price.
    else if (!badNews && !has("ownership") && brief && briefNamesRise(brief))
      push(
        "tone.bad-news-without-ownership",
        firstSentence.start,
        firstSentence.end,
        "The brief says this is a rise: say so, say why, and own it",
      );
    // One finding per sentence: "your name, date of birth and card number" is one request.
    let lastSentence = -1;
    for (const request of signals.filter((s) => s.kind === "dataRequest")) {
      if (request.sentence === lastSentence) continue;
      lastSentence = request.sentence;
      if (!reasonNear(request.sentence, 1, 1))
        push(
          "tone.data-without-reason",
          request.start,
          request.end,
          "Asks for personal data without saying why it is needed or how it is kept safe",
        );
    }
  }
  const youRatio = you + we === 0 ? 0.5 : you / (you + we);
  const spansOf = (ruleId: string) =>
    findings
      .filter((f) => f.ruleId === ruleId)
      .map((f) => ({ kind: ruleId, start: f.start, end: f.end }));
  const measured = measureTara({
    text: fullText,
    nonEmpty,
    signals,
    blame: spansOf("tone.blame"),
    robotic: spansOf("tone.robotic"),
    noReply: spansOf("tone.no-reply"),
    legalese: spansOf("plain.legalese").length,
    badNewsWithoutOwnership: spansOf("tone.bad-news-without-ownership"),
    dataWithoutReason: spansOf("tone.data-without-reason"),
    invitation,
    invitationNeeded,
    contactLinks: blocks.flatMap((b, i) =>
      b.links
        .filter((l) => l.kind !== "url")
        .map((l) => ({ kind: l.kind, start: starts[i]! + l.start, end: starts[i]! + l.end })),
    ),
    anyLink,
    saysWhatNext,
    contractions,
    youRatio,
  });
  const classification: ToneClass = measured.classification;
  const toneScore = measured.score;
  const count = (kind: string) => signals.reduce((n, s) => n + (s.kind === kind ? 1 : 0), 0);
  const levels = measureToneLevels({
    toneScore,
    words,
    syllables: counts.syllables,
    contractions,
    stiffPhrases: findings.filter(
      (f) => f.ruleId === "plain.legalese" || f.ruleId === "tone.robotic",
    ).length,
    exclamations,
    urgentPhrases: count("urgent"),
    consequences: count("consequence"),
  });
  const tone: ToneReport = {
    classification,
    score: round(toneScore),
    levels,
    tara: measured.tara,
    you,
    we,
    evidence: signals
      .filter((s) =>
        ["appreciation", "invitation", "nextStep", "ownership", "noAction"].includes(s.kind),
      )
      .concat(
        findings
          .filter(
            (f) =>
              f.dimension === "tone" &&
              f.end > f.start &&
              f.ruleId !== "tone.no-appreciation" &&
              f.ruleId !== "tone.no-invitation" &&
              f.ruleId !== "tone.we-focus" &&
              f.ruleId !== "tone.no-next-step",
          )
          .map((f) => ({ kind: f.ruleId, start: f.start, end: f.end, sentence: 0 })),
      )
      .map((s) => ({
        kind: s.kind,
        start: s.start,
        end: s.end,
        text: fullText.slice(s.start, s.end),
      })),
  };

  return { tone, toneScore };
}
