import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { CallSeriesFilter } from "../schemas/call-series";
import { analyzeOrganization } from "./analysis";
import { explainEpisodes, searchSpikes } from "./spikes";
import { suppressSmallCells } from "./suppression";

/**
 * What the dashboard shows from one run of the analysis: the analysis as
 * people may see it, and the spike episodes it explains (asking for the two
 * separately ran the whole analysis twice) in the view's range and reasons.
 */
export async function callDashboard(
  ctx: UseCaseContext,
  organizationId: string,
  filter: CallSeriesFilter = {},
) {
  authorizeInOrganization(ctx, "calls.read", organizationId);
  // The spike search needs no releases: both at once.
  const [analysis, found] = await Promise.all([
    analyzeOrganization(ctx.db, organizationId),
    searchSpikes(ctx.db, organizationId, filter),
  ]);
  return {
    analysis: { ...analysis, releases: analysis.releases.map(suppressSmallCells) },
    spikes: explainEpisodes(analysis.releases, found.episodes),
    /** The days the spike search covered (the view's range, at most its last two years). */
    spikesSearched: found.searched,
  };
}
