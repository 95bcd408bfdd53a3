import type { RouterOutputs } from "@conductor/api";
import { trailCsv } from "@conductor/core";
import { TRPCError } from "@trpc/server";
import { serverApi } from "~/server/api";

const statuses: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

/** GET …/audit?format=json|csv: one communication's audit trail, as a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "csv")
    return Response.json({ error: `format must be json or csv, not "${format}"` }, { status: 400 });
  let trail: RouterOutputs["audit"]["trail"];
  try {
    trail = await (await serverApi()).audit.trail({ communicationId: id });
  } catch (error) {
    if (error instanceof TRPCError && statuses[error.code])
      return Response.json({ error: error.message }, { status: statuses[error.code] });
    throw error;
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
