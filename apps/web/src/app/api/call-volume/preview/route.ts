import { previewCallVolumeUpload } from "@conductor/core";
import { requestContext } from "~/server/api";
import { appErrorResponse, bodyChunks } from "~/server/http";

const SAMPLE = 64 * 1024;

/**
 * POST /api/call-volume/preview?organizationId=… with the first bytes of a
 * file (up to 64 KB): its header, a few rows, a suggested column mapping and
 * any columns that look like personal data. Nothing is stored.
 */
export async function POST(request: Request) {
  const organizationId = new URL(request.url).searchParams.get("organizationId") ?? "";
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(request)) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= SAMPLE) break;
  }
  const sample = new Uint8Array(Math.min(size, SAMPLE));
  let at = 0;
  for (const part of parts) {
    const take = part.subarray(0, sample.length - at);
    sample.set(take, at);
    at += take.length;
  }
  try {
    return Response.json(
      await previewCallVolumeUpload(await requestContext(), organizationId, sample),
    );
  } catch (error) {
    return appErrorResponse(error);
  }
}
