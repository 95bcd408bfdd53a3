import type { RouterOutputs } from "@conductor/api";
import { trailCsv } from "@conductor/core";
import { serverApi } from "~/server/api";
import { appErrorResponse, quoted } from "~/server/http";

/** GET …/audit?format=json|csv: one communication's audit trail, as a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "csv")
    return Response.json(
      { error: `format must be json or csv, not ${quoted(format)}` },
      { status: 400 },
    );
  let trail: RouterOutputs["audit"]["trail"];
  try {
    trail = await (await serverApi()).audit.trail({ communicationId: id });
  } catch (error) {
    return appErrorResponse(error);
  }
  const filename = `audit-trail-${id}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${filename}"` };
  return format === "csv"
    ? new Response(trailCsv(trail), {
        headers: { ...headers, "content-type": "text/csv; charset=utf-8" },
      })
    : new Response(JSON.stringify({ communicationId: id, entries: trail }, null, 2), {
        headers: { ...headers, "content-type": "application/json; charset=utf-8" },
      });
}
