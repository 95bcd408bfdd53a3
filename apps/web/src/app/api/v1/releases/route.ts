import { releaseByToken } from "@conductor/core";
import { fieldErrorsOf, releaseByTokenSchema } from "@conductor/core/schemas";
import { getDb } from "~/server/db";
import { appErrorResponse } from "~/server/http";

/**
 * POST /api/v1/releases — a sending system records that it released an
 * approved communication. Authorization: Bearer <release token>. Body:
 * { communicationId, channel, sendDates: [ISO dates], recipients, campaignId? }.
 * 201 with the release; 401 bad or revoked token; 404 no such communication
 * in the token's organisation; 409 not approved; 400 a bad body, by field.
 */
export async function POST(request: Request) {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
  if (!token)
    return Response.json(
      { error: "Send the release token as Authorization: Bearer cdr_…" },
      { status: 401 },
    );
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "The body must be JSON" }, { status: 400 });
  }
  const parsed = releaseByTokenSchema.safeParse(body);
  if (!parsed.success)
    return Response.json(
      { error: "Some fields need attention", fieldErrors: fieldErrorsOf(parsed.error) },
      { status: 400 },
    );
  try {
    const release = await releaseByToken(await getDb(), token, parsed.data);
    return Response.json({ release }, { status: 201 });
  } catch (error) {
    return appErrorResponse(error);
  }
}
