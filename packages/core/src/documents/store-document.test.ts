import type { OpenDatabase } from "@conductor/db";
import { seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendDocumentUpdates } from "./append-document-updates";
import { loadCommunicationDocument } from "./load-document";
import { communicationDocumentStore, storeCommunicationDocument } from "./store-document";

const paragraph = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

describe("a communication's shared document", () => {
  let db: OpenDatabase;
  let communicationId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const demo = (await seedDemoOrganization(db.prisma))!;
    communicationId = (
      await db.prisma.communication.create({
        data: {
          organizationId: demo.organizationId,
          ownerId: demo.userIds.marketing,
          title: "Shared document test",
          channel: "EMAIL",
          audienceDescription: "Customers with a bill",
          body: "Seeded body",
        },
      })
    ).id;
  });
  afterAll(() => db.close());

  it("stores the text as the communication's body, and replays logged updates in order", async () => {
    const opened = await loadCommunicationDocument(db.prisma, communicationId);
    expect(opened).toMatchObject({ body: "Seeded body", state: null, updates: [] });

    await appendDocumentUpdates(db.prisma, communicationId, [
      Uint8Array.of(1),
      Uint8Array.of(2, 2),
    ]);
    await appendDocumentUpdates(db.prisma, communicationId, [Uint8Array.of(3)]);
    const logged = (await loadCommunicationDocument(db.prisma, communicationId))!.updates;
    expect(logged.map(({ update }) => [...update])).toEqual([[1], [2, 2], [3]]);

    const changed = await storeCommunicationDocument(db.prisma, communicationId, {
      state: Uint8Array.of(9, 9),
      json: paragraph("Your bill is ready."),
      text: "Your bill is ready.",
      subject: "Your bill",
      preheader: "Ready to read",
      foldedUpdateIds: logged.slice(0, 2).map(({ id }) => id),
    });
    expect(changed).toBe(true);
    const communication = await db.prisma.communication.findUniqueOrThrow({
      where: { id: communicationId },
      include: { document: true },
    });
    expect(communication).toMatchObject({
      body: "Your bill is ready.",
      subject: "Your bill",
      preheader: "Ready to read",
    });
    expect(communication.document).toMatchObject({ text: "Your bill is ready.", revision: 1 });
    const reopened = (await loadCommunicationDocument(db.prisma, communicationId))!;
    expect([...reopened.state!]).toEqual([9, 9]);
    // Only the folded updates left the log.
    expect(reopened.updates.map(({ update }) => [...update])).toEqual([[3]]);
  });

  it("keeps the revision when the content is unchanged, but still folds the log into the state", async () => {
    const before = await db.prisma.communicationDocument.findUniqueOrThrow({
      where: { communicationId },
    });
    const { updates } = (await loadCommunicationDocument(db.prisma, communicationId))!;
    const changed = await storeCommunicationDocument(db.prisma, communicationId, {
      state: Uint8Array.of(9, 9, 9),
      json: paragraph("Your bill is ready."),
      text: "Your bill is ready.",
      subject: "Your bill",
      preheader: "Ready to read",
      foldedUpdateIds: updates.map(({ id }) => id),
    });
    expect(changed).toBe(false);
    const after = await db.prisma.communicationDocument.findUniqueOrThrow({
      where: { communicationId },
    });
    expect(after.revision).toBe(before.revision);
    expect([...after.state]).toEqual([9, 9, 9]);
    expect((await loadCommunicationDocument(db.prisma, communicationId))!.updates).toEqual([]);
  });
  it("stores again and again from what it remembers, and reads the stored JSON again after another writer", async () => {
    const row = () =>
      db.prisma.communicationDocument.findUniqueOrThrow({ where: { communicationId } });
    const store = communicationDocumentStore(db.prisma, communicationId);
    const content = (json: ReturnType<typeof paragraph>, text: string) => ({
      state: Uint8Array.of(7),
      json,
      text,
      subject: "Your bill",
      preheader: "Ready to read",
    });
    const start = (await row()).revision;
    expect(await store(content(paragraph("Your bill is due."), "Your bill is due."))).toBe(true);
    const written = await row();
    expect(written).toMatchObject({ revision: start + 1, text: "Your bill is due." });
    expect(written.json).toEqual(paragraph("Your bill is due."));
    expect([...written.state]).toEqual([7]);
    // The time of the write, in UTC as the ORM writes it (not hours off).
    expect(Math.abs(written.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    // The same content with its keys in another order is the same content.
    const reordered = { content: paragraph("Your bill is due.").content, type: "doc" };
    expect(await store(content(reordered, "Your bill is due."))).toBe(false);
    expect((await row()).revision).toBe(start + 1);

    // Another writer (a one-off store) changes the content behind it.
    await storeCommunicationDocument(db.prisma, communicationId, {
      ...content(paragraph("Elsewhere."), "Elsewhere."),
    });
    expect((await row()).revision).toBe(start + 2);
    // What it remembers is the old revision's: it compares with the stored JSON.
    expect(await store(content(paragraph("Elsewhere."), "Elsewhere."))).toBe(false);
    expect(await store(content(paragraph("Your bill is due."), "Your bill is due."))).toBe(true);
    const after = await row();
    expect(after).toMatchObject({ revision: start + 3, text: "Your bill is due." });
    expect(after.json).toEqual(paragraph("Your bill is due."));
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(written.updatedAt.getTime());
    const communication = await db.prisma.communication.findUniqueOrThrow({
      where: { id: communicationId },
    });
    expect(communication.body).toBe("Your bill is due.");
  });
});
