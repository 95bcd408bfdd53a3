import type { OpenDatabase } from "@conductor/db";
import type { DemoSeedResult } from "@conductor/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createCollabServer } from "./server";
import { collabTokenFor, connect, demoDocument, listeningCollabServer, until } from "./testing";

const SECRET = "collab-update-log-test-secret";

/** Resolves when the server has answered every update the provider sent. */
const acknowledged = (client: ReturnType<typeof connect>) =>
  new Promise<boolean>((resolve) => {
    if (!client.provider.hasUnsyncedChanges) return resolve(true);
    const onChange = ({ number }: { number: number }) => {
      if (number > 0) return;
      client.provider.off("unsyncedChanges", onChange);
      resolve(true);
    };
    client.provider.on("unsyncedChanges", onChange);
  });

describe("the update log", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let port: number;
  let server: ReturnType<typeof createCollabServer>;
  let communicationId: string;
  const token = (userId: string) => collabTokenFor(db, communicationId, userId, SECRET);
  const logged = () => db.prisma.communicationDocumentUpdate.count({ where: { communicationId } });

  beforeAll(async () => {
    ({ db, demo, communicationId } = await demoDocument());
    // A store far away: what is durable before it is the log alone.
    ({ port, server } = await listeningCollabServer(db, SECRET, {
      debounce: 60_000,
      maxDebounce: 60_000,
    }));
  });
  afterAll(async () => {
    await server.destroy();
    await db.close();
  });

  it("holds each edit before the editor is told it arrived, and folds into the state on store", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    await legal.synced;
    await until(() => !legal.provider.hasUnsyncedChanges, 10_000);
    const before = await logged();
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      legal.type(`Edit ${i}.`);
      expect(await acknowledged(legal)).toBe(true);
      latencies.push(performance.now() - started);
      expect(await logged()).toBe(before + i + 1);
    }
    latencies.sort((a, b) => a - b);
    console.info(
      `update log: acknowledgement after ${latencies[10]!.toFixed(1)} ms (median of 20 single edits, log write included)`,
    );

    // Stored (here: on the last editor leaving), the log is folded into the state.
    legal.close();
    expect(await until(async () => (await logged()) === 0, 10_000)).toBe(true);
    const row = await db.prisma.communicationDocument.findUniqueOrThrow({
      where: { communicationId },
    });
    expect(row.text).toContain("Edit 19.");
  });

  it("logs the changes the server makes itself, such as a restored version", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    await legal.synced;
    legal.type("Kept in a version.");
    const saved = await legal.versionAction({ type: "save-version", name: "Kept" });
    const fragment = legal.document.getXmlFragment("default");
    fragment.delete(
      fragment.toArray().findIndex((node) => node.toString().includes("Kept in a version.")),
      1,
    );
    expect(await acknowledged(legal)).toBe(true);
    const before = await logged();
    const restored = await legal.versionAction({
      type: "restore-version",
      versionId: (saved as { versionId: string }).versionId,
    });
    expect(restored).toMatchObject({ ok: true });
    expect(legal.text()).toContain("Kept in a version.");
    // No editor sent this change, yet it is in the log before any store.
    expect(await until(async () => (await logged()) > before)).toBe(true);
    legal.close();
  });

  it("does not log what a read-only member sends", async () => {
    // The last test's editor left: its store folds the log; wait for that to land
    // first, or the count falls under this test for a reason of its own.
    expect(await until(async () => (await logged()) === 0, 10_000)).toBe(true);
    const analyst = connect(port, communicationId, await token(demo.userIds.analyst));
    await analyst.synced;
    const before = await logged();
    analyst.type("Not theirs to write.");
    await new Promise((r) => setTimeout(r, 300));
    expect(await logged()).toBe(before);
    analyst.close();
  });
});
