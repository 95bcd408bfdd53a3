import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { analyzeOrganization } from "./analysis";
import { explainedEpisodes } from "./spikes";
import { suppressSmallCells } from "./suppression";

/**
 * What the dashboard shows from one run of the analysis: the analysis as
 * people may see it, and the spike episodes it explains (asking for the two
 * separately ran the whole analysis twice).
 */
export async function callDashboard(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "calls.read", organizationId);
  const analysis = await analyzeOrganization(ctx.db, organizationId);
  const spikes = await explainedEpisodes(ctx.db, organizationId, analysis.releases);
  return {
    analysis: { ...analysis, releases: analysis.releases.map(suppressSmallCells) },
    spikes,
  };
}
