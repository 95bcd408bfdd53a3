import { AppError, authorizeCollabConnection } from "@conductor/core";
import type { Database } from "@conductor/db";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { presenceIdentity } from "./presence";

/**
 * Every connection presents a short-lived token from the API; the same
 * policies as the API decide, and readers get a read-only connection. The
 * context keeps who the token proved, down to the name and function presence
 * shows (presence.ts).
 */
export function authentication(db: Database, secret: string): Extension {
  return {
    async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload) {
      try {
        const user = await authorizeCollabConnection(db, { token, documentName, secret });
        connectionConfig.readOnly = user.access === "read";
        const shown = await presenceIdentity(db, user, documentName);
        return { user: { ...user, ...shown } };
      } catch (error) {
        // Hocuspocus closes the connection on any throw; keep the reason.
        throw new Error(
          error instanceof AppError ? error.message : "Collaboration connection refused",
        );
      }
    },
  };
}
