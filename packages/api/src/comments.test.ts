import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture, managersCommunication, outcome } from "./testing";

describe("comments and mentions", () => {
  let f: ApiFixture;
  let communicationId: string;
  beforeAll(async () => {
    f = await createApiFixture();
    communicationId = (await managersCommunication(f)).id;
  });
  afterAll(() => f.db.close());

  const unreadFor = async (persona: "legal" | "compliance" | "marketing") =>
    (
      await (
        await f.callerFor(persona)
      ).notifications.list({
        organizationId: f.demo.organizationId,
      })
    ).unread;

  it("@legal notifies every legal member, not the author or other functions", async () => {
    const marketing = await f.callerFor("marketing");
    const before = { legal: await unreadFor("legal"), compliance: await unreadFor("compliance") };
    const thread = await marketing.comments.start({
      communicationId,
      quote: "was received",
      body: "@legal can we say 'we received your payment' here?",
    });
    expect(thread.comments[0]).toMatchObject({ mentionedFunctions: ["LEGAL"], canEdit: true });
    expect(await unreadFor("legal")).toBe(before.legal + 1);
    expect(await unreadFor("compliance")).toBe(before.compliance);
    expect(await unreadFor("marketing")).toBe(0);
    const legal = await f.callerFor("legal");
    const { items } = await legal.notifications.list({ organizationId: f.demo.organizationId });
    expect(items[0]).toMatchObject({
      kind: "MENTION",
      communicationId,
      threadId: thread.id,
      actorName: "Maya Patel",
      readAt: null,
    });
  });

  it("a person is mentioned by first name; replies keep the thread in order", async () => {
    const marketing = await f.callerFor("marketing");
    const thread = await marketing.comments.start({
      communicationId,
      quote: "$177.17",
      body: "Is this the right amount?",
    });
    const before = await unreadFor("compliance");
    const compliance = await f.db.prisma.user.findFirstOrThrow({
      where: { email: "compliance@harbour.example" },
    });
    const first = compliance.name.split(" ")[0]!.toLowerCase();
    const replied = await (await f.callerFor("accounting")).comments.reply({
      communicationId,
      threadId: thread.id,
      body: `Yes. @${first} FYI.`,
    });
    expect(replied.comments.map((c) => c.body)).toEqual([
      "Is this the right amount?",
      `Yes. @${first} FYI.`,
    ]);
    expect(await unreadFor("compliance")).toBe(before + 1);
  });

  it("resolve and reopen by the author or the owner; a second resolve is a conflict", async () => {
    const legal = await f.callerFor("legal");
    const owner = await f.callerFor("commsManager");
    const thread = await legal.comments.start({
      communicationId,
      quote: "Thank you",
      body: "Fine as is.",
    });
    expect(thread.canResolve).toBe(true);
    const resolved = await owner.comments.resolve({
      communicationId,
      threadId: thread.id,
      resolved: true,
    });
    expect(resolved).toMatchObject({ resolved: true, resolvedBy: { name: expect.any(String) } });
    expect(
      await outcome(() =>
        legal.comments.resolve({ communicationId, threadId: thread.id, resolved: true }),
      ),
    ).toBe("CONFLICT");
    const reopened = await legal.comments.resolve({
      communicationId,
      threadId: thread.id,
      resolved: false,
    });
    expect(reopened.resolved).toBe(false);
    // Someone else sees the thread without the right to resolve it.
    const seen = (await (await f.callerFor("product")).comments.list({ communicationId })).find(
      (t) => t.id === thread.id,
    )!;
    expect(seen).toMatchObject({ canResolve: false, comments: [{ canEdit: false }] });
  });

  it("only the author edits a comment, and the edit is marked", async () => {
    const legal = await f.callerFor("legal");
    const thread = await legal.comments.start({ communicationId, quote: "If", body: "Typo?" });
    const commentId = thread.comments[0]!.id;
    expect(
      await outcome(async () =>
        (await f.callerFor("commsManager")).comments.edit({
          communicationId,
          commentId,
          body: "Changed by someone else",
        }),
      ),
    ).toBe("FORBIDDEN");
    const edited = await legal.comments.edit({ communicationId, commentId, body: "No typo." });
    expect(edited.comments[0]).toMatchObject({ body: "No typo.", editedAt: expect.any(Date) });
  });

  it("refuses empty comments and threads of other communications, saying what is wrong", async () => {
    const legal = await f.callerFor("legal");
    await expect(
      legal.comments.start({ communicationId, quote: "x", body: "   " }),
    ).rejects.toThrow(/Write something/);
    const otherCommunication = await f.db.prisma.communication.findFirstOrThrow({
      where: { organizationId: f.demo.organizationId, id: { not: communicationId } },
    });
    const thread = await legal.comments.start({ communicationId, quote: "x", body: "Here." });
    expect(
      await outcome(() =>
        legal.comments.reply({
          communicationId: otherCommunication.id,
          threadId: thread.id,
          body: "Wrong place",
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("marking read clears only the reader's own notifications", async () => {
    const legal = await f.callerFor("legal");
    expect(await unreadFor("legal")).toBeGreaterThan(0);
    const complianceBefore = await unreadFor("compliance");
    await legal.notifications.markRead({ organizationId: f.demo.organizationId });
    expect(await unreadFor("legal")).toBe(0);
    expect(await unreadFor("compliance")).toBe(complianceBefore);
  });

  it("says which handles matched nobody, notifies the ones that did, and tells their screens", async () => {
    const marketing = await f.callerFor("marketing");
    const before = { legal: await unreadFor("legal"), compliance: await unreadFor("compliance") };
    const announced = f.liveEvents.length;
    const thread = await marketing.comments.start({
      communicationId,
      quote: "was received",
      body: "@chloe and @legal, and @nobodyhere — also @Legal again; mail me at maya@harbour.example",
    });
    expect(thread.unknownHandles).toEqual(["nobodyhere"]);
    // Who was notified stays on the server: the poster learns only what went unheard.
    expect(thread).not.toHaveProperty("notifiedUserIds");
    expect(await unreadFor("compliance")).toBe(before.compliance + 1);
    expect(await unreadFor("legal")).toBe(before.legal + 1);
    expect(f.liveEvents.slice(announced)).toEqual([
      {
        kind: "notification",
        organizationId: f.demo.organizationId,
        userIds: expect.arrayContaining([f.demo.userIds.compliance, f.demo.userIds.legal]),
      },
    ]);
    const reply = await (await f.callerFor("legal")).comments.reply({
      communicationId,
      threadId: thread.id,
      body: "Seen, thanks. @mayaa?",
    });
    expect(reply.unknownHandles).toEqual(["mayaa"]);
    // Nobody was notified, so no screen is told to refetch.
    expect(f.liveEvents.slice(announced)).toHaveLength(1);
  });

  it("lists the organisation's functions and people to mention, with a handle that reaches one person", async () => {
    const list = await (await f.callerFor("product")).comments.mentionables({ communicationId });
    expect(list.functions.map((x) => x.handle)).toEqual([
      "marketing",
      "legal",
      "compliance",
      "regulatory",
      "accounting",
      "product",
    ]);
    const demoIds = Object.values(f.demo.userIds);
    expect(list.people.map((p) => p.userId).sort()).toEqual([...demoIds].sort());
    expect(list.people.find((p) => p.userId === f.demo.userIds.legal)).toEqual({
      userId: f.demo.userIds.legal,
      name: "Leo Okafor",
      functions: ["LEGAL"],
      handle: "leo",
      handles: ["leo", "legal"],
    });
    // Every inserted handle, posted, notifies exactly the person it was offered for.
    for (const person of list.people.filter((p) => p.userId !== f.demo.userIds.product)) {
      const posted = await (await f.callerFor("product")).comments.start({
        communicationId,
        quote: "x",
        body: `@${person.handle} please look`,
      });
      expect(posted.unknownHandles).toEqual([]);
      expect(f.liveEvents.at(-1)).toMatchObject({ kind: "notification", userIds: [person.userId] });
    }
  });

  it("an outsider lists nobody of another organisation, even with its communication's id", async () => {
    const outsider = await f.callerFor("outsider");
    expect(await outcome(() => outsider.comments.mentionables({ communicationId }))).toBe(
      "NOT_FOUND",
    );
    const own = await f.db.prisma.communication.findFirstOrThrow({
      where: { organizationId: f.otherOrganizationId },
    });
    const list = await outsider.comments.mentionables({ communicationId: own.id });
    const demoIds = new Set(Object.values(f.demo.userIds));
    expect(list.people.length).toBeGreaterThan(0);
    expect(list.people.filter((p) => demoIds.has(p.userId))).toEqual([]);
    expect(list.people.map((p) => p.name)).toEqual(["Olive Other"]);
    // And mentioning a demo person from there notifies nobody in the demo organisation.
    const before = await unreadFor("marketing");
    const posted = await outsider.comments.start({
      communicationId: own.id,
      quote: "x",
      body: "@maya can you check?",
    });
    expect(posted.unknownHandles).toEqual(["maya"]);
    expect(await unreadFor("marketing")).toBe(before);
    expect(
      await outcome(() =>
        f.callerFor("signedOut").then((c) => c.comments.mentionables({ communicationId })),
      ),
    ).toBe("UNAUTHORIZED");
  });
});
