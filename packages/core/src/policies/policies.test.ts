import type { MemberRole, ReviewFunction } from "@conductor/db/enums";
import { describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { AppError } from "../errors";
import { authorize, authorizeCommunication, authorizeInOrganization } from "./authorize";
import { type Action, can, type Resource } from "./policies";

const ORG = "org-a";
const OTHER_ORG = "org-b";

function actor(
  userId: string,
  access: { functions?: ReviewFunction[]; roles?: MemberRole[] },
  organizationId = ORG,
): Actor {
  return {
    userId,
    email: `${userId}@x.test`,
    name: userId,
    memberships: [
      {
        membershipId: `m-${userId}`,
        organizationId,
        organizationName: organizationId,
        functions: access.functions ?? [],
        roles: access.roles ?? [],
      },
    ],
  };
}

const legal = actor("legal", { functions: ["LEGAL"] });
const comms = actor("comms", { roles: ["COMMS_MANAGER"] });
const analyst = actor("analyst", { roles: ["ANALYST"] });
const admin = actor("admin", { roles: ["ADMIN"] });
const outsider = actor("outsider", { roles: ["ADMIN", "COMMS_MANAGER"] }, OTHER_ORG);

const organization = { kind: "organization", organizationId: ORG } as const;
const ownedByLegal = { kind: "communication", organizationId: ORG, ownerId: "legal" } as const;
const ownedByComms = { kind: "communication", organizationId: ORG, ownerId: "comms" } as const;

describe("can", () => {
  // Each row: action, resource, then who may (everyone else may not).
  const table: [Action, Resource, Actor[]][] = [
    ["organization.read", organization, [legal, comms, analyst, admin]],
    ["member.list", organization, [legal, comms, analyst, admin]],
    ["member.manage", organization, [admin]],
    ["outgoingMail.read", organization, [admin]],
    ["outgoingMail.retry", organization, [admin]],
    ["ruleSet.adopt", organization, [admin]],
    ["webhook.manage", organization, [admin]],
    ["communication.list", organization, [legal, comms, analyst, admin]],
    ["communication.create", organization, [comms]],
    ["communication.read", ownedByComms, [legal, comms, analyst, admin]],
    ["communication.update", ownedByComms, [comms]],
    ["communication.update", ownedByLegal, [legal, comms]],
    ["communication.edit", ownedByComms, [legal, comms]],
    ["release.correct", ownedByComms, [comms]],
    ["release.correct", ownedByLegal, [legal, comms]],
  ];
  const everyone = [legal, comms, analyst, admin, outsider];

  for (const [action, resource, allowed] of table) {
    for (const who of everyone) {
      const expected = allowed.includes(who);
      it(`${who.userId} ${expected ? "may" : "may not"} ${action} (${resource.kind}${"ownerId" in resource ? ` owned by ${resource.ownerId}` : ""})`, () => {
        expect(can(who, action, resource)).toBe(expected);
      });
    }
  }

  it("refuses everything to a signed-out caller", () => {
    expect(can(null, "communication.read", ownedByComms)).toBe(false);
  });

  it("a member of two organisations keeps their roles apart", () => {
    const both: Actor = {
      ...legal,
      memberships: [
        ...legal.memberships,
        ...actor("x", { roles: ["ADMIN"] }, OTHER_ORG).memberships,
      ],
    };
    expect(can(both, "member.manage", { kind: "organization", organizationId: OTHER_ORG })).toBe(
      true,
    );
    expect(can(both, "member.manage", organization)).toBe(false);
  });
});

describe("authorize", () => {
  const codeOf = (run: () => void) => {
    try {
      run();
      return "ALLOWED";
    } catch (error) {
      return error instanceof AppError ? error.code : "OTHER";
    }
  };

  it("tells a signed-out caller to sign in", () => {
    expect(codeOf(() => authorize(null, "communication.list", organization, "Organisation"))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("answers an outsider with not found, never forbidden", () => {
    expect(
      codeOf(() => authorize(outsider, "communication.read", ownedByComms, "Communication")),
    ).toBe("NOT_FOUND");
  });

  it("answers a member who lacks the right with forbidden", () => {
    expect(
      codeOf(() => authorize(analyst, "communication.create", organization, "Organisation")),
    ).toBe("FORBIDDEN");
  });

  it("lets an allowed member through", () => {
    expect(
      codeOf(() => authorize(comms, "communication.create", organization, "Organisation")),
    ).toBe("ALLOWED");
  });
});

describe("authorizeCommunication and authorizeInOrganization", () => {
  // A loaded row carries more than the policy reads; only its organisation and owner count.
  const loaded = { id: "c1", title: "Tariff", organizationId: ORG, ownerId: "legal" };

  it("return the actor and the membership they proved", () => {
    const { actor: who, membership } = authorizeCommunication(
      { actor: legal },
      "communication.update",
      loaded,
    );
    expect(who.userId).toBe("legal");
    expect(membership.organizationId).toBe(ORG);
    expect(
      authorizeInOrganization({ actor: comms }, "communication.create", ORG).membership,
    ).toMatchObject({ membershipId: "m-comms" });
  });

  it("refuse as authorize does, naming the resource", () => {
    expect(() => authorizeCommunication({ actor: null }, "communication.read", loaded)).toThrow(
      "Sign in",
    );
    expect(() => authorizeCommunication({ actor: outsider }, "communication.read", loaded)).toThrow(
      "Communication not found",
    );
    expect(() => authorizeCommunication({ actor: analyst }, "review.submit", loaded)).toThrow(
      "Only the owner or a comms manager submits for review",
    );
    expect(() => authorizeInOrganization({ actor: outsider }, "member.list", ORG)).toThrow(
      "Organisation not found",
    );
    expect(() => authorizeInOrganization({ actor: legal }, "member.manage", ORG)).toThrow(
      "Only an organisation admin can manage members",
    );
  });
});
