import { createHash } from "node:crypto";
import type { UseCaseContext } from "../context";
import { analyzeOrganization } from "./analysis";
import { featuresOfAnalysis } from "./evidence/features";
import { type EvidenceModel, fitEvidenceModel, type Observation } from "./evidence/model";

/**
 * An organisation's measured history as the evidence model takes it: each
 * release report with an excess (from `analyzeOrganization`, so the excess
 * is the one the report card shows, never re-derived) joined to its frozen
 * analysis. Frozen analyses keep findings, not the reading grade or tone,
 * so the model's features are the rules found, the channel and the
 * audience; the design drops what the history never varies.
 */
export async function organizationEvidence(db: UseCaseContext["db"], organizationId: string) {
  const [analysis, releases] = await Promise.all([
    analyzeOrganization(db, organizationId),
    db.release.findMany({
      where: { review: { organizationId } },
      select: { id: true, channel: true, review: { select: { analysis: true } } },
    }),
  ]);
  const frozen = new Map(releases.map((r) => [r.id, r]));
  const observations: Observation[] = analysis.releases.flatMap((report) => {
    const release = frozen.get(report.releaseId);
    if (!report.excess || !release) return [];
    return [
      {
        releaseId: report.releaseId,
        features: featuresOfAnalysis(release.review.analysis, release.channel, report.recipients),
        excess: report.excess.estimate,
        se: report.excess.se,
        holdout: report.evidence === "holdout",
      },
    ];
  });
  return { analysis, observations, model: cachedFit(organizationId, observations) };
}

/**
 * Fits are kept per organisation against a fingerprint of exactly what
 * they were fitted on (every observation's features and measurement), so
 * a new release, import, holdout or window change refits and nothing is
 * ever served stale. The measurement's SQL is the slow part and runs every
 * time; this saves the fit itself on repeated reads of the same history.
 */
const fits = new Map<string, { fingerprint: string; model: EvidenceModel | null }>();
const MAX_CACHED = 200;

function cachedFit(organizationId: string, observations: readonly Observation[]) {
  const fingerprint = createHash("sha256").update(JSON.stringify(observations)).digest("hex");
  const hit = fits.get(organizationId);
  if (hit?.fingerprint === fingerprint) return hit.model;
  const model = fitEvidenceModel(observations);
  if (fits.size >= MAX_CACHED) fits.delete(fits.keys().next().value as string);
  fits.set(organizationId, { fingerprint, model });
  return model;
}
