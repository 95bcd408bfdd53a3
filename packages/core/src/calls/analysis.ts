import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { holdoutCalls, measureWindows, type WindowRow } from "./analysis-sql";
import { attributionWindows } from "./attribution";
import { type ReleaseReport, releaseReport, type WindowUnit } from "./release-report";
import { type Interval, lift, spearman } from "./stats";
import { suppressSmallCells } from "./suppression";

/**
 * The full analysis of an organisation's released messages: per release,
 * excess calls over the baseline with an interval widened for
 * overdispersion, the contact rate per 1,000 recipients, the lag profile
 * and top reasons; each rewrite against its predecessor; and across
 * messages, clarity against contact rate and each rule's lift.
 */
export async function analyzeCallVolume(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "calls.read", organizationId);
  const analysis = await analyzeOrganization(ctx.db, organizationId);
  return { ...analysis, releases: analysis.releases.map(suppressSmallCells) };
}

export async function analyzeOrganization(db: UseCaseContext["db"], organizationId: string) {
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { attributionDays: true },
  });
  const windows = attributionWindows(organization.attributionDays);
  const [rows, holdoutRows, releases] = await Promise.all([
    measureWindows(db, organizationId, windows),
    holdoutCalls(db, organizationId, windows),
    db.release.findMany({
      where: { review: { organizationId } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        communicationId: true,
        versionId: true,
        channel: true,
        sendDates: true,
        recipients: true,
        createdAt: true,
        holdout: { select: { sentSegment: true, heldOutSegment: true, heldOut: true } },
        review: {
          select: {
            score: true,
            analysis: true,
            communication: {
              select: {
                title: true,
                channel: true,
                callReasons: { select: { reasonCode: true } },
              },
            },
          },
        },
      },
    }),
  ]);
  const byRelease = new Map<string, WindowUnit[]>();
  for (const row of chooseUnits(rows.days, rows.weeks)) {
    const list = byRelease.get(row.release_id) ?? [];
    list.push(row);
    byRelease.set(row.release_id, list);
  }
  const held = new Map(holdoutRows.map((h) => [h.release_id, h]));
  // Releases come oldest first, so a communication's previous one is reported already.
  const latest = new Map<string, ReleaseReport>();
  const reports: ReleaseReport[] = [];
  for (const release of releases) {
    const findings =
      (release.review.analysis as { findings?: { ruleId: string }[] } | null)?.findings ?? [];
    const calls = held.get(release.id);
    const report = releaseReport(
      {
        releaseId: release.id,
        communication: {
          id: release.communicationId,
          title: release.review.communication.title,
          channel: release.review.communication.channel,
        },
        versionId: release.versionId,
        releasedAt: release.createdAt,
        sendDates: release.sendDates,
        recipients: release.recipients,
        score: release.review.score,
        findingRuleIds: findings.map((f) => f.ruleId),
        reasons: release.review.communication.callReasons.map((r) => r.reasonCode),
        windowDays: windows[release.channel],
        holdout: release.holdout,
      },
      {
        units: byRelease.get(release.id) ?? [],
        holdoutCalls: {
          sent: Number(calls?.sent_calls ?? 0),
          heldOut: Number(calls?.held_out_calls ?? 0),
          daysWithData: Number(calls?.days_with_data ?? 0),
        },
        predecessor: latest.get(release.communicationId) ?? null,
      },
    );
    latest.set(release.communicationId, report);
    reports.push(report);
  }
  return { windows, releases: reports, across: acrossMessages(reports) };
}

/**
 * Which rows measure each of a release's reasons: its daily rows when the
 * daily data covers any of the window, else its weekly rows (a contact
 * centre that reports some reasons by the week). Never both, so no call is
 * counted twice.
 */
export function chooseUnits(days: readonly WindowRow[], weeks: readonly WindowRow[]) {
  const key = (r: WindowRow) => `${r.release_id}\u0000${r.reason}`;
  const daily = new Set(days.filter((d) => d.covered).map(key));
  const weekly = weeks.filter((w) => !daily.has(key(w)));
  const weeklyKeys = new Set(weekly.filter((w) => w.covered).map(key));
  return [
    ...days.filter((d) => !weeklyKeys.has(key(d))).map((d) => ({ ...d, unit: "day" as const })),
    ...weekly.filter((w) => weeklyKeys.has(key(w))).map((w) => ({ ...w, unit: "week" as const })),
  ];
}

/** Clarity at approval against contact rate, and each rule's lift, over messages with a measured rate. */
export function acrossMessages(reports: readonly ReleaseReport[]) {
  const measured = reports.filter(
    (r): r is ReleaseReport & { contactRate: Interval } => r.contactRate !== null,
  );
  const rates = measured.map((r) => r.contactRate.estimate);
  const correlation = spearman(
    measured.map((r) => r.score),
    rates,
  );
  const rules = [...new Set(measured.flatMap((r) => r.ruleIds))].sort();
  const lifts = rules.flatMap((ruleId) => {
    const withRule = measured.filter((r) => r.ruleIds.includes(ruleId));
    const without = measured.filter((r) => !r.ruleIds.includes(ruleId));
    const found = lift(
      withRule.map((r) => r.contactRate.estimate),
      without.map((r) => r.contactRate.estimate),
    );
    return [{ ruleId, nWith: withRule.length, nWithout: without.length, lift: found }];
  });
  return { n: measured.length, correlation, lifts };
}
