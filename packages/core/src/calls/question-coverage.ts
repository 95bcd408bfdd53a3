import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { briefContentSchema, type journeyStages } from "../schemas/briefs";
import { analyzeOrganization } from "./analysis";
import { matchReasons, normalizeQuestion } from "./question-match";

type JourneyStage = (typeof journeyStages)[number];

/** How a question's reasons were decided: an analyst's mapping, or shared words. */
export type QuestionSource = "mapped" | "matched";

/**
 * Whether a predicted question's reasons rose in the release's window:
 * `showed-up` when at least one rose clearly, `quiet` when they were
 * measured and did not, `not-measured` when none of them is a reason the
 * message was measured on (or the question maps to no reason).
 */
export type QuestionOutcome = "showed-up" | "quiet" | "not-measured";

export interface PredictedQuestion {
  question: string;
  reasonCodes: string[];
  source: QuestionSource;
  outcome: QuestionOutcome;
  /** Excess calls over the window on the question's reasons that rose. */
  excess: number;
}

export interface QuestionCoverageRelease {
  releaseId: string;
  communicationId: string;
  title: string;
  releasedAt: Date;
  journeyStage: JourneyStage | null;
  predicted: PredictedQuestion[];
  /** Reasons that rose clearly in the window and that no question in the brief maps to. */
  unpredicted: { code: string; label: string; excess: number }[];
}

/** A question briefs of one journey stage keep missing: its reason rose unpredicted in several releases. */
export interface MissedQuestion {
  journeyStage: JourneyStage | null;
  reasonCode: string;
  label: string;
  /** Releases of that stage where the reason rose with no question for it. */
  releases: number;
  /** Releases of that stage measured on the reason. */
  of: number;
  /** A question other briefs ask that maps to the reason, else null. */
  question: string | null;
}

export interface QuestionCoverage {
  reasons: { code: string; label: string }[];
  /** Every question the released briefs asked, once, with the reasons it stands for. */
  questions: { question: string; reasonCodes: string[]; source: QuestionSource; briefs: number }[];
  releases: QuestionCoverageRelease[];
  suggestions: MissedQuestion[];
}

/**
 * A reason "rose clearly" when its calls over the window exceed what was
 * expected by more than two Poisson standard deviations: an excess a
 * quiet week does not give one time in forty.
 */
export function roseClearly(reason: { observed: number; expected: number }): boolean {
  const excess = reason.observed - reason.expected;
  return excess > 0 && excess > 2 * Math.sqrt(Math.max(reason.expected, 1));
}

/** A missed question is suggested once its reason rose unpredicted in this many releases of a stage. */
export const MISSED_AT_LEAST = 2;

/**
 * The brief's likely questions against what customers called about, per
 * release: which predicted questions showed up as calls (their reasons,
 * by the analyst's mapping or else by shared words, rose clearly in the
 * window), which reasons rose that no question predicted, and — across
 * releases of the same journey stage — questions their briefs keep missing.
 */
export async function questionCoverage(
  ctx: UseCaseContext,
  organizationId: string,
): Promise<QuestionCoverage> {
  authorizeInOrganization(ctx, "calls.evidence", organizationId);
  const [analysis, briefs, reasons, mappings] = await Promise.all([
    analyzeOrganization(ctx.db, organizationId),
    ctx.db.release.findMany({
      where: { review: { organizationId } },
      select: { id: true, review: { select: { briefRevision: { select: { content: true } } } } },
    }),
    ctx.db.callReason.findMany({
      where: { organizationId },
      orderBy: { code: "asc" },
      select: { code: true, label: true },
    }),
    ctx.db.callQuestionMapping.findMany({
      where: { organizationId },
      select: { question: true, reasonCodes: true },
    }),
  ]);
  const labels = new Map(reasons.map((r) => [r.code, r.label]));
  const mapped = new Map(mappings.map((m) => [m.question, m.reasonCodes]));
  const briefOf = new Map(
    briefs.map((b) => {
      const parsed = briefContentSchema.safeParse(b.review.briefRevision?.content ?? {});
      return [b.id, parsed.success ? parsed.data : null];
    }),
  );
  const questions = new Map<
    string,
    { question: string; reasonCodes: string[]; source: QuestionSource; briefs: number }
  >();
  const resolve = (question: string) => {
    const key = normalizeQuestion(question);
    let entry = questions.get(key);
    if (!entry) {
      const own = mapped.get(key);
      entry = {
        question: question.trim(),
        reasonCodes: own ?? matchReasons(question, reasons),
        source: own ? "mapped" : "matched",
        briefs: 0,
      };
      questions.set(key, entry);
    }
    return entry;
  };

  const releases: QuestionCoverageRelease[] = analysis.releases.map((report) => {
    const brief = briefOf.get(report.releaseId) ?? null;
    const measured = new Map(report.topReasons.map((t) => [t.reason, t]));
    const asked = [...new Set(brief?.likelyQuestions ?? [])];
    const covered = new Set<string>();
    const predicted = asked.map((question): PredictedQuestion => {
      const entry = resolve(question);
      entry.briefs += 1;
      for (const code of entry.reasonCodes) covered.add(code);
      const onMessage = entry.reasonCodes.flatMap((code) => {
        const m = measured.get(code);
        return m ? [m] : [];
      });
      const rose = onMessage.filter(roseClearly);
      return {
        question: entry.question,
        reasonCodes: entry.reasonCodes,
        source: entry.source,
        outcome: onMessage.length === 0 ? "not-measured" : rose.length > 0 ? "showed-up" : "quiet",
        excess: rose.reduce((sum, r) => sum + r.excess, 0),
      };
    });
    const unpredicted = report.topReasons
      .filter((t) => roseClearly(t) && !covered.has(t.reason))
      .map((t) => ({ code: t.reason, label: labels.get(t.reason) ?? t.reason, excess: t.excess }));
    return {
      releaseId: report.releaseId,
      communicationId: report.communication.id,
      title: report.communication.title,
      releasedAt: report.releasedAt,
      journeyStage: brief?.journeyStage ?? null,
      predicted,
      unpredicted,
    };
  });

  // Per journey stage and reason: how often it rose unpredicted, out of the
  // releases of that stage measured on it.
  const tally = new Map<string, MissedQuestion>();
  for (const [index, release] of releases.entries()) {
    const report = analysis.releases[index];
    if (!report) continue;
    const missed = new Set(release.unpredicted.map((u) => u.code));
    for (const t of report.topReasons) {
      const key = `${release.journeyStage ?? ""}\u0000${t.reason}`;
      const entry = tally.get(key) ?? {
        journeyStage: release.journeyStage,
        reasonCode: t.reason,
        label: labels.get(t.reason) ?? t.reason,
        releases: 0,
        of: 0,
        question: null,
      };
      entry.of += 1;
      if (missed.has(t.reason)) entry.releases += 1;
      tally.set(key, entry);
    }
  }
  const askedFor = (code: string) =>
    [...questions.values()]
      .filter((q) => q.reasonCodes.includes(code))
      .sort((a, b) => b.briefs - a.briefs)[0]?.question ?? null;
  const suggestions = [...tally.values()]
    .filter((m) => m.releases >= MISSED_AT_LEAST)
    .map((m) => ({ ...m, question: askedFor(m.reasonCode) }))
    .sort((a, b) => b.releases - a.releases || a.reasonCode.localeCompare(b.reasonCode));

  return {
    reasons,
    questions: [...questions.values()].sort((a, b) => b.briefs - a.briefs),
    releases,
    suggestions,
  };
}
