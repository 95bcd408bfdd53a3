import { releaseByToken } from "@conductor/core";
import { fieldErrorsOf, releaseByTokenSchema } from "@conductor/core/schemas";
import { getDb } from "~/server/db";
import { appErrorResponse } from "~/server/http";
import { liveSignals } from "~/server/live";

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
    const db = await getDb();
    const release = await releaseByToken(db, token, parsed.data);
    // A release sent by a tool shows on open screens as one made in the app does.
    const { organizationId } = await db.communication.findUniqueOrThrow({
      where: { id: release.communicationId },
      select: { organizationId: true },
    });
    await liveSignals.publish({
      kind: "review",
      organizationId,
      communicationId: release.communicationId,
    });
    return Response.json({ release }, { status: 201 });
  } catch (error) {
    return appErrorResponse(error);
  }
}
