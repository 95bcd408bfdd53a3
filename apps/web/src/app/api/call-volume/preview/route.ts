import { previewCallVolumeUpload, readPreviewSample } from "@conductor/core";
import { requestContext } from "~/server/api";
import { bodyChunks } from "~/server/http";
import { uploadErrorResponse } from "../upload-response";

/**
 * POST /api/call-volume/preview?organizationId=… with the first bytes of a
 * file (up to 64 KB): its header, a few rows, a suggested column mapping and
 * any columns that look like personal data. Nothing is stored. A longer
 * body is read and discarded (up to 16 MB more) so the connection can carry
 * the next request; past that, or after a stall, the answer closes it.
 */
export async function POST(request: Request) {
  const organizationId = new URL(request.url).searchParams.get("organizationId") ?? "";
  try {
    const ctx = await requestContext();
    const { sample, complete } = await readPreviewSample(bodyChunks(request));
    return Response.json(
      await previewCallVolumeUpload(ctx, organizationId, sample),
      complete ? {} : { headers: { Connection: "close" } },
    );
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
