import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  collabSigningKey,
  listMembers,
  loadActor,
  postAccessChange,
  postReviewChange,
  removeMember,
} from "@conductor/core";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { serveEmbeddedDatabase } from "@conductor/db/embedded";
import { applyMigrations } from "@conductor/db/migrate";
import { type DemoSeedResult, seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { messageSchema, pendingSuggestions, suggestReplace, toPlainText } from "@conductor/editor";
import { Transform } from "@tiptap/pm/transform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateYFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import { ACCESS_REVOKED_REASON } from "./access-signals";
import { FIELD } from "./persistence";
import { SUGGESTIONS_ONLY_REASON } from "./suggestion-guard";
import {
  collabTokenFor,
  connect,
  freePort,
  openReviewAsSubmitted,
  startCollabProcess,
  until,
} from "./testing";

const AUTH_SECRET = "collab-redis-test-auth-secret-0123456789";
const SECRET = collabSigningKey(AUTH_SECRET);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const schema = messageSchema("EMAIL");

/**
 * Two collaboration processes behind one database and one Redis, as a
 * scaled-out deployment runs them: an editor on each, one document.
 */
describe("two collab processes sharing documents through Redis", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let communicationId: string;
  let ports: [number, number];
  const processes: ChildProcess[] = [];
  const token = (userId: string) => collabTokenFor(db, communicationId, userId, SECRET);

  beforeAll(async () => {
    let databaseUrl: string;
    if (process.env.DATABASE_URL) {
      db = await createTestDatabase();
      databaseUrl = (db.connection.target as { url: string }).url;
    } else {
      // Embedded PGlite served on loopback, exactly as `npm start` shares it.
      const served = await serveEmbeddedDatabase({
        dataDir: join(mkdtempSync(join(tmpdir(), "conductor-redis-")), "pglite"),
        port: await freePort(),
        prepare: async (connection) => void (await applyMigrations(connection)),
      });
      cleanups.push(() => served.stop());
      databaseUrl = served.url;
      db = await openDatabase({ kind: "postgres", url: databaseUrl });
    }
    cleanups.push(() => db.close());
    demo = (await seedDemoOrganization(db.prisma))!;
    communicationId = (
      await db.prisma.communication.findFirstOrThrow({
        where: { title: { contains: "transactional" } },
      })
    ).id;
    ports = [await freePort(), await freePort()];
    const shared = {
      DATABASE_URL: databaseUrl,
      CONDUCTOR_EMBEDDED: "1",
      AUTH_SECRET,
      REDIS_URL,
      // Each run its own namespace, so runs sharing this Redis never meet.
      REDIS_PREFIX: `conductor-test-${randomBytes(4).toString("hex")}`,
    };
    // Registered first: a process that starts late is stopped all the same.
    cleanups.push(() => {
      for (const child of processes) child.kill("SIGTERM");
    });
    for (const port of ports)
      processes.push(await startCollabProcess({ ...shared, COLLAB_PORT: String(port) }));
    // Two collab processes started through tsx (and, on PGlite, the database
    // served on loopback) before any test: up to a minute each on a busy machine.
  }, 150_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("an editor on each process sees the other's edits", async () => {
    const legal = connect(ports[0], communicationId, await token(demo.userIds.legal));
    const marketing = connect(ports[1], communicationId, await token(demo.userIds.marketing));
    await Promise.all([legal.synced, marketing.synced]);
    legal.type("Typed on the first process.");
    marketing.type("Typed on the second process.");
    expect(
      await until(
        () =>
          legal.text() === marketing.text() &&
          legal.text().includes("Typed on the first process.") &&
          legal.text().includes("Typed on the second process."),
      ),
    ).toBe(true);
    // And it is stored once, with both edits.
    expect(
      await until(async () => {
        const row = await db.prisma.communicationDocument.findUnique({
          where: { communicationId },
        });
        return Boolean(
          row?.text.includes("Typed on the first process.") &&
            row.text.includes("Typed on the second process."),
        );
      }, 10_000),
    ).toBe(true);
    legal.close();
    marketing.close();
  });

  it("a review opened or ended through one process changes who may edit on the other's open connections", async () => {
    // The web app announces to one collab process; the other learns it through Redis.
    const announce = async () => {
      await postReviewChange(
        `http://127.0.0.1:${ports[0]}`,
        { organizationId: demo.organizationId, communicationId },
        SECRET,
      );
      // Redis hands it to the other process after this answer: give it a moment.
      await new Promise((r) => setTimeout(r, 300));
    };
    const communication = await db.prisma.communication.findUniqueOrThrow({
      where: { id: communicationId },
    });
    const legal = connect(ports[1], communicationId, await token(demo.userIds.legal));
    const owner = connect(ports[0], communicationId, await token(communication.ownerId));
    await Promise.all([legal.synced, owner.synced]);
    legal.type("Legal edits on the second process before the review.");
    expect(
      await until(() =>
        owner.text().includes("Legal edits on the second process before the review."),
      ),
    ).toBe(true);

    // What a submission leaves: a version and an open review.
    const review = await openReviewAsSubmitted(db.prisma, communicationId);
    await announce();
    legal.type("Legal edits on the second process during the review.");
    expect(await legal.closed).toBe(SUGGESTIONS_ONLY_REASON);
    legal.close();

    // Reopened during the review, legal suggests (the answer is now remembered on this connection) …
    const again = connect(ports[1], communicationId, await token(demo.userIds.legal));
    await again.synced;
    const doc = yXmlFragmentToProsemirror(schema, again.document.getXmlFragment(FIELD));
    const plain = toPlainText(doc);
    const at = plain.text.indexOf("before the review");
    const tr = new Transform(doc);
    suggestReplace(tr, plain.toDocPos(at), plain.toDocPos(at + 6, "end"), "ahead of", {
      author: { id: demo.userIds.legal, function: "LEGAL" },
    });
    updateYFragment(again.document, again.document.getXmlFragment(FIELD), tr.doc, {
      mapping: new Map(),
      isOMark: new Map(),
    });
    expect(
      await until(() =>
        pendingSuggestions(
          yXmlFragmentToProsemirror(schema, owner.document.getXmlFragment(FIELD)),
        ).some((s) => s.inserted === "ahead of"),
      ),
    ).toBe(true);
    // … and edits directly on it once the review ends.
    await db.prisma.review.update({ where: { id: review.id }, data: { status: "WITHDRAWN" } });
    await announce();
    again.type("Legal edits on the second process after the review.");
    expect(
      await until(() =>
        owner.text().includes("Legal edits on the second process after the review."),
      ),
    ).toBe(true);
    expect(owner.text()).not.toContain("during the review");
    again.close();
    owner.close();
  });

  it("a revocation announced to one process closes the connection held by the other", async () => {
    const product = connect(ports[1], communicationId, await token(demo.userIds.product));
    await product.synced;
    const admin = { db: db.prisma, actor: await loadActor(db.prisma, demo.userIds.admin) };
    const member = (await listMembers(admin, { organizationId: demo.organizationId })).find(
      (m) => m.userId === demo.userIds.product,
    )!;
    await removeMember(admin, {
      organizationId: demo.organizationId,
      membershipId: member.membershipId,
    });
    await postAccessChange(
      `http://127.0.0.1:${ports[0]}`,
      { userId: demo.userIds.product, organizationId: demo.organizationId },
      SECRET,
    );
    expect(await product.closed).toBe(ACCESS_REVOKED_REASON);
    product.close();
  });
});
