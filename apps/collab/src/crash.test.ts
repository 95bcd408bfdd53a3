import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collabSigningKey, encodeCollabToken } from "@conductor/core";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { type DemoSeedResult, seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import {
  messageSchema,
  pendingSuggestions,
  type SuggestionAuthor,
  suggestReplace,
  toPlainText,
} from "@conductor/editor";
import { Transform } from "@tiptap/pm/transform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateYFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import type * as Y from "yjs";
import { FIELD } from "./persistence";
import { connect, freePort, startCollabProcess, until } from "./testing";

const AUTH_SECRET = "collab-crash-test-auth-secret-0123456789";
const SECRET = collabSigningKey(AUTH_SECRET);
/** Kills per run: each costs a process start, the slow part of this file. */
const ROUNDS = 3;

/**
 * One editor typing paragraphs at random moments. The server answers each
 * update message in order once it has applied it, and the provider counts
 * the unanswered ones (unsyncedChanges; 0 is what an editor shows as saved):
 * all but the last `number` typed edits are acknowledged.
 */
function typist(
  client: ReturnType<typeof connect>,
  name: string,
  write: (marker: string, index: number) => void = (marker) => client.type(marker),
  /** How many edits at most (a suggester runs out of words to replace). */
  limit = Number.POSITIVE_INFINITY,
) {
  const typed: string[] = [];
  let acknowledged = 0;
  client.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
    acknowledged = Math.max(acknowledged, typed.length - number);
  });
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    if (typed.length >= limit) return;
    const marker = `[${name} ${typed.length}]`;
    typed.push(marker);
    write(marker, typed.length - 1);
    timer = setTimeout(next, 5 + Math.random() * 40);
  };
  return {
    start: () => next(),
    stop: () => clearTimeout(timer),
    acknowledged: () => typed.slice(0, acknowledged),
    typed: () => typed.length,
  };
}

const schema = messageSchema("EMAIL");
const docOf = (document: Y.Doc) =>
  yXmlFragmentToProsemirror(schema, document.getXmlFragment(FIELD));
/** The word a suggester's `index`th suggestion replaces in `round` (no word is a prefix of another). */
const target = (round: number, index: number) => `r${round}w${index}z`;
/** Words a suggester may replace per round: more than it gets to before the kill. */
const TARGETS = 400;

/**
 * What the editor in Suggesting mode sends: `words` proposed in place of
 * `word`, a suggested deletion and insertion carrying the author and function.
 */
function suggest(document: Y.Doc, author: SuggestionAuthor, word: string, words: string) {
  const doc = docOf(document);
  const plain = toPlainText(doc);
  const at = plain.text.indexOf(word);
  if (at < 0) throw new Error(`"${word}" is not in the suggester's document`);
  const tr = new Transform(doc);
  suggestReplace(tr, plain.toDocPos(at), plain.toDocPos(at + word.length, "end"), words, {
    author,
  });
  updateYFragment(document, document.getXmlFragment(FIELD), tr.doc, {
    mapping: new Map(),
    isOMark: new Map(),
  });
}

describe("collab process killed with SIGKILL", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  let env: Record<string, string>;
  let demo: DemoSeedResult;
  let communicationId: string;
  let port: number;
  const token = (userId: string) =>
    encodeCollabToken(
      {
        userId,
        communicationId,
        access: "write",
        expiresAt: Math.floor(Date.now() / 1000) + 60,
      },
      SECRET,
    );
  // Every process started, so a failed assertion leaves none running.
  const started = new Set<ChildProcess>();
  const start = async () => {
    const child = await startCollabProcess(env);
    started.add(child);
    return child;
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once("exit", r));

  beforeAll(async () => {
    // The child owns the database while it runs: PostgreSQL allows sharing,
    // embedded PGlite is a folder the child opens (and this test reads only after).
    let db: OpenDatabase;
    if (process.env.DATABASE_URL) {
      db = await createTestDatabase();
      cleanups.push(() => db.close());
      env = { DATABASE_URL: (db.connection.target as { url: string }).url };
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "conductor-crash-"));
      db = await openDatabase({ kind: "pglite", dataDir: join(dataDir, "pglite") });
      await applyMigrations(db.connection);
      env = { DATABASE_URL: "", CONDUCTOR_DATA_DIR: dataDir };
    }
    demo = (await seedDemoOrganization(db.prisma))!;
    communicationId = (
      await db.prisma.communication.findFirstOrThrow({
        where: { title: { contains: "transactional" } },
      })
    ).id;
    if (!process.env.DATABASE_URL) await db.close();
    port = await freePort();
    Object.assign(env, { COLLAB_PORT: String(port), AUTH_SECRET });
  });
  afterAll(async () => {
    for (const child of started) {
      child.kill("SIGKILL");
      await exited(child);
    }
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  // Four starts of the process plus their typing: well past the default 30 s.
  it("loses no acknowledged edit or suggestion (with its author and function), nor an edit another client had for 2 s, when killed at random moments under two typing editors and a suggesting one", {
    timeout: 180_000,
  }, async () => {
    const received = "Received by the other editor before the crash.";
    const acknowledged: string[] = [];
    /** Suggestions acknowledged, by the words they proposed, with what they replace. */
    const suggested = new Map<string, string>();
    const compliance = { id: demo.userIds.compliance, function: "COMPLIANCE" };
    let typedInAll = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const server = await start();
      const legal = connect(port, communicationId, token(demo.userIds.legal));
      const marketing = connect(port, communicationId, token(demo.userIds.marketing));
      // A third editor, in Suggesting mode: proposes replacements of words it typed first.
      const suggester = connect(port, communicationId, token(demo.userIds.compliance));
      const clients = [legal, marketing, suggester];
      await Promise.all(clients.map((c) => c.synced));
      suggester.type(Array.from({ length: TARGETS }, (_, i) => target(round, i)).join(" "));
      // Nothing of the handshake (or those words) left unanswered, so every answer counted is an edit's.
      await until(() => clients.every((c) => !c.provider.hasUnsyncedChanges), 10_000);
      // What every earlier round acknowledged came back.
      const missing = acknowledged.filter((marker) => !legal.text().includes(marker));
      expect(missing, `lost after kill ${round}`).toEqual([]);
      const pending = new Map(
        pendingSuggestions(docOf(legal.document)).map((s) => [s.inserted, s] as const),
      );
      const lostSuggestions = [...suggested].filter(([inserted, deleted]) => {
        const found = pending.get(inserted);
        return !(
          found?.deleted === deleted &&
          found.authorId === compliance.id &&
          found.authorFunction === compliance.function
        );
      });
      expect(lostSuggestions, `suggestions lost after kill ${round}`).toEqual([]);
      if (round === 0) {
        // The weaker promise, kept since before edits were acknowledged: what
        // another client has seen for 2 s is past the store debounce (at most 1.5 s).
        legal.type(received);
        expect(await until(() => marketing.text().includes(received))).toBe(true);
        await new Promise((r) => setTimeout(r, 2000));
      } else {
        expect(legal.text(), `the edit seen before kill 0, after kill ${round}`).toContain(
          received,
        );
      }

      const suggesting = typist(
        suggester,
        `s${round}`,
        (marker, index) => suggest(suggester.document, compliance, target(round, index), marker),
        TARGETS,
      );
      const typists = [
        typist(legal, `legal ${round}`),
        typist(marketing, `marketing ${round}`),
        suggesting,
      ];
      for (const t of typists) t.start();
      // Enough acknowledged edits that the round tests something however busy
      // the machine is, then a kill anywhere inside the store debounce
      // (400 ms, at most 1.5 s) and past it.
      await until(() => typists.every((t) => t.acknowledged().length >= 5), 20_000);
      await new Promise((r) => setTimeout(r, Math.random() * 1900));
      server.kill("SIGKILL");
      for (const t of typists) t.stop();
      await exited(server);
      // Answers already on their way still arrive; then the editors go away
      // with whatever was not acknowledged, never to send it again.
      await Promise.race([
        Promise.all(clients.map((c) => c.closed)),
        new Promise((r) => setTimeout(r, 1000)),
      ]);
      for (const t of typists) {
        typedInAll += t.typed();
        if (t === suggesting) {
          for (const [i, marker] of suggesting.acknowledged().entries())
            suggested.set(marker, target(round, i));
        } else acknowledged.push(...t.acknowledged());
      }
      for (const client of clients) client.close();
    }

    await start();
    const reader = connect(port, communicationId, token(demo.userIds.product));
    await reader.synced;
    const lost = acknowledged.filter((marker) => !reader.text().includes(marker));
    const survived = pendingSuggestions(docOf(reader.document)).filter(
      (s) =>
        suggested.get(s.inserted) === s.deleted &&
        s.authorId === compliance.id &&
        s.authorFunction === compliance.function,
    );
    console.info(
      `crash test: ${acknowledged.length} edits and ${suggested.size} suggestions acknowledged (of ${typedInAll} made) across ${ROUNDS} kills; ${lost.length} edits and ${suggested.size - survived.length} suggestions lost`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 10);
    expect(suggested.size).toBeGreaterThanOrEqual(ROUNDS * 5);
    expect(reader.text()).toContain(received);
    expect(lost).toEqual([]);
    expect(survived.map((s) => s.inserted).sort()).toEqual([...suggested.keys()].sort());
    reader.close();
  });
});
