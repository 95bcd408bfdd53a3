import { authorize, loadActor, membershipIn } from "@conductor/core";
import { organizationScopeSchema } from "@conductor/core/schemas";
import { buildRequestContext } from "~/server/api";
import { appErrorResponse } from "~/server/http";
import { liveBus } from "~/server/live";
import { liveStream } from "~/server/live-stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/live?organizationId=…: server-sent events telling this member's
 * open screens that something in their organisation changed (ids and kinds
 * only; the screens refetch through tRPC). Signed out → 401; not a member →
 * 404, as for any of the organisation's data.
 */
export async function GET(request: Request) {
  try {
    const scope = organizationScopeSchema.safeParse({
      organizationId: new URL(request.url).searchParams.get("organizationId") ?? "",
    });
    if (!scope.success)
      return Response.json(
        { error: "organizationId must name one of your organisations", reason: null },
        { status: 400 },
      );
    const { organizationId } = scope.data;
    const ctx = await buildRequestContext();
    const { actor } = authorize(
      ctx.actor,
      "organization.read",
      { kind: "organization", organizationId },
      "Organisation",
    );
    // Not waiting for the Redis subscription: with Redis down the stream
    // still opens, and the screen refetches when it reconnects.
    const stream = liveStream({
      bus: liveBus(),
      organizationId,
      userId: actor.userId,
      stillMember: async () =>
        membershipIn(await loadActor(ctx.db, actor.userId), organizationId) !== undefined,
      signal: request.signal,
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        // Proxies such as nginx would otherwise hold events back in a buffer.
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    return appErrorResponse(error);
  }
}
