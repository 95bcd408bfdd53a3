import {
  contentHash,
  loadActor,
  recordVersion,
  restoreVersion,
  versionHash,
} from "@conductor/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture, outcome } from "./testing";

const doc = (...paragraphs: string[]) => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

describe("versions", () => {
  let f: ApiFixture;
  let communicationId: string;
  const as = async (persona: "legal" | "analyst" | "commsManager") => {
    const actor = await loadActor(f.db.prisma, f.demo.userIds[persona]);
    const communication = await f.db.prisma.communication.findUniqueOrThrow({
      where: { id: communicationId },
      include: { owner: { select: { id: true, name: true } } },
    });
    return { ctx: { db: f.db.prisma, actor }, communication };
  };
  beforeAll(async () => {
    f = await createApiFixture();
    communicationId = (
      await f.db.prisma.communication.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId },
      })
    ).id;
  });
  afterAll(() => f.db.close());

  it("hashes canonical content: key order does not matter, a word does", () => {
    const a = { type: "doc", content: [{ type: "paragraph", attrs: { x: 1, y: 2 } }] };
    const b = { content: [{ attrs: { y: 2, x: 1 }, type: "paragraph" }], type: "doc" };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(doc("We received your payment."))).not.toBe(
      contentHash(doc("We received your payment!")),
    );
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("saves numbered versions with author and hash; the list is newest first", async () => {
    const { ctx, communication } = await as("legal");
    const first = await recordVersion(ctx, communication, {
      json: doc("Your payment was received."),
      text: "Your payment was received.",
      name: "First draft",
      kind: "NAMED",
    });
    const second = await recordVersion(ctx, communication, {
      json: doc("We received your payment of $177.17."),
      text: "We received your payment of $177.17.",
      name: "Active voice",
      kind: "NAMED",
    });
    expect(second.number).toBe(first.number + 1);
    expect(second.contentHash).toBe(
      versionHash({ json: doc("We received your payment of $177.17.") }),
    );
    // The subject is part of what the customer receives, so part of the hash.
    expect(versionHash({ json: doc("x"), subject: "Payment received" })).not.toBe(
      versionHash({ json: doc("x") }),
    );
    const list = await (await f.callerFor("analyst")).versions.list({ communicationId });
    expect(list.map((v) => v.name).slice(0, 2)).toEqual(["Active voice", "First draft"]);
    expect(list[0]!.author.name).toBe("Leo Okafor");

    const diff = await (await f.callerFor("analyst")).versions.compare({
      communicationId,
      fromVersionId: first.id,
      toVersionId: second.id,
    });
    const removed = diff.parts.filter((p) => p.kind === "removed").map((p) => p.text.trim());
    const added = diff.parts.filter((p) => p.kind === "added").map((p) => p.text.trim());
    expect(removed.join(" ")).toContain("Your payment was");
    expect(added.join(" ")).toContain("$177.17");
    expect(
      diff.parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe("We received your payment of $177.17.");
  });

  it("a stored version cannot be changed, even directly in the database", async () => {
    const version = await f.db.prisma.communicationVersion.findFirstOrThrow({
      where: { communicationId },
    });
    await expect(
      f.db.prisma.communicationVersion.update({
        where: { id: version.id },
        data: { text: "rewritten history" },
      }),
    ).rejects.toThrow(/immutable/);
  });

  it("restore keeps the current draft as a version, then records the restored content as new", async () => {
    const { ctx, communication } = await as("commsManager");
    const [newest, oldest] = await f.db.prisma.communicationVersion
      .findMany({ where: { communicationId }, orderBy: { number: "desc" } })
      .then((all) => [all[0]!, all.at(-1)!] as const);
    const current = { json: doc("A draft nobody saved."), text: "A draft nobody saved." };
    const restored = await restoreVersion(ctx, communication, {
      versionId: oldest.id,
      current,
    });
    expect(restored.json).toEqual(oldest.json);
    const after = await f.db.prisma.communicationVersion.findMany({
      where: { communicationId, number: { gt: newest.number } },
      orderBy: { number: "asc" },
    });
    expect(after.map((v) => [v.kind, v.text])).toEqual([
      ["AUTOMATIC", "A draft nobody saved."],
      ["RESTORE", oldest.text],
    ]);
    expect(after[1]!.restoredFromId).toBe(oldest.id);
    // The original is untouched.
    expect(
      (await f.db.prisma.communicationVersion.findUniqueOrThrow({ where: { id: oldest.id } }))
        .number,
    ).toBe(oldest.number);
  });

  it("a reader cannot save a version; another organisation cannot see them", async () => {
    const { ctx, communication } = await as("analyst");
    await expect(
      recordVersion(ctx, communication, { json: doc("x"), text: "x", name: "No", kind: "NAMED" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      await outcome(async () => (await f.callerFor("outsider")).versions.list({ communicationId })),
    ).toBe("NOT_FOUND");
  });
});
