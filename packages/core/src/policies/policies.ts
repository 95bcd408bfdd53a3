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
  | "communication.edit"
  /** Start a thread or reply: anyone who can read may comment. */
  | "comment.create"
  /** Change the words of a comment: its author only. */
  | "comment.edit"
  /** Resolve or reopen a thread: its author or the communication's owner. */
  | "comment.resolve"
  /** Save a named version or restore one: whoever may edit the text. */
  | "version.create"
  /** Change the conductor brief: the owner and comms managers (others comment on it). */
  | "brief.update"
  /** Judge a saved version as the customer ("would they get it?"): whoever reviews or edits it. */
  | "reading.record"
  /** Submit a version for review: the owner and comms managers. */
  | "review.submit"
  /** Name reviewers per function for one communication: the owner and comms managers. */
  | "review.assign"
  /** Decide in a review stage: members with a function (the workflow checks which). */
  | "review.decide"
  /** Approve the release: comms managers. */
  | "review.release"
  /** Correct a recorded release (send dates, recipients, campaign id): the owner and comms managers. */
  | "release.correct"
  /** Change review templates, the minimum score and reason codes: comms managers and admins. */
  | "reviewSettings.manage"
  /** Walk the organisation's audit trail on demand: admins and comms managers. */
  | "audit.verify"
  /** Create, edit and archive personas: comms managers and admins. */
  | "persona.manage"
  /** Edit the organisation's brief templates: comms managers and admins. */
  | "briefTemplate.manage"
  /** See call-volume analytics (aggregate, small cells suppressed): every member. */
  | "calls.read"
  /** Import call volume and edit the reason taxonomy and attribution windows: analysts and admins. */
  | "calls.manage"
  /** Say which reason codes a communication is expected to drive: its owner, comms managers, analysts. */
  | "calls.mapCommunication"
  /** See the rule evidence (effects, calibration, proposed rule changes): analysts and admins. */
  | "calls.evidence"
  /** Set what one customer call costs: admins. */
  | "calls.setCost"
  /** See the organisation's outgoing mail (what was sent, and what could not be and why): admins. */
  | "outgoingMail.read"
  /** Send a failed mail again: admins. */
  | "outgoingMail.retry"
  /** Adopt a change to the organisation's clarity rule set (every score follows it): admins. */
  | "ruleSet.adopt"
  /** Add, delete and read the log of outgoing webhooks: admins. */
  | "webhook.manage";

export type Resource =
  | { kind: "organization"; organizationId: string }
  | { kind: "communication"; organizationId: string; ownerId: string }
  | {
      kind: "comment";
      organizationId: string;
      authorId: string;
      /** The owner of the communication the comment is on. */
      ownerId: string;
    };

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
    case "calls.read":
    case "member.list":
    case "communication.list":
    case "communication.read":
      return true;
    case "member.manage":
    case "outgoingMail.read":
    case "outgoingMail.retry":
    case "ruleSet.adopt":
    case "webhook.manage":
      return has("ADMIN");
    case "communication.create":
      return has("COMMS_MANAGER");
    case "comment.create":
      return true;
    case "comment.edit":
      return resource.kind === "comment" && resource.authorId === actor.userId;
    case "comment.resolve":
      return (
        resource.kind === "comment" &&
        (resource.authorId === actor.userId || resource.ownerId === actor.userId)
      );
    case "version.create":
    case "communication.edit":
    case "reading.record":
      // Reviewers of every function, comms managers and the owner write; analysts
      // and admins without a function read.
      return (
        resource.kind === "communication" &&
        (resource.ownerId === actor.userId ||
          has("COMMS_MANAGER") ||
          membership.functions.length > 0)
      );
    case "persona.manage":
    case "briefTemplate.manage":
    case "audit.verify":
    case "reviewSettings.manage":
      return has("COMMS_MANAGER") || has("ADMIN");
    case "calls.manage":
    case "calls.evidence":
      return has("ANALYST") || has("ADMIN");
    case "calls.setCost":
      return has("ADMIN");
    case "calls.mapCommunication":
      return (
        resource.kind === "communication" &&
        (resource.ownerId === actor.userId || has("COMMS_MANAGER") || has("ANALYST"))
      );
    case "review.decide":
      return membership.functions.length > 0;
    case "review.release":
      return has("COMMS_MANAGER");
    case "review.submit":
    case "review.assign":
    case "release.correct":
    case "brief.update":
    case "communication.update":
      return (
        resource.kind === "communication" &&
        (resource.ownerId === actor.userId || has("COMMS_MANAGER"))
      );
  }
}
