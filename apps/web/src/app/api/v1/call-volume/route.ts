import { importCallVolumeFeed } from "@conductor/core";
import { callFeedQuerySchema, fieldErrorsOf } from "@conductor/core/schemas";
import { getDb } from "~/server/db";
import { bodyChunks } from "~/server/http";
import { declaredTooLarge, uploadErrorResponse } from "../../call-volume/upload-response";

/**
 * POST /api/v1/call-volume?granularity=DAY|WEEK&dateFormat=iso|dmy|mdy
 * [&keep=totals|breakdown|both, where the feed's totals meet breakdowns] — the
 * contact centre's nightly feed. Authorization: Bearer <call-volume token>.
 * Body: CSV with columns date, reason, calls (and segment, region, reference
 * if kept). 201 imported (repeating a night changes nothing); 422 with every
 * problem by line and column, nothing written; 401/403 a bad token; 408 a
 * stalled body, 413 one over the size limit, 429 two feeds already in
 * progress on this token.
 */
export async function POST(request: Request) {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
  if (!token)
    return Response.json(
      { error: "Send the call-volume token as Authorization: Bearer cdr_…" },
      { status: 401, headers: { Connection: "close" } },
    );
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = callFeedQuerySchema.safeParse(query);
  if (!parsed.success)
    return Response.json(
      { error: "The feed options need attention", fieldErrors: fieldErrorsOf(parsed.error) },
      { status: 400, headers: { Connection: "close" } },
    );
  const tooLarge = declaredTooLarge(request);
  if (tooLarge) return tooLarge;
  try {
    const result = await importCallVolumeFeed(await getDb(), token, bodyChunks(request), {
      fileName: parsed.data.fileName ?? `feed-${new Date().toISOString().slice(0, 10)}.csv`,
      granularity: parsed.data.granularity,
      dateFormat: parsed.data.dateFormat,
      keep: parsed.data.keep,
    });
    return Response.json(result, { status: result.status === "refused" ? 422 : 201 });
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
