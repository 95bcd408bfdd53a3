import { Alert } from "@conductor/ui";
import { serverApi } from "~/server/api";

/**
 * Invitations waiting for the signed-in person's address. Accepting takes the
 * link the inviting admin sent (the banner is not a way in on its own), so an
 * account someone else set up for this address cannot join on its owner's
 * behalf.
 */
export async function PendingInvitations() {
  const invitations = await (await serverApi()).invitations.mine().catch(() => []);
  if (invitations.length === 0) return null;
  return (
    <div className="mb-6 space-y-2">
      {invitations.map((invitation) => (
        <Alert
          key={invitation.invitationId}
          tone="info"
          title={`${invitation.organizationName} invited you`}
        >
          {invitation.invitedBy} invited you to join {invitation.organizationName}. Open the
          invitation link they sent you to accept; it works until{" "}
          {invitation.expiresAt.toLocaleDateString("en-GB", { dateStyle: "medium" })}.
        </Alert>
      ))}
    </div>
  );
}
