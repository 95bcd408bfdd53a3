import { type Actor, membershipIn } from "../actor";

/** Everything a person can ask to do; each procedure names exactly one. */
export type Action =
  | "organization.read"
  | "member.list"
  | "member.manage"
  | "communication.list"
  | "communication.create"
  | "communication.read"
  | "communication.update"
  /** Change the message text (co-editing); readers without it get a read-only editor. */
  | "communication.edit";

export type Resource =
  | { kind: "organization"; organizationId: string }
  | { kind: "communication"; organizationId: string; ownerId: string };

/**
 * The single answer to "may this actor do this to that?". Tenancy comes
 * first: nobody may do anything in an organisation they are not a member of.
 */
export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  const membership = membershipIn(actor, resource.organizationId);
  if (!actor || !membership) return false;
  const has = (role: (typeof membership.roles)[number]) => membership.roles.includes(role);

  switch (action) {
    case "organization.read":
    case "member.list":
    case "communication.list":
    case "communication.read":
      return true;
    case "member.manage":
      return has("ADMIN");
    case "communication.create":
      return has("COMMS_MANAGER");
    case "communication.edit":
      // Reviewers of every function, comms managers and the owner write; analysts
      // and admins without a function read.
      return (
        resource.kind === "communication" &&
        (resource.ownerId === actor.userId ||
          has("COMMS_MANAGER") ||
          membership.functions.length > 0)
      );
    case "communication.update":
      return (
        resource.kind === "communication" &&
        (resource.ownerId === actor.userId || has("COMMS_MANAGER"))
      );
  }
}
