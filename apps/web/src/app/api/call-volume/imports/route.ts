import { queueCallImport } from "@conductor/core";
import { callImportQuerySchema, fieldErrorsOf } from "@conductor/core/schemas";
import { requestContext } from "~/server/api";
import { bodyChunks } from "~/server/http";
import { declaredTooLarge, uploadErrorResponse } from "../upload-response";

/**
 * POST /api/call-volume/imports?organizationId=…&fileName=…&granularity=DAY|WEEK
 * &dateFormat=iso|dmy|mdy&mapping={json}&drop=[json]&dryRun=1 with the file as
 * the body, streamed. The file is stored and the check (dryRun=1) or the
 * import is left to the job worker: 202 with { importId } at once, whose
 * progress and answer `calls.importStatus` gives. 400 for bad options;
 * 408 when the body stalls, 413 when it is over the size limit, 429 when
 * the person already has two uploads in progress (each closing the
 * connection, whose body was not read to its end).
 */
export async function POST(request: Request) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = callImportQuerySchema.safeParse(query);
  if (!parsed.success)
    return Response.json(
      { error: "The import options need attention", fieldErrors: fieldErrorsOf(parsed.error) },
      { status: 400, headers: { Connection: "close" } },
    );
  const tooLarge = declaredTooLarge(request);
  if (tooLarge) return tooLarge;
  try {
    const queued = await queueCallImport(await requestContext(), bodyChunks(request), parsed.data);
    return Response.json(queued, { status: 202 });
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
