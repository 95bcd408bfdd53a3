import type { RouterOutputs } from "@conductor/api";
import { certificatePdf } from "@conductor/core";
import { serverApi } from "~/server/api";
import { appErrorResponse, quoted } from "~/server/http";

/**
 * GET …/certificate?format=pdf|json[&reviewId=…]: the approval certificate
 * as a download — a PDF (with the data attached) or the data alone.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(request.url).searchParams;
  const format = query.get("format") ?? "pdf";
  if (format !== "pdf" && format !== "json")
    return Response.json(
      { error: `format must be pdf or json, not ${quoted(format)}` },
      { status: 400 },
    );
  const reviewId = query.get("reviewId") ?? undefined;
  let certificate: RouterOutputs["reviews"]["certificate"];
  try {
    certificate = await (await serverApi()).reviews.certificate({ communicationId: id, reviewId });
  } catch (error) {
    return appErrorResponse(error);
  }
  const filename = `approval-certificate-${id}-v${certificate.version.number}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${filename}"` };
  return format === "pdf"
    ? new Response(Buffer.from(await certificatePdf(certificate)), {
        headers: { ...headers, "content-type": "application/pdf" },
      })
    : new Response(JSON.stringify(certificate, null, 2), {
        headers: { ...headers, "content-type": "application/json; charset=utf-8" },
      });
}
