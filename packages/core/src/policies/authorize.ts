import { type Actor, type ActorMembership, membershipIn } from "../actor";
import { AppError, forbidden, notFound } from "../errors";
import { type Action, can, type Resource } from "./policies";

const refusals: Record<Action, string> = {
  "organization.read": "You are not allowed to view this organisation",
  "member.list": "You are not allowed to view members",
  "member.manage": "Only an organisation admin can manage members",
  "communication.list": "You are not allowed to view communications",
  "communication.create": "Only a comms manager can create communications",
  "communication.read": "You are not allowed to view this communication",
  "communication.update": "Only the owner or a comms manager can change this communication",
  "communication.edit": "You can read this message but not edit it",
  "comment.create": "You are not allowed to comment here",
  "comment.edit": "Only the author can change a comment",
  "comment.resolve": "Only the thread's author or the communication's owner can resolve it",
  "version.create": "You can read this message but not save or restore versions",
  "brief.update": "Only the owner or a comms manager changes the brief; comment on it instead",
  "reading.record": "Only reviewers, comms managers and the owner judge a version as the customer",
  "review.submit": "Only the owner or a comms manager submits for review",
  "review.assign": "Only the owner or a comms manager names reviewers",
  "review.decide": "Only reviewers with a function decide in a review",
  "review.release": "Only a comms manager approves the release",
  "release.correct": "Only the owner or a comms manager corrects a release",
  "audit.verify": "Only an admin or a comms manager can verify the audit trail",
  "reviewSettings.manage": "Only a comms manager or an admin can change how reviews run",
  "persona.manage": "Only a comms manager or an admin can change personas",
  "briefTemplate.manage": "Only a comms manager or an admin can change brief templates",
  "calls.read": "You are not allowed to view call-volume analytics",
  "outgoingMail.read": "Only an organisation admin can see outgoing mail",
  "outgoingMail.retry": "Only an organisation admin can send mail again",
  "ruleSet.adopt": "Only an organisation admin can change the clarity rules",
  "webhook.manage": "Only an organisation admin can manage webhooks",
  "calls.manage": "Only an analyst or an admin imports call volume and edits the reason codes",
  "calls.mapCommunication":
    "Only the owner, a comms manager or an analyst says which calls a message may drive",
  "calls.evidence": "Only an analyst or an admin sees the rule evidence",
  "calls.setCost": "Only an organisation admin sets what a call costs",
};

/** Who may act, as `authorize` proved it: the signed-in actor and their membership there. */
export interface Authorized {
  actor: Actor;
  membership: ActorMembership;
}

/**
 * Throws unless the actor may act, and returns the actor and membership it
 * checked, so callers need no non-null assertions. Outsiders get "not found"
 * rather than "forbidden", so a guessed id reveals nothing about another
 * organisation.
 */
export function authorize(
  actor: Actor | null,
  action: Action,
  resource: Resource,
  what: string,
): Authorized {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const membership = membershipIn(actor, resource.organizationId);
  if (!membership) throw notFound(what);
  if (!can(actor, action, resource)) throw forbidden(refusals[action]);
  return { actor, membership };
}

/** `authorize` on one communication: its organisation and owner decide, "Communication" is what a refusal names. */
export function authorizeCommunication(
  ctx: { actor: Actor | null },
  action: Action,
  communication: { organizationId: string; ownerId: string },
): Authorized {
  const { organizationId, ownerId } = communication;
  return authorize(
    ctx.actor,
    action,
    { kind: "communication", organizationId, ownerId },
    "Communication",
  );
}

/** `authorize` on an organisation as a whole (its settings, libraries, lists). */
export function authorizeInOrganization(
  ctx: { actor: Actor | null },
  action: Action,
  organizationId: string,
): Authorized {
  return authorize(ctx.actor, action, { kind: "organization", organizationId }, "Organisation");
}
