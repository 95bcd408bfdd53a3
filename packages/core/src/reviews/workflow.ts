import type { ReviewFunction } from "@conductor/db/enums";

/**
 * The review workflow as pure functions: given a review's state, its stage
 * rules and its decisions, each transition returns the next state or a
 * WorkflowError with a specific code. The database layer (reviews.ts) loads,
 * locks, calls these and writes the result; everything that can be decided
 * without the database is decided, and tested, here.
 */

/** How many of a function's members must approve for the function to be done. */
export type Quorum =
  | { kind: "any" }
  /** Every reviewer the owner named for the function. */
  | { kind: "all-named" }
  | { kind: "count"; count: number };

export interface StageRule {
  name: string;
  /** Decided in parallel; the stage is done when every function meets its quorum. */
  functions: ReviewFunction[];
  quorum: Quorum;
  dueBusinessDays: number;
}

export type ReviewStatus =
  | "IN_REVIEW"
  | "CHANGES_REQUESTED"
  | "REJECTED"
  /** Every review stage approved: waiting for the comms manager's release. */
  | "APPROVED"
  | "RELEASED"
  | "WITHDRAWN";

export type DecisionKind = "APPROVE" | "APPROVE_WITH_COMMENTS" | "REQUEST_CHANGES" | "REJECT";

export interface ReviewState {
  status: ReviewStatus;
  /** Index into the stages of the stage now deciding. */
  stage: number;
  /** The content hash of the version under review. */
  versionHash: string;
  submittedById: string;
}

export interface Decision {
  stage: number;
  function: ReviewFunction;
  reviewerId: string;
  kind: DecisionKind;
  versionHash: string;
  superseded: boolean;
}

export interface Reviewer {
  userId: string;
  functions: ReviewFunction[];
  isCommsManager: boolean;
}

export interface ReviewPolicy {
  /** Named reviewers per function, for this communication. */
  named: Partial<Record<ReviewFunction, string[]>>;
  /** The organisation forbids approving a review you submitted. */
  forbidSelfApproval: boolean;
}

export type WorkflowErrorCode =
  | "REVIEW_NOT_OPEN"
  | "VERSION_MISMATCH"
  | "NOT_A_STAGE_REVIEWER"
  | "NOT_A_NAMED_REVIEWER"
  | "FUNCTION_REQUIRED"
  | "SELF_APPROVAL_FORBIDDEN"
  | "ALREADY_DECIDED"
  | "REASON_REQUIRED"
  | "NOT_APPROVED"
  | "NOT_A_COMMS_MANAGER"
  | "REVIEW_CLOSED"
  | "NOTHING_CHANGED"
  | "NAMED_REVIEWERS_MISSING";

export class WorkflowError extends Error {
  override readonly name = "WorkflowError";
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const approves = (kind: DecisionKind) => kind === "APPROVE" || kind === "APPROVE_WITH_COMMENTS";

/** The decisions that still count: on this version, not superseded. */
export function activeDecisions(state: ReviewState, decisions: readonly Decision[]) {
  return decisions.filter((d) => !d.superseded && d.versionHash === state.versionHash);
}

/**
 * The functions a reviewer may still decide for now: the current stage's
 * functions they belong to, where the owner named them (or named no one),
 * that they have not decided for on this version. "My reviews" and the
 * decision form both ask this.
 */
export function functionsAwaiting(
  state: ReviewState,
  rules: readonly StageRule[],
  decisions: readonly Decision[],
  reviewer: Pick<Reviewer, "userId" | "functions">,
  named: ReviewPolicy["named"],
): ReviewFunction[] {
  const rule = state.status === "IN_REVIEW" ? rules[state.stage] : undefined;
  if (!rule) return [];
  const live = activeDecisions(state, decisions);
  return rule.functions.filter((fn) => {
    const people = named[fn];
    return (
      reviewer.functions.includes(fn) &&
      (!people?.length || people.includes(reviewer.userId)) &&
      !live.some(
        (d) => d.stage === state.stage && d.function === fn && d.reviewerId === reviewer.userId,
      )
    );
  });
}

/** Has this function met its quorum in this stage? */
export function functionDone(
  rule: StageRule,
  fn: ReviewFunction,
  stage: number,
  decisions: readonly Decision[],
  policy: ReviewPolicy,
): boolean {
  const approvers = new Set(
    decisions
      .filter((d) => d.stage === stage && d.function === fn && approves(d.kind))
      .map((d) => d.reviewerId),
  );
  switch (rule.quorum.kind) {
    case "any":
      return approvers.size >= 1;
    case "count":
      return approvers.size >= rule.quorum.count;
    case "all-named": {
      const named = policy.named[fn] ?? [];
      return named.length > 0 && named.every((id) => approvers.has(id));
    }
  }
}

/** The rule of a stage the review is in; a stage past the workflow's end is a bug, not input. */
export function stageRule(rules: readonly StageRule[], stage: number): StageRule {
  const rule = rules[stage];
  if (!rule)
    throw new Error(`Review stage ${stage} is not in the workflow (${rules.length} stages)`);
  return rule;
}

export function stageDone(
  rules: readonly StageRule[],
  stage: number,
  decisions: readonly Decision[],
  policy: ReviewPolicy,
) {
  const rule = stageRule(rules, stage);
  return rule.functions.every((fn) => functionDone(rule, fn, stage, decisions, policy));
}

/**
 * Checks a submission can run: a stage whose quorum is "all named" needs
 * named reviewers for each of its functions.
 */
export function checkSubmission(rules: readonly StageRule[], policy: ReviewPolicy) {
  for (const rule of rules) {
    if (rule.quorum.kind !== "all-named") continue;
    const missing = rule.functions.filter((fn) => !(policy.named[fn]?.length ?? 0));
    if (missing.length)
      throw new WorkflowError(
        "NAMED_REVIEWERS_MISSING",
        `Stage "${rule.name}" needs every named reviewer, and none is named for ${missing.join(", ")}`,
      );
  }
}

/**
 * A new version under review. Decisions on another version are superseded;
 * the review returns to the first stage whose approvals no longer match
 * (with the content changed, none match, so stage 1), and is open again.
 */
export function resubmit(
  state: ReviewState,
  versionHash: string,
  submittedById: string,
): { state: ReviewState; supersede: boolean } {
  if (state.status === "RELEASED" || state.status === "WITHDRAWN" || state.status === "REJECTED")
    throw new WorkflowError(
      "REVIEW_CLOSED",
      `This review is ${state.status.toLowerCase()}: submit starts a new review`,
    );
  const changed = versionHash !== state.versionHash;
  // Approved already: the same version again would reopen a review with no stage left to wait on.
  if (!changed && state.status === "APPROVED")
    throw new WorkflowError(
      "NOTHING_CHANGED",
      "This version is already approved: release it, or change the text or the brief to submit again",
    );
  if (!changed && state.status === "CHANGES_REQUESTED")
    throw new WorkflowError(
      "NOTHING_CHANGED",
      "Changes were requested and this is the same version: change the text or the brief first",
    );
  return {
    state: {
      status: "IN_REVIEW",
      stage: changed ? 0 : state.stage,
      versionHash,
      submittedById,
    },
    supersede: changed,
  };
}

export interface DecisionInput {
  reviewer: Reviewer;
  /** Which of the reviewer's functions they decide for (needed when several apply). */
  function?: ReviewFunction;
  kind: DecisionKind;
  reasonCode?: string | null;
  /** The version hash the reviewer was looking at. */
  versionHash: string;
}

/** Records one reviewer's decision in the current stage and moves the review on. */
export function decide(
  state: ReviewState,
  rules: readonly StageRule[],
  decisions: readonly Decision[],
  input: DecisionInput,
  policy: ReviewPolicy,
): { state: ReviewState; decision: Decision } {
  if (state.status !== "IN_REVIEW")
    throw new WorkflowError(
      "REVIEW_NOT_OPEN",
      state.status === "CHANGES_REQUESTED"
        ? "Changes were requested: the owner must submit a new version first"
        : `This review is ${state.status.toLowerCase().replace("_", " ")}: it takes no more decisions`,
    );
  if (input.versionHash !== state.versionHash)
    throw new WorkflowError(
      "VERSION_MISMATCH",
      "The version under review changed since you opened it: read the new version, then decide",
    );
  const rule = stageRule(rules, state.stage);
  const eligible = rule.functions.filter((fn) => input.reviewer.functions.includes(fn));
  if (eligible.length === 0)
    throw new WorkflowError(
      "NOT_A_STAGE_REVIEWER",
      `Stage "${rule.name}" is decided by ${rule.functions.join(", ")}; you are not a member of any`,
    );
  const fn = input.function ?? (eligible.length === 1 ? eligible[0] : undefined);
  if (!fn)
    throw new WorkflowError(
      "FUNCTION_REQUIRED",
      `You belong to ${eligible.join(" and ")}: say which function you decide for`,
    );
  if (!eligible.includes(fn))
    throw new WorkflowError(
      "NOT_A_STAGE_REVIEWER",
      `You cannot decide for ${fn} in stage "${rule.name}"`,
    );
  const named = policy.named[fn];
  if (named?.length && !named.includes(input.reviewer.userId))
    throw new WorkflowError(
      "NOT_A_NAMED_REVIEWER",
      `The owner named other reviewers for ${fn} on this communication`,
    );
  if (
    approves(input.kind) &&
    policy.forbidSelfApproval &&
    input.reviewer.userId === state.submittedById
  )
    throw new WorkflowError(
      "SELF_APPROVAL_FORBIDDEN",
      "Your organisation does not let you approve a review you submitted",
    );
  const active = activeDecisions(state, decisions);
  if (
    active.some(
      (d) => d.stage === state.stage && d.function === fn && d.reviewerId === input.reviewer.userId,
    )
  )
    throw new WorkflowError(
      "ALREADY_DECIDED",
      `You have already decided for ${fn} on this version in this stage`,
    );
  if ((input.kind === "REQUEST_CHANGES" || input.kind === "REJECT") && !input.reasonCode)
    throw new WorkflowError("REASON_REQUIRED", "Choose a reason (missing disclosure, inaccurate…)");

  const decision: Decision = {
    stage: state.stage,
    function: fn,
    reviewerId: input.reviewer.userId,
    kind: input.kind,
    versionHash: state.versionHash,
    superseded: false,
  };
  if (input.kind === "REQUEST_CHANGES")
    return { decision, state: { ...state, status: "CHANGES_REQUESTED" } };
  if (input.kind === "REJECT") return { decision, state: { ...state, status: "REJECTED" } };
  let stage = state.stage;
  const after = [...active, decision];
  while (stage < rules.length && stageDone(rules, stage, after, policy)) stage++;
  return {
    decision,
    state: { ...state, stage, status: stage >= rules.length ? "APPROVED" : "IN_REVIEW" },
  };
}

/** The final stage: a comms manager releases an approved review. */
export function release(state: ReviewState, actor: Reviewer): ReviewState {
  if (!actor.isCommsManager)
    throw new WorkflowError("NOT_A_COMMS_MANAGER", "Only a comms manager approves the release");
  if (state.status !== "APPROVED")
    throw new WorkflowError(
      "NOT_APPROVED",
      state.status === "RELEASED"
        ? "This version is already released"
        : "Every review stage must approve before the release",
    );
  return { ...state, status: "RELEASED" };
}

/**
 * The owner takes a review back before it is released: it ends, its
 * decisions stay on record, and the next submission starts a new review.
 */
export function withdraw(state: ReviewState): ReviewState {
  if (state.status === "RELEASED" || state.status === "WITHDRAWN" || state.status === "REJECTED")
    throw new WorkflowError(
      "REVIEW_CLOSED",
      `This review is already ${state.status.toLowerCase()}: there is nothing to withdraw`,
    );
  return { ...state, status: "WITHDRAWN" };
}

/** The due moment `days` business days (Monday–Friday) after `from`. */
export function addBusinessDays(from: Date, days: number): Date {
  const due = new Date(from);
  let left = days;
  while (left > 0) {
    due.setUTCDate(due.getUTCDate() + 1);
    const day = due.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return due;
}

/** The default template: legal + compliance + regulatory → accounting + product → release. */
export const defaultStages: StageRule[] = [
  {
    name: "Legal, compliance and regulatory",
    functions: ["LEGAL", "COMPLIANCE", "REGULATORY"],
    quorum: { kind: "any" },
    dueBusinessDays: 3,
  },
  {
    name: "Accounting and product",
    functions: ["ACCOUNTING", "PRODUCT"],
    quorum: { kind: "any" },
    dueBusinessDays: 2,
  },
];
