import type { ReviewFunction } from "@conductor/db/enums";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  checkSubmission,
  type Decision,
  type DecisionInput,
  decide,
  defaultStages,
  functionsAwaiting,
  type Reviewer,
  type ReviewPolicy,
  type ReviewState,
  release,
  resubmit,
  type StageRule,
  WorkflowError,
  withdraw,
} from "./workflow";

const person = (userId: string, functions: ReviewFunction[] = [], isCommsManager = false) =>
  ({ userId, functions, isCommsManager }) satisfies Reviewer;
const legal = person("legal", ["LEGAL"]);
const compliance = person("compliance", ["COMPLIANCE"]);
const regulatory = person("regulatory", ["REGULATORY"]);
const accounting = person("accounting", ["ACCOUNTING"]);
const product = person("product", ["PRODUCT"]);
const manager = person("manager", [], true);
const open: ReviewState = {
  status: "IN_REVIEW",
  stage: 0,
  versionHash: "v1",
  submittedById: "owner",
};
const policy: ReviewPolicy = { named: {}, forbidSelfApproval: true };

/** Runs decisions in order, carrying state and the decision list. */
function run(
  steps: Omit<DecisionInput, "versionHash">[],
  rules: StageRule[] = defaultStages,
  start: ReviewState = open,
  given: ReviewPolicy = policy,
) {
  let state = start;
  const decisions: Decision[] = [];
  for (const step of steps) {
    const result = decide(
      state,
      rules,
      decisions,
      { ...step, versionHash: state.versionHash },
      given,
    );
    state = result.state;
    decisions.push(result.decision);
  }
  return { state, decisions };
}

/** The error code a transition fails with. */
function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof WorkflowError) return error.code;
    throw error;
  }
  return "ok";
}

const approve = (reviewer: Reviewer) => ({ reviewer, kind: "APPROVE" as const });

describe("the review workflow", () => {
  it("moves through the default stages in order, then releases", () => {
    let { state } = run([approve(legal), approve(compliance)]);
    expect(state).toMatchObject({ status: "IN_REVIEW", stage: 0 });
    ({ state } = run([approve(legal), approve(compliance), approve(regulatory)]));
    expect(state).toMatchObject({ status: "IN_REVIEW", stage: 1 });
    ({ state } = run([
      approve(legal),
      approve(compliance),
      { reviewer: regulatory, kind: "APPROVE_WITH_COMMENTS" },
      approve(accounting),
      approve(product),
    ]));
    expect(state).toMatchObject({ status: "APPROVED", stage: 2 });
    expect(release(state, manager)).toMatchObject({ status: "RELEASED" });
  });

  it("requests changes, refuses decisions until a new version, then starts over", () => {
    const first = run([
      approve(legal),
      { reviewer: compliance, kind: "REQUEST_CHANGES", reasonCode: "missing-disclosure" },
    ]);
    expect(first.state.status).toBe("CHANGES_REQUESTED");
    expect(
      codeOf(() =>
        decide(
          first.state,
          defaultStages,
          first.decisions,
          { ...approve(regulatory), versionHash: "v1" },
          policy,
        ),
      ),
    ).toBe("REVIEW_NOT_OPEN");

    const again = resubmit(first.state, "v2", "owner");
    expect(again).toEqual({
      state: { status: "IN_REVIEW", stage: 0, versionHash: "v2", submittedById: "owner" },
      supersede: true,
    });
    // Legal's approval was of v1: it does not count for v2, and legal may decide again.
    const old = first.decisions.map((d) => ({ ...d, superseded: true }));
    const next = decide(
      again.state,
      defaultStages,
      old,
      { ...approve(legal), versionHash: "v2" },
      policy,
    );
    expect(next.state).toMatchObject({ stage: 0, status: "IN_REVIEW" });
  });

  it("keeps the stage when the same version is submitted again; refuses it after changes were requested", () => {
    const { state } = run([approve(legal), approve(compliance), approve(regulatory)]);
    expect(resubmit(state, "v1", "owner")).toEqual({ state, supersede: false });
    const asked = run([{ reviewer: legal, kind: "REQUEST_CHANGES", reasonCode: "unclear" }]);
    expect(codeOf(() => resubmit(asked.state, "v1", "owner"))).toBe("NOTHING_CHANGED");
  });

  it("refuses the approved version submitted again (it reopened a review with no stage left); a changed one starts over", () => {
    const everyone = [legal, compliance, regulatory, accounting, product].map(approve);
    const { state } = run(everyone);
    expect(state.status).toBe("APPROVED");
    expect(codeOf(() => resubmit(state, "v1", "owner"))).toBe("NOTHING_CHANGED");
    expect(resubmit(state, "v2", "owner")).toEqual({
      state: { status: "IN_REVIEW", stage: 0, versionHash: "v2", submittedById: "owner" },
      supersede: true,
    });
  });

  it("a rejection closes the review; a new submission is a new review", () => {
    const { state } = run([{ reviewer: legal, kind: "REJECT", reasonCode: "inaccurate" }]);
    expect(state.status).toBe("REJECTED");
    expect(codeOf(() => resubmit(state, "v2", "owner"))).toBe("REVIEW_CLOSED");
    expect(codeOf(() => resubmit({ ...state, status: "RELEASED" }, "v2", "owner"))).toBe(
      "REVIEW_CLOSED",
    );
  });

  it("rejects each illegal decision with its own code", () => {
    const decideNow = (input: Partial<DecisionInput>, given = policy, state = open) =>
      codeOf(() =>
        decide(
          state,
          defaultStages,
          [],
          { kind: "APPROVE", versionHash: "v1", reviewer: legal, ...input },
          given,
        ),
      );
    expect(decideNow({ versionHash: "v0" })).toBe("VERSION_MISMATCH");
    expect(decideNow({ reviewer: accounting })).toBe("NOT_A_STAGE_REVIEWER");
    expect(decideNow({ reviewer: manager })).toBe("NOT_A_STAGE_REVIEWER");
    const both = person("both", ["LEGAL", "COMPLIANCE"]);
    expect(decideNow({ reviewer: both })).toBe("FUNCTION_REQUIRED");
    expect(decideNow({ reviewer: both, function: "COMPLIANCE" })).toBe("ok");
    expect(decideNow({ reviewer: both, function: "ACCOUNTING" })).toBe("NOT_A_STAGE_REVIEWER");
    expect(decideNow({}, { ...policy, named: { LEGAL: ["someone-else"] } })).toBe(
      "NOT_A_NAMED_REVIEWER",
    );
    const owner = person("owner", ["LEGAL"]);
    expect(decideNow({ reviewer: owner })).toBe("SELF_APPROVAL_FORBIDDEN");
    expect(decideNow({ reviewer: owner }, { ...policy, forbidSelfApproval: false })).toBe("ok");
    expect(decideNow({ reviewer: owner, kind: "REQUEST_CHANGES", reasonCode: "unclear" })).toBe(
      "ok",
    );
    expect(decideNow({ kind: "REQUEST_CHANGES" })).toBe("REASON_REQUIRED");
    expect(decideNow({ kind: "REJECT" })).toBe("REASON_REQUIRED");
    expect(decideNow({}, policy, { ...open, status: "APPROVED" })).toBe("REVIEW_NOT_OPEN");
    const once = run([approve(legal)]);
    expect(
      codeOf(() =>
        decide(
          once.state,
          defaultStages,
          once.decisions,
          { ...approve(legal), versionHash: "v1" },
          policy,
        ),
      ),
    ).toBe("ALREADY_DECIDED");
  });

  it("releases only an approved review, and only by a comms manager", () => {
    expect(codeOf(() => release(open, manager))).toBe("NOT_APPROVED");
    expect(codeOf(() => release({ ...open, status: "APPROVED" }, legal))).toBe(
      "NOT_A_COMMS_MANAGER",
    );
    expect(codeOf(() => release({ ...open, status: "RELEASED" }, manager))).toBe("NOT_APPROVED");
  });

  it("withdraws any review not yet closed; a withdrawn one takes nothing more", () => {
    for (const status of ["IN_REVIEW", "CHANGES_REQUESTED", "APPROVED"] as const)
      expect(withdraw({ ...open, status }).status).toBe("WITHDRAWN");
    for (const status of ["RELEASED", "REJECTED", "WITHDRAWN"] as const)
      expect(codeOf(() => withdraw({ ...open, status }))).toBe("REVIEW_CLOSED");
    const gone = withdraw(open);
    expect(
      codeOf(() =>
        decide(gone, defaultStages, [], { ...approve(legal), versionHash: "v1" }, policy),
      ),
    ).toBe("REVIEW_NOT_OPEN");
    expect(codeOf(() => resubmit(gone, "v2", "owner"))).toBe("REVIEW_CLOSED");
    expect(codeOf(() => release(gone, manager))).toBe("NOT_APPROVED");
  });

  it("counts a quorum of N distinct approvers", () => {
    const rules: StageRule[] = [
      {
        name: "Two lawyers",
        functions: ["LEGAL"],
        quorum: { kind: "count", count: 2 },
        dueBusinessDays: 1,
      },
    ];
    const second = person("legal-2", ["LEGAL"]);
    expect(run([approve(legal)], rules).state.status).toBe("IN_REVIEW");
    expect(run([approve(legal), approve(second)], rules).state.status).toBe("APPROVED");
  });

  it("waits for every named reviewer when the quorum is 'all named', and needs names to submit", () => {
    const rules: StageRule[] = [
      {
        name: "Named legal",
        functions: ["LEGAL"],
        quorum: { kind: "all-named" },
        dueBusinessDays: 1,
      },
    ];
    expect(codeOf(() => checkSubmission(rules, policy))).toBe("NAMED_REVIEWERS_MISSING");
    const second = person("legal-2", ["LEGAL"]);
    const named = { ...policy, named: { LEGAL: ["legal", "legal-2"] } };
    expect(codeOf(() => checkSubmission(rules, named))).toBe("ok");
    expect(run([approve(legal)], rules, open, named).state.status).toBe("IN_REVIEW");
    expect(run([approve(legal), approve(second)], rules, open, named).state.status).toBe(
      "APPROVED",
    );
  });

  it("counts due dates in business days", () => {
    // Thursday 26 Nov 2026 + 3 business days = Tuesday 1 Dec.
    expect(addBusinessDays(new Date("2026-11-26T10:00:00Z"), 3).toISOString()).toBe(
      "2026-12-01T10:00:00.000Z",
    );
    // Friday + 1 = Monday.
    expect(addBusinessDays(new Date("2026-11-27T10:00:00Z"), 1).getUTCDay()).toBe(1);
  });
});

describe("what waits on a reviewer", () => {
  it("is the current stage's functions they belong to, named for, and have not decided on this version", () => {
    const both = person("both", ["LEGAL", "COMPLIANCE"]);
    expect(functionsAwaiting(open, defaultStages, [], both, {})).toEqual(["LEGAL", "COMPLIANCE"]);
    expect(functionsAwaiting(open, defaultStages, [], accounting, {})).toEqual([]);
    expect(functionsAwaiting(open, defaultStages, [], both, { LEGAL: ["someone-else"] })).toEqual([
      "COMPLIANCE",
    ]);
    const decided = decide(
      open,
      defaultStages,
      [],
      { reviewer: both, function: "LEGAL", kind: "APPROVE", versionHash: "v1" },
      policy,
    );
    expect(functionsAwaiting(decided.state, defaultStages, [decided.decision], both, {})).toEqual([
      "COMPLIANCE",
    ]);
    // A decision on another version does not count.
    const moved = { ...decided.state, versionHash: "v2" };
    expect(functionsAwaiting(moved, defaultStages, [decided.decision], both, {})).toEqual([
      "LEGAL",
      "COMPLIANCE",
    ]);
    expect(
      functionsAwaiting({ ...open, status: "CHANGES_REQUESTED" }, defaultStages, [], both, {}),
    ).toEqual([]);
  });
});
