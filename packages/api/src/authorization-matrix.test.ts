import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { createApiFixture, outcome, type Persona } from "./testing";

type Fixture = Awaited<ReturnType<typeof createApiFixture>>;
type Caller = Awaited<ReturnType<Fixture["callerFor"]>>;

const reviewers: Persona[] = [
  "marketing",
  "legal",
  "compliance",
  "regulatory",
  "accounting",
  "product",
];
const members: Persona[] = [...reviewers, "commsManager", "analyst", "admin"];
const personas: Persona[] = [...members, "outsider", "signedOut"];

interface Row {
  /** Who gets through; every other member gets FORBIDDEN. */
  allowed: Persona[];
  call(caller: Caller, f: Fixture, persona: Persona): Promise<unknown>;
  /** What an outsider gets: the organisation's data stays invisible. */
  outsider?: "NOT_FOUND" | "ok";
}

let seq = 0;
const unique = () => ++seq;

const matrix: Record<string, Row> = {
  "viewer.me": { allowed: members, outsider: "ok", call: (c) => c.viewer.me() },
  "communications.list": {
    allowed: members,
    call: (c, f) => c.communications.list({ organizationId: f.demo.organizationId }),
  },
  "communications.create": {
    allowed: ["commsManager"],
    call: (c, f) =>
      c.communications.create({
        organizationId: f.demo.organizationId,
        title: `Matrix ${unique()}`,
        channel: "EMAIL",
        audienceDescription: "Everyone on the list",
      }),
  },
  "communications.byId": {
    allowed: members,
    call: async (c, f) => {
      const { id } = await f.db.prisma.communication.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId },
      });
      return c.communications.byId({ communicationId: id });
    },
  },
  "communications.update": {
    allowed: ["commsManager"],
    call: async (c, f) => {
      const { id } = await f.db.prisma.communication.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId, ownerId: f.demo.userIds.commsManager },
      });
      return c.communications.update({ communicationId: id, title: `Renamed ${unique()}` });
    },
  },
  "collab.token": {
    allowed: members,
    call: async (c, f) => {
      const { id } = await f.db.prisma.communication.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId },
      });
      return c.collab.token({ communicationId: id });
    },
  },
  "members.list": {
    allowed: members,
    call: (c, f) => c.members.list({ organizationId: f.demo.organizationId }),
  },
  "members.add": {
    allowed: ["admin"],
    call: (c, f) =>
      c.members.add({
        organizationId: f.demo.organizationId,
        email: `new${unique()}@harbour.example`,
        name: "New Person",
        initialPassword: "a long enough password",
        functions: ["LEGAL"],
      }),
  },
  "members.update": {
    allowed: ["admin"],
    call: async (c, f) => {
      const { id } = await f.db.prisma.membership.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId, userId: f.demo.userIds.product },
      });
      return c.members.update({
        organizationId: f.demo.organizationId,
        membershipId: id,
        functions: ["PRODUCT"],
      });
    },
  },
  "members.remove": {
    allowed: ["admin"],
    call: async (c, f) => {
      const { membership } = await import("@conductor/db/seed").then(({ createMember }) =>
        createMember(f.db.prisma, {
          organizationId: f.demo.organizationId,
          functions: ["MARKETING"],
        }),
      );
      return c.members.remove({
        organizationId: f.demo.organizationId,
        membershipId: membership.id,
      });
    },
  },
};

describe("authorisation matrix", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());

  it("covers every procedure of the API", () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const [procedure, row] of Object.entries(matrix)) {
    for (const persona of personas) {
      const expected =
        persona === "signedOut"
          ? "UNAUTHORIZED"
          : persona === "outsider"
            ? (row.outsider ?? "NOT_FOUND")
            : row.allowed.includes(persona)
              ? "ok"
              : "FORBIDDEN";
      it(`${procedure} as ${persona} → ${expected}`, async () => {
        const caller = await f.callerFor(persona);
        expect(await outcome(() => row.call(caller, f, persona))).toBe(expected);
      });
    }
  }
});
