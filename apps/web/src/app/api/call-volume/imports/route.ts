import { importCallVolumeUpload } from "@conductor/core";
import { callImportQuerySchema, fieldErrorsOf } from "@conductor/core/schemas";
import { requestContext } from "~/server/api";
import { bodyChunks } from "~/server/http";
import { declaredTooLarge, uploadErrorResponse } from "../upload-response";

/**
 * POST /api/call-volume/imports?organizationId=…&fileName=…&granularity=DAY|WEEK
 * &dateFormat=iso|dmy|mdy&mapping={json}&drop=[json]&dryRun=1 with the file as
 * the body, streamed. 200 with what was imported (or, for a check, what
 * would be); 422 with every problem by line and column, nothing written;
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
    const result = await importCallVolumeUpload(
      await requestContext(),
      bodyChunks(request),
      parsed.data,
    );
    return Response.json(result, { status: result.status === "refused" ? 422 : 200 });
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
