import { briefSchema, type Channel } from "../config";
import { addCounts, emptyCounts } from "../metrics/counts";
import { readability } from "../metrics/formulas";
import type { CompiledRules, Thresholds } from "../rules/compile";
import { type Dimension, rulesById } from "../rules/registry";
import { defaultThresholds } from "../rules/thresholds";
import type { BlockAnalysis, SentenceFacts } from "./block";
import { checkFact, checkQuestion, outcomeNeedsNoAction, outcomeStems, stemsOf } from "./brief";
import { gsmReplacements, smsReport } from "./sms";
import { measureTara } from "./tara";
import { measureToneLevels } from "./tone-levels";
import type {
  AnalysisResult,
  AnalyzeOptions,
  BriefReport,
  CallDriver,
  Finding,
  ToneClass,
  ToneReport,
} from "./types";

const severityWeight = { error: 12, warning: 6, suggestion: 2 } as const;
const dimensionWeights: Record<Dimension, number> = {
  readability: 0.3,
  plainLanguage: 0.3,
  tone: 0.2,
  channel: 0.1,
  brief: 0.1,
};

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

/** The most a message with an error finding can score. */
const ERROR_CEILING = 79;

const warmthOfTone = { "black-box": 1, transactional: 3, "heart-centred": 5 } as const;

const round = (n: number, places = 1) =>
  Number.isNaN(n) ? n : Math.round(n * 10 ** places) / 10 ** places;
const clamp = (n: number) => Math.max(0, Math.min(100, n));

/** Puts analysed blocks together into one result: document rules, tone, channel, brief, score. */
export function assemble(
  blocks: readonly BlockAnalysis[],
  starts: readonly number[],
  fullText: string,
  options: AnalyzeOptions,
  rules: CompiledRules,
  limits: Thresholds,
): AnalysisResult {
  const findings: Finding[] = [];
  const push = (
    ruleId: string,
    start: number,
    end: number,
    message: string,
    suggestions: string[] = [],
    field?: "subject",
  ) => {
    if (!rules.enabled(ruleId)) return;
    const rule = rulesById.get(ruleId)!;
    const source = field === "subject" ? (options.subject ?? "") : fullText;
    findings.push({
      id: "",
      ruleId,
      dimension: rule.dimension,
      severity: rules.severity(ruleId),
      message,
      start,
      end,
      actual: source.slice(start, end),
      suggestions,
      ...(field ? { field } : {}),
    });
  };

  const counts = emptyCounts();
  const sentences: SentenceFacts[] = [];
  const signals: { kind: string; start: number; end: number; sentence: number }[] = [];
  let you = 0;
  let we = 0;
  let contractions = 0;
  let exclamations = 0;
  blocks.forEach((block, b) => {
    const offset = starts[b]!;
    addCounts(counts, block.counts);
    for (const f of block.findings)
      push(f.ruleId, offset + f.start, offset + f.end, f.message, f.suggestions);
    for (const s of block.signals)
      signals.push({
        kind: s.kind,
        start: offset + s.start,
        end: offset + s.end,
        sentence: sentences.length + s.sentence,
      });
    for (const facts of block.sentenceFacts) {
      sentences.push({ ...facts, start: offset + facts.start, end: offset + facts.end });
    }
    you += block.you;
    we += block.we;
    contractions += block.contractions;
    exclamations += block.exclamations;
  });
  const kinds = new Set(signals.map((s) => s.kind));
  const has = (kind: string) => kinds.has(kind);
  // Sentences that give a reason, indexed, so per-sentence checks stay linear.
  const reasonIn = new Uint8Array(sentences.length + 2);
  for (const s of signals) if (s.kind === "reason") reasonIn[s.sentence] = 1;
  const reasonNear = (sentence: number, before: number, after: number) => {
    for (let i = Math.max(0, sentence - before); i <= sentence + after; i++)
      if (reasonIn[i]) return true;
    return false;
  };
  const words = counts.words;
  const metrics = readability(counts);
  const brief = options.brief ? briefSchema.parse(options.brief) : null;

  // Readability: grade against the target.
  const targetGrade = brief?.readingGrade ?? limits.targetGrade;
  if (words >= 10 && metrics.consensusGrade > targetGrade + 0.5) {
    let hardest: { start: number; end: number; grade: number; offset: number } | undefined;
    blocks.forEach((block, b) => {
      if (block.hardest && (!hardest || block.hardest.grade > hardest.grade))
        hardest = { ...block.hardest, offset: starts[b]! };
    });
    if (hardest) {
      push(
        "readability.grade-above-target",
        hardest.offset + hardest.start,
        hardest.offset + hardest.end,
        `Reads at grade ${round(metrics.consensusGrade)}, above the target of ${targetGrade}; this is the hardest sentence`,
      );
    }
  }

  // Acronyms: each one defined at or before its first use.
  const defined = new Set<string>();
  const flagged = new Set<string>();
  blocks.forEach((block, b) => {
    for (const d of block.acronymsDefined) defined.add(d);
    for (const use of block.acronymUses) {
      if (defined.has(use.acronym) || flagged.has(use.acronym)) continue;
      flagged.add(use.acronym);
      push(
        "plain.undefined-acronym",
        starts[b]! + use.start,
        starts[b]! + use.end,
        `"${use.acronym}" is not spelled out: write it in full the first time, with the acronym in brackets`,
      );
    }
  });

  const saysWhatNext =
    has("nextStep") || has("noAction") || sentences.some((s) => s.futureWithTime);
  // Tone (T.A.R.A.).
  const firstSentence = sentences[0]
    ? { start: sentences[0].start, end: sentences[0].end }
    : { start: 0, end: 0 };
  const nonEmpty = words >= 3;
  const anyLink = blocks.some((b) => b.links.length > 0);
  const invitation =
    has("invitation") ||
    blocks.some((b) => b.links.some((l) => l.kind === "phone" || l.kind === "email"));
  const channelForTone: Channel | undefined = options.channel ?? options.brief?.channel;
  // A security code, or a text the customer can act on by link or keyword
  // ("Reply STOP"), needs no invitation to talk; a debt letter or a fee rise does.
  const invitationNeeded =
    !has("security") &&
    !(channelForTone === "SMS" && (anyLink || blocks.some((b) => b.replyKeyword)));
  // Thanks belong where a person would say them: for a payment, a renewal, a claim,
  // a reading or a letter — not on an outage, a debt, a security code or our mistake.
  const thanksExpected = has("customerAct") && !has("security");
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
    const badNews = signals.find((s) => s.kind === "badNews");
    if (badNews && !has("ownership"))
      push(
        "tone.bad-news-without-ownership",
        badNews.start,
        badNews.end,
        `Bad news ("${fullText.slice(badNews.start, badNews.end)}") without an apology or ownership`,
      );
    for (const request of signals.filter((s) => s.kind === "dataRequest")) {
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

  // Channel.
  const channel: Channel | undefined = options.channel ?? brief?.channel;
  let sms: AnalysisResult["sms"] = null;
  if (channel === "SMS") {
    sms = smsReport(fullText);
    if (sms.encoding === "UCS-2") {
      // One finding per distinct character (an emoji used twice is one thing to change).
      const distinct = new Map(sms.nonGsm.map((c) => [c.character, c] as const));
      for (const c of [...distinct.values()].slice(0, 5)) {
        const replacement = gsmReplacements[c.character];
        push(
          "channel.sms-encoding",
          c.start,
          c.end,
          `"${c.character}" is not in the GSM-7 alphabet: the whole SMS becomes UCS-2 (70 characters a segment)`,
          replacement ? [replacement] : [],
        );
      }
    }
    if (sms.segments > limits.maxSmsSegments) {
      push(
        "channel.sms-segments",
        0,
        fullText.length,
        `${sms.units} ${sms.encoding === "GSM-7" ? "characters" : "UCS-2 characters"} make ${sms.segments} segments (limit ${limits.maxSmsSegments})`,
      );
    }
    if (
      options.purpose === "marketing" &&
      !/\b(?:stop|opt[ -]?out|unsubscribe)\b/i.test(fullText)
    ) {
      push(
        "channel.sms-opt-out",
        fullText.length,
        fullText.length,
        'Marketing SMS must say how to opt out ("Reply STOP to opt out")',
        [" Reply STOP to opt out."],
      );
    }
  }
  if (channel === "EMAIL") {
    const subject = options.subject?.trim() ?? "";
    if (options.subject !== undefined && subject.length === 0)
      push("channel.email-subject", 0, 0, "The email has no subject", [], "subject");
    else if (subject.length > limits.maxSubjectCharacters) {
      push(
        "channel.email-subject",
        limits.maxSubjectCharacters,
        options.subject!.length,
        `The subject has ${subject.length} characters: phones cut it after about ${limits.maxSubjectCharacters}`,
        [],
        "subject",
      );
    }
  }
  const onlineBlock = blocks.findIndex((b) => b.onlineAction !== null);
  const onlineAction =
    onlineBlock >= 0
      ? {
          start: starts[onlineBlock]! + blocks[onlineBlock]!.onlineAction!.start,
          end: starts[onlineBlock]! + blocks[onlineBlock]!.onlineAction!.end,
        }
      : null;
  if (
    (options.requireLink ||
      (onlineAction &&
        (channel === "EMAIL" ||
          channel === "SMS" ||
          channel === "PUSH" ||
          channel === "IN_APP"))) &&
    !anyLink
  ) {
    push(
      "channel.missing-link",
      onlineAction?.start ?? 0,
      onlineAction?.end ?? 0,
      "Asks the customer to go online but gives no link",
    );
  }
  // Compared as the words are: invisible characters removed, NFC, lower case.
  const comparable = (text: string) =>
    text
      .replace(/[\u200b\u200c\u2060\ufeff\u00ad]/g, "")
      .normalize("NFC")
      .toLowerCase();
  let comparableText: string | null = null;
  for (const required of rules.ruleSet.requiredPhrases ?? []) {
    if (required.channels && (!channel || !required.channels.includes(channel))) continue;
    comparableText ??= comparable(fullText);
    if (!comparableText.includes(comparable(required.phrase))) {
      push(
        "channel.required-phrase",
        fullText.length,
        fullText.length,
        `Required wording missing: ${required.label ?? `"${required.phrase}"`}`,
        [required.phrase],
      );
    }
  }

  // The brief, and the calls this text will cause.
  let briefReport: BriefReport | null = null;
  const callDrivers: CallDriver[] = [];
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
    if (outcomeNeedsNoAction(brief)) {
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
      // The brief's tone choice sets the warmth it implies (a heart-centred brief
      // asks for warmth 5, not the form's neutral 3).
      const target =
        dimension === "warmth" && brief.tone
          ? warmthOfTone[brief.tone]
          : brief.toneLevels?.[dimension];
      if (target === undefined) return [];
      const actual = levels[dimension];
      return [{ dimension, target, actual, off: Math.abs(actual - target) > 1 }];
    });
    const styleOff = brief.tone !== undefined && brief.tone !== classification;
    const levelsOff = toneLevels.filter((l) => l.off);
    const toneOnTarget =
      brief.tone === undefined && toneLevels.length === 0 ? null : !styleOff && !levelsOff.length;
    if (toneOnTarget === false)
      push(
        "brief.tone-off-target",
        firstSentence.start,
        firstSentence.end,
        [
          ...(styleOff ? [`Reads as ${classification}; the brief asks for ${brief.tone}`] : []),
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

  // Predicted call drivers from the text itself.
  if (nonEmpty) {
    const consequence = has("consequence");
    // A message that explains anything ("because", "this covers", "so your bill is
    // right") is taken to explain its amounts; drivers are for the silent ones.
    const explains = has("reason");
    const invitationIn = new Uint8Array(sentences.length + 1);
    for (const s of signals) if (s.kind === "invitation") invitationIn[s.sentence] = 1;
    sentences.forEach((s, index) => {
      const reason = explains || reasonNear(index, 0, 1);
      if (!reason && (s.amountToExplain || (s.money && s.charge))) {
        callDrivers.push({
          id: "",
          question: s.amountToExplain ? "Why is it this amount?" : "Why am I being charged this?",
          because: "An amount or fee with no explanation",
          fix: "Say what the amount is for and how it was worked out",
          start: s.start,
          end: s.end,
        });
      }
      // "Please pay by 10 May, or call us": the sentence itself gives the way out.
      // "Please pay by 10 May, or call us" / "If that's not possible, reply…": the
      // way out is given beside the date.
      const wayOut = invitationIn[index] || invitationIn[index + 1] || reasonNear(index, 0, 1);
      if (s.deadline && !consequence && !s.nextPayment && !wayOut) {
        callDrivers.push({
          id: "",
          question: "What happens if I miss the date?",
          because: "A deadline with no consequence",
          fix: "Say what happens if the date is missed",
          start: s.start,
          end: s.end,
        });
      }
    });
    const key = sentences.find((s) => s.hasAmount || s.hasDate) ?? sentences[0];
    if (key) {
      const jargon = findings.find(
        (f) =>
          (f.ruleId === "plain.legalese" || f.ruleId === "plain.undefined-acronym") &&
          f.start >= key.start &&
          f.end <= key.end,
      );
      if (jargon) {
        callDrivers.push({
          id: "",
          question: `What does "${jargon.actual}" mean?`,
          because: "Jargon in the key sentence",
          fix: jargon.suggestions[0] ? `Say "${jargon.suggestions[0]}"` : "Use an everyday word",
          start: jargon.start,
          end: jargon.end,
        });
      }
    }
    if (!invitation && !anyLink && invitationNeeded) {
      callDrivers.push({
        id: "",
        question: "How do I reach someone about this?",
        because: "No contact route or invitation",
        fix: "Say how to reach a person, and invite questions",
        start: firstSentence.start,
        end: firstSentence.end,
      });
    }
  }

  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  // Unique ids (React keys, "jump to"): findings at the same place and rule
  // (several must-say facts missing at the end) are told apart by their order.
  // Sorted, so such findings are neighbours: one comparison with the one before.
  let repeat = 1;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const before = findings[i - 1];
    repeat =
      before &&
      before.ruleId === f.ruleId &&
      before.start === f.start &&
      before.end === f.end &&
      before.field === f.field
        ? repeat + 1
        : 1;
    const base = `${f.ruleId}${f.field ? `:${f.field}` : ""}@${f.start}-${f.end}`;
    f.id = repeat === 1 ? base : `${base}#${repeat}`;
  }
  callDrivers.forEach((d, i) => {
    d.id = `call${i}@${d.start}-${d.end}`;
  });

  // Score: each dimension loses points for its findings, by severity and per 100 words.
  const density = (dimension: Dimension) => {
    const total = findings
      .filter((f) => f.dimension === dimension)
      .reduce((sum, f) => sum + severityWeight[f.severity], 0);
    return (total * 100) / (words + 50);
  };
  const dimensionCount = (dimension: Dimension) =>
    findings.filter((f) => f.dimension === dimension).length;
  const dimensions: AnalysisResult["dimensions"] = {};
  if (!nonEmpty) {
    dimensions.readability = { score: 0, findings: dimensionCount("readability") };
    dimensions.plainLanguage = { score: 0, findings: dimensionCount("plainLanguage") };
  } else {
    const gradeGap = Math.max(0, metrics.consensusGrade - targetGrade);
    dimensions.readability = {
      score: round(clamp(100 - 8 * gradeGap - density("readability"))),
      findings: dimensionCount("readability"),
    };
    dimensions.plainLanguage = {
      score: round(clamp(100 - density("plainLanguage"))),
      findings: dimensionCount("plainLanguage"),
    };
  }
  dimensions.tone = {
    score: round(clamp(toneScore - density("tone") / 2)),
    findings: dimensionCount("tone"),
  };
  if (channel)
    dimensions.channel = {
      score: round(nonEmpty ? clamp(100 - 2 * density("channel")) : 0),
      findings: dimensionCount("channel"),
    };
  if (briefReport) {
    const checks = [
      briefReport.outcomeStated,
      briefReport.callToAction === "present" ||
        briefReport.callToAction === "no-action-stated" ||
        briefReport.callToAction === "not-needed",
      ...briefReport.mustSay.map((m) => m.present),
      ...briefReport.questions.map((q) => q.answered),
      ...(briefReport.toneOnTarget === null ? [] : [briefReport.toneOnTarget]),
      ...(briefReport.gradeOnTarget === null ? [] : [briefReport.gradeOnTarget]),
    ];
    const passed = checks.filter(Boolean).length / checks.length;
    dimensions.brief = {
      score: round(clamp(100 * passed - 5 * callDrivers.length)),
      findings: dimensionCount("brief"),
    };
  }
  let weighted = 0;
  let weights = 0;
  for (const [dimension, value] of Object.entries(dimensions) as [Dimension, { score: number }][]) {
    weighted += dimensionWeights[dimension] * value.score;
    weights += dimensionWeights[dimension];
  }

  // An error is a failure a reader meets, not a blemish the other dimensions can
  // average away (thanks around "you failed to pay" must not score in the 80s);
  // a missing must-say fact fails the brief outright, below the review gate.
  let score = weights ? weighted / weights : 0;
  if (findings.some((f) => f.severity === "error")) score = Math.min(score, ERROR_CEILING);
  if (findings.some((f) => f.ruleId === "brief.must-say-missing"))
    score = Math.min(score, (options.minimumScore ?? defaultThresholds.minimumScore) - 1);

  return {
    score: round(score),
    dimensions,
    metrics: {
      sentences: counts.sentences,
      words,
      syllables: counts.syllables,
      characters: counts.characters,
      letters: counts.letters,
      complexWords: counts.complexWords,
      polysyllables: counts.polysyllables,
      unfamiliarWords: counts.unfamiliarWords,
      averageSentenceWords: counts.sentences ? round(words / counts.sentences, 2) : Number.NaN,
      longestSentenceWords: counts.longestSentence,
      fleschReadingEase: round(metrics.fleschReadingEase, 2),
      fleschKincaidGrade: round(metrics.fleschKincaidGrade, 2),
      gunningFog: round(metrics.gunningFog, 2),
      smog: round(metrics.smog, 2),
      colemanLiau: round(metrics.colemanLiau, 2),
      automatedReadability: round(metrics.automatedReadability, 2),
      daleChall: round(metrics.daleChall, 2),
      consensusGrade: round(metrics.consensusGrade, 1),
    },
    findings,
    tone,
    sms,
    brief: briefReport,
    callDrivers,
    rulesVersion: rules.fingerprint,
  };
}
