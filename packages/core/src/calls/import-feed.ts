import type { UseCaseContext } from "../context";
import { authenticateToken } from "../reviews/release-tokens";
import { type CallImportOptions, importReceived, peek, receiveUpload, refused } from "./import";
import { previewCallCsv } from "./preview";
import { type CallColumnMapping, quotedColumns } from "./rows";
import { type UploadLimits, uploadLimits } from "./upload";

/**
 * The contact centre's nightly feed: the token says which organisation; the
 * columns are found by their usual names (date, reason, calls, and segment,
 * region, reference where present). Personal-data columns refuse the feed.
 */
export async function importCallVolumeFeed(
  db: UseCaseContext["db"],
  token: string | null,
  source: AsyncIterable<Uint8Array>,
  options: Pick<CallImportOptions, "fileName" | "granularity" | "dateFormat" | "keep">,
  limits: UploadLimits = uploadLimits,
) {
  const row = await authenticateToken(db, token, "CALL_VOLUME");
  return receiveUpload(`token:${row.id}`, source, limits, async (upload) => {
    const { head, all } = await peek(upload.chunks());
    const preview = await previewCallCsv(head);
    const mapping = preview.ok ? preview.suggested : {};
    const missing = (["date", "reason", "calls"] as const).filter((f) => !mapping[f]);
    if (preview.ok && missing.length)
      return refused(
        `The feed needs columns named date, reason and calls; found ${quotedColumns(preview.headers)}`,
      ).result;
    return importReceived(
      db,
      all,
      {
        ...options,
        organizationId: row.organizationId,
        mapping: mapping as CallColumnMapping,
        dropColumns: [],
        dryRun: false,
      },
      { kind: "token", tokenId: row.id, tokenName: row.name },
    );
  });
}
