import type { UseCaseContext } from "../context";
import { type CallImportOptions, importAuthorized, importCallVolume } from "./import";

/** An analyst's upload: authorised, then imported as theirs. */
export async function importCallVolumeUpload(
  ctx: UseCaseContext,
  source: AsyncIterable<Uint8Array>,
  options: CallImportOptions,
) {
  const { actor } = importAuthorized(ctx, options.organizationId);
  return importCallVolume(ctx.db, source, options, { kind: "person", userId: actor.userId });
}
