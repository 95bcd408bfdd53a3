// The brief: must-say facts, likely questions, outcome, action, tone and grade.
import { checkFact, checkQuestion, outcomeNeedsNoAction, outcomeStems, stemsOf } from "../brief";
import type { BriefReport, ToneReport } from "../types";
import type { DocumentContext } from "./context";

/** The warmth each tone style implies; a brief that sets none is measured against it. */
export const warmthOfTone = { "black-box": 1, transactional: 3, "heart-centred": 5 } as const;

/** Words that say how to do something: a channel or a place. */
const HOW_WORDS = new Set([
  "call",
  "phone",
  "ring",
  "online",
  "app",
  "website",
  "reply",
  "text",
  "email",
  "visit",
  "branch",
  "post",
  "form",
  "portal",
  "account",
]);

export function checkBrief(c: DocumentContext, tone: ToneReport): BriefReport | null {
  const {
    blocks,
    starts,
    fullText,
    push,
    callDrivers,
    metrics,
    sentences,
    has,
    brief,
    firstSentence,
    anyLink,
  } = c;
  // The brief, and the calls this text will cause.
  let briefReport: BriefReport | null = null;
  if (brief) {
    const mustSay = brief.mustSay.map((fact) => checkFact(fact, blocks, starts, sentences));
    for (const check of mustSay.filter((c) => !c.present)) {
      push(
        "brief.must-say-missing",
        fullText.length,
        fullText.length,
        `Must say: "${check.fact}" — not found in the text`,
        [check.fact],
      );
    }
    const questions = brief.likelyQuestions.map((q) => checkQuestion(q, sentences, fullText));
    for (const q of questions.filter((q) => !q.answered)) {
      push(
        "brief.question-unanswered",
        fullText.length,
        fullText.length,
        `Not answered: "${q.question}"`,
      );
      callDrivers.push({
        id: "",
        question: q.question,
        because: "The brief expects this question and no sentence answers it",
        fix: "Add a sentence that answers it",
        start: fullText.length,
        end: fullText.length,
      });
    }
    const wanted = outcomeStems(brief.desiredOutcome ?? "");
    const allStems = new Set(sentences.flatMap((s) => [...stemsOf(s)]));
    const outcomeStated =
      wanted.length === 0 || wanted.filter((s) => allStems.has(s)).length / wanted.length >= 0.5;
    if (!outcomeStated)
      push(
        "brief.outcome-not-stated",
        firstSentence.start,
        firstSentence.end,
        `The outcome ("${brief.desiredOutcome}") is not stated in the text`,
      );
    const hasCta = blocks.some((b) => b.callToActionSentences.length > 0);
    let callToAction: BriefReport["callToAction"];
    let action: BriefReport["action"] = null;
    // No action in the brief and none offered in the text: say none is needed,
    // or the customer calls to check (an optional one, "you can leave your
    // plan", tells them what they may do).
    if (outcomeNeedsNoAction(brief) || (!brief.action && !hasCta)) {
      callToAction = has("noAction") ? "no-action-stated" : "no-action-missing";
      if (!has("noAction"))
        push(
          "brief.no-action-statement",
          firstSentence.start,
          firstSentence.end,
          'Say plainly that no action is needed ("You don\'t need to do anything")',
          ["You don't need to do anything."],
        );
    } else if (brief.action) {
      // An action: asked for at least once, with how and by when.
      callToAction = hasCta ? "present" : "missing";
      const asking = sentences.filter((s) => s.callToAction);
      const how =
        anyLink ||
        blocks.some((b) => b.onlineAction !== null) ||
        asking.some((s) => s.keys.slice(s.from, s.to).some((k) => HOW_WORDS.has(k)));
      const byWhen = asking.some((s) => s.hasDate || s.deadline || s.futureWithTime);
      action = { sentences: asking.length, how, byWhen };
      if (hasCta && (!how || !byWhen))
        push(
          "brief.action-incomplete",
          asking[0]!.start,
          asking[0]!.end,
          `The action ("${brief.action}") does not say ${!how && !byWhen ? "how or by when" : !how ? "how" : "by when"}`,
        );
      if (!hasCta)
        push(
          "brief.no-call-to-action",
          firstSentence.start,
          firstSentence.end,
          `No sentence tells the customer what to do${brief.action ? ` ("${brief.action}")` : ""}`,
        );
    } else callToAction = has("noAction") ? "no-action-stated" : "not-needed";
    const toneLevels = (["warmth", "formality", "urgency"] as const).flatMap((dimension) => {
      // A warmth the brief sets is what its author asked for (the brief form
      // sets the style's warmth when a style is chosen, and the author may move
      // it); a brief that names only a style asks for the warmth it implies.
      const target =
        dimension === "warmth"
          ? (brief.toneLevels?.warmth ?? (brief.tone ? warmthOfTone[brief.tone] : undefined))
          : brief.toneLevels?.[dimension];
      if (target === undefined) return [];
      const actual = tone.levels[dimension];
      return [{ dimension, target, actual, off: Math.abs(actual - target) > 1 }];
    });
    const styleOff = brief.tone !== undefined && brief.tone !== tone.classification;
    const levelsOff = toneLevels.filter((l) => l.off);
    const toneOnTarget =
      brief.tone === undefined && toneLevels.length === 0 ? null : !styleOff && !levelsOff.length;
    if (toneOnTarget === false)
      push(
        "brief.tone-off-target",
        firstSentence.start,
        firstSentence.end,
        [
          ...(styleOff
            ? [`Reads as ${tone.classification}; the brief asks for ${brief.tone}`]
            : []),
          ...levelsOff.map(
            (l) => `${l.dimension} ${l.actual} of 5; the brief asks for ${l.target}`,
          ),
        ].join("; "),
      );
    const gradeOnTarget =
      brief.readingGrade && !Number.isNaN(metrics.consensusGrade)
        ? metrics.consensusGrade <= brief.readingGrade + 0.5
        : null;
    briefReport = {
      outcomeStated,
      callToAction,
      action,
      mustSay,
      questions,
      toneOnTarget,
      toneLevels,
      gradeOnTarget,
    };
  }

  return briefReport;
}
