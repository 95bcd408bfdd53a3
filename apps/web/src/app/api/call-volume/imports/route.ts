import { importCallVolumeUpload } from "@conductor/core";
import { callImportQuerySchema, fieldErrorsOf } from "@conductor/core/schemas";
import { requestContext } from "~/server/api";
import { appErrorResponse, bodyChunks } from "~/server/http";

/**
 * POST /api/call-volume/imports?organizationId=…&fileName=…&granularity=DAY|WEEK
 * &dateFormat=iso|dmy|mdy&mapping={json}&drop=[json]&dryRun=1 with the file as
 * the body, streamed. 200 with what was imported (or, for a check, what
 * would be); 422 with every problem by line and column, nothing written.
 */
export async function POST(request: Request) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = callImportQuerySchema.safeParse(query);
  if (!parsed.success)
    return Response.json(
      { error: "The import options need attention", fieldErrors: fieldErrorsOf(parsed.error) },
      { status: 400 },
    );
  try {
    const result = await importCallVolumeUpload(
      await requestContext(),
      bodyChunks(request),
      parsed.data,
    );
    return Response.json(result, { status: result.status === "refused" ? 422 : 200 });
  } catch (error) {
    return appErrorResponse(error);
  }
}
