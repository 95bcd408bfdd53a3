import {
  AppError,
  readUnsubscribeToken,
  resolveAuthSecret,
  unsubscribeByLink,
} from "@conductor/core";
import { notificationKindLabels } from "@conductor/core/labels";
import { getDb } from "~/server/db";
import { appErrorResponse, appErrorStatus } from "~/server/http";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

function page(status: number, title: string, body: string) {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)} · Conductor</title></head><body style="font-family:Helvetica,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`,
    {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    },
  );
}

const kindName = (kind: string) =>
  kind === "DIGEST"
    ? "daily digest"
    : (notificationKindLabels[kind as keyof typeof notificationKindLabels] ?? kind).toLowerCase();

/**
 * GET /api/unsubscribe?token=… — a person who clicked the link sees one
 * button (link scanners fetch links; a GET changes nothing).
 */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    const claim = readUnsubscribeToken(token, resolveAuthSecret());
    return page(
      200,
      "Unsubscribe",
      `<p>Stop emails about <strong>${escapeHtml(kindName(claim.kind))}</strong>? You still see them in Conductor's notifications.</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" style="font-size:1rem;padding:.5rem 1rem">Unsubscribe</button></form>`,
    );
  } catch (error) {
    if (error instanceof AppError)
      return page(
        appErrorStatus[error.code],
        "This link does not work",
        `<p>${escapeHtml(error.message)}.</p>`,
      );
    return appErrorResponse(error);
  }
}

/**
 * POST /api/unsubscribe?token=… — RFC 8058 one-click unsubscribe (the mail
 * client posts List-Unsubscribe=One-Click, without cookies) or the button
 * above: sets that kind to off for that person. A tampered or expired token
 * is a 400 and changes nothing.
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    const done = await unsubscribeByLink(await getDb(), token, resolveAuthSecret());
    return page(
      200,
      "Unsubscribed",
      `<p>You will get no more emails about <strong>${escapeHtml(kindName(done.claim))}</strong> from ${escapeHtml(done.organizationName)}. Choose what you get in Settings → Email.</p>`,
    );
  } catch (error) {
    return appErrorResponse(error);
  }
}
