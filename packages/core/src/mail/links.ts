import type { NotificationKind } from "@conductor/db/enums";
import type { MailConfig } from "./config";
import { type UnsubscribeClaim, unsubscribeToken } from "./unsubscribe-token";

/** Where a notification's mail sends its reader: the comment, the suggestions, or the review tab. */
export function placeLink(
  appUrl: string,
  n: { kind: NotificationKind; communicationId: string; threadId: string | null },
) {
  const id = encodeURIComponent(n.communicationId);
  return n.kind === "MENTION" && n.threadId
    ? `${appUrl}/communications/${id}?thread=${encodeURIComponent(n.threadId)}`
    : n.kind === "SUGGESTION_REJECTED"
      ? `${appUrl}/communications/${id}?tab=suggestions`
      : `${appUrl}/communications/${id}?tab=review`;
}

export const preferencesLink = (appUrl: string) => `${appUrl}/settings/email`;

/**
 * The one-click unsubscribe link and its headers (RFC 8058): a mail client
 * POSTs "List-Unsubscribe=One-Click" to the link; a person opening it gets a
 * page with one button, so a link scanner's GET changes nothing.
 */
export function unsubscribeFor(config: MailConfig, claim: UnsubscribeClaim) {
  const url = `${config.appUrl}/api/unsubscribe?token=${unsubscribeToken(claim, config.authSecret)}`;
  return {
    url,
    headers: {
      "List-Unsubscribe": `<${url}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
