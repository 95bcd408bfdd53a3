import { createHmac } from "node:crypto";
import {
  AppError,
  approvalCertificate,
  compareVersions,
  decideReview,
  loadActor,
  loadCommunication,
  postReviewChange,
  REVIEW_CHANGED_PATH,
  signReviewChange,
  versionHash,
} from "@conductor/core";
import type { OpenDatabase } from "@conductor/db";
import { type DemoSeedResult, demoAccounts } from "@conductor/db/seed";
import {
  acceptedDocument,
  type FormattingEdit,
  messageSchema,
  pendingSuggestions,
  type SuggestionAuthor,
  suggestFormat,
  suggestReplace,
  toPlainText,
} from "@conductor/editor";
import { Transform } from "@tiptap/pm/transform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateYFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import * as Y from "yjs";
import { FIELD } from "./persistence";
import type { createCollabServer } from "./server";
import { SUGGESTIONS_ONLY_REASON } from "./suggestion-guard";
import {
  collabTokenFor,
  connect,
  demoDocument,
  listeningCollabServer,
  openReviewAsSubmitted,
  until,
} from "./testing";

const SECRET = "collab-suggestions-test-secret";
const schema = messageSchema("EMAIL");

const docOf = (document: Y.Doc) =>
  yXmlFragmentToProsemirror(schema, document.getXmlFragment(FIELD));
const textOf = (document: Y.Doc) => toPlainText(docOf(document)).text;
const acceptedTextOf = (document: Y.Doc) => toPlainText(acceptedDocument(docOf(document))).text;

/** What the editor in Suggesting mode sends: `words` replacing the first `target`, as marks. */
function suggest(document: Y.Doc, author: SuggestionAuthor, target: string, words: string) {
  const doc = docOf(document);
  const offset = toPlainText(doc).text.indexOf(target);
  if (offset < 0) throw new Error(`"${target}" is not in the document`);
  const plain = toPlainText(doc);
  const tr = new Transform(doc);
  suggestReplace(tr, plain.toDocPos(offset), plain.toDocPos(offset + target.length, "end"), words, {
    author,
  });
  applyDoc(document, tr.doc);
}

/** The document range of the first `target` in the shared document's text. */
function rangeOf(document: Y.Doc, target: string): [number, number] {
  const plain = toPlainText(docOf(document));
  const offset = plain.text.indexOf(target);
  if (offset < 0) throw new Error(`"${target}" is not in the document`);
  return [plain.toDocPos(offset), plain.toDocPos(offset + target.length, "end")];
}

/** What the editor in Suggesting mode sends for formatting `target`: a format suggestion. */
function suggestFormatting(
  document: Y.Doc,
  author: SuggestionAuthor,
  target: string,
  edit: FormattingEdit,
) {
  const tr = new Transform(docOf(document));
  suggestFormat(tr, ...rangeOf(document, target), edit, { author });
  applyDoc(document, tr.doc);
}

/** Puts a ProseMirror document into the shared one, as y-prosemirror's sync does. */
function applyDoc(document: Y.Doc, doc: import("@tiptap/pm/model").Node) {
  updateYFragment(document, document.getXmlFragment(FIELD), doc, {
    mapping: new Map(),
    isOMark: new Map(),
  });
}

describe("suggestions in the shared document", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let port: number;
  let server: ReturnType<typeof createCollabServer>;
  let communicationId: string;
  const token = (userId: string) => collabTokenFor(db, communicationId, userId, SECRET);
  const legalAuthor = () => ({ id: demo.userIds.legal, function: "LEGAL" });
  const complianceAuthor = () => ({ id: demo.userIds.compliance, function: "COMPLIANCE" });
  const storedText = async () =>
    (await db.prisma.communicationDocument.findUnique({ where: { communicationId } }))?.text ?? "";
  const loggedCount = () =>
    db.prisma.communicationDocumentUpdate.count({ where: { communicationId } });

  /** The document as a restarted server would open it: stored state plus the update log. */
  async function reopened() {
    const stored = await db.prisma.communicationDocument.findUniqueOrThrow({
      where: { communicationId },
    });
    const document = new Y.Doc();
    if (stored.state) Y.applyUpdate(document, stored.state);
    for (const row of await db.prisma.communicationDocumentUpdate.findMany({
      where: { communicationId },
    }))
      Y.applyUpdate(document, row.update);
    return document;
  }

  /** An open review of the communication, as a submission leaves it. */
  async function openReview() {
    await openReviewAsSubmitted(db.prisma, communicationId);
  }

  beforeAll(async () => {
    ({ db, demo, communicationId } = await demoDocument());
    ({ port, server } = await listeningCollabServer(db, SECRET, {
      debounce: 50,
      maxDebounce: 200,
    }));
  });
  afterAll(async () => {
    await server.destroy();
    await db.close();
  });

  it("converges when two people suggest in one paragraph at once", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const compliance = connect(port, communicationId, await token(demo.userIds.compliance));
    await Promise.all([legal.synced, compliance.synced]);
    const before = textOf(legal.document);
    // Both offline, each suggests on the same sentence; then both reconnect.
    await Promise.all([legal.goOffline(), compliance.goOffline()]);
    suggest(legal.document, legalAuthor(), "was received", "arrived");
    suggest(compliance.document, complianceAuthor(), "is due", "falls due");
    legal.goOnline();
    compliance.goOnline();
    expect(
      await until(
        () =>
          pendingSuggestions(docOf(legal.document)).length === 2 &&
          textOf(legal.document) === textOf(compliance.document),
        10_000,
      ),
    ).toBe(true);
    expect(docOf(legal.document).eq(docOf(compliance.document))).toBe(true);
    expect(acceptedTextOf(legal.document)).toBe(before);
    expect(
      pendingSuggestions(docOf(compliance.document)).map((s) => [
        s.authorFunction,
        s.deleted,
        s.inserted,
      ]),
    ).toEqual([
      ["LEGAL", "was received", "arrived"],
      ["COMPLIANCE", "is due", "falls due"],
    ]);
    legal.close();
    compliance.close();
  });

  it("while a review is open, refuses a reviewer's direct edit and takes their suggestions", async () => {
    await openReview();
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const compliance = connect(port, communicationId, await token(demo.userIds.compliance));
    const owner = connect(port, communicationId, await token(demo.userIds.commsManager));
    await Promise.all([legal.synced, compliance.synced, owner.synced]);
    await until(async () => (await loggedCount()) === 0, 10_000);

    // A suggestion passes and reaches the others.
    suggest(legal.document, legalAuthor(), "Your next payment", "Your following payment");
    expect(
      await until(() =>
        pendingSuggestions(docOf(compliance.document)).some(
          (s) => s.inserted === "Your following payment",
        ),
      ),
    ).toBe(true);

    // A direct edit is refused: the connection closes, nothing reaches the others or the log.
    const logged = await loggedCount();
    legal.type("Legal rewrites the message directly.");
    expect(await legal.closed).toBe(SUGGESTIONS_ONLY_REASON);
    // The owner may still edit directly; what they type arrives after anything legal's edit would have.
    owner.type("The owner's own edit.");
    expect(await until(() => compliance.text().includes("The owner's own edit."))).toBe(true);
    expect(compliance.text()).not.toContain("Legal rewrites the message directly.");
    expect(
      await until(async () => (await storedText()).includes("The owner's own edit."), 10_000),
    ).toBe(true);
    expect(await storedText()).not.toContain("Legal rewrites the message directly.");
    // What a restart would load: the stored state and every logged update.
    expect(textOf(await reopened())).not.toContain("Legal rewrites the message directly.");
    expect(logged).toBeGreaterThan(0); // legal's suggestion was logged the same way
    legal.close();
    compliance.close();
    owner.close();
  });

  it("refuses changing or withdrawing someone else's suggestion, or suggesting under another function", async () => {
    const compliance = connect(port, communicationId, await token(demo.userIds.compliance));
    await compliance.synced;
    // Compliance strikes legal's pending suggestion out of the document.
    const doc = docOf(compliance.document);
    const theirs = pendingSuggestions(doc).find((s) => s.authorId === demo.userIds.legal)!;
    expect(theirs).toBeDefined();
    const tr = new Transform(doc).removeMark(
      theirs.from,
      theirs.to,
      schema.marks.suggestedDeletion!,
    );
    applyDoc(compliance.document, tr.doc);
    expect(await compliance.closed).toBe(SUGGESTIONS_ONLY_REASON);
    compliance.close();

    const again = connect(port, communicationId, await token(demo.userIds.compliance));
    await again.synced;
    suggest(
      again.document,
      { id: demo.userIds.compliance, function: "LEGAL" },
      "payment",
      "instalment",
    );
    expect(await again.closed).toBe(SUGGESTIONS_ONLY_REASON);
    again.close();
  });

  it("gives a read-only member no way to suggest", async () => {
    const analyst = connect(port, communicationId, await token(demo.userIds.analyst));
    const owner = connect(port, communicationId, await token(demo.userIds.commsManager));
    await Promise.all([analyst.synced, owner.synced]);
    suggest(
      analyst.document,
      { id: demo.userIds.analyst, function: null },
      "payment",
      "instalment",
    );
    // Answered after the update before it on the same connection was handled.
    const answer = await analyst.versionAction({ type: "save-version", name: "Analyst's try" });
    expect(answer).toMatchObject({ ok: false });
    owner.type("A marker after the analyst's try.");
    expect(await until(() => analyst.text().includes("A marker after the analyst's try."))).toBe(
      true,
    );
    const live = server.hocuspocus.documents.get(communicationId)!;
    for (const document of [live, owner.document])
      expect(
        pendingSuggestions(docOf(document)).some((s) => s.authorId === demo.userIds.analyst),
      ).toBe(false);
    expect(await storedText()).not.toContain("instalment");
    analyst.close();
    owner.close();
  });

  /** The communication's audit entries of one kind, payloads read back. */
  const auditOf = async (kind: string) =>
    (
      await db.prisma.auditEvent.findMany({
        where: { communicationId, kind: kind as never },
        orderBy: { sequence: "asc" },
      })
    ).map((entry) => ({ ...entry, payload: JSON.parse(entry.payload) as Record<string, unknown> }));

  it("lets the owner accept one function's suggestions and reject another's with a reason: one change, one audit entry each", async () => {
    const owner = connect(port, communicationId, await token(demo.userIds.commsManager));
    const compliance = connect(port, communicationId, await token(demo.userIds.compliance));
    await Promise.all([owner.synced, compliance.synced]);
    const pending = pendingSuggestions(docOf(owner.document));
    expect(pending.filter((s) => s.authorFunction === "LEGAL").length).toBe(2);
    const before = acceptedTextOf(owner.document);

    expect(
      await owner.decideSuggestions({
        verdict: "accept",
        scope: { kind: "function", function: "LEGAL" },
      }),
    ).toMatchObject({ ok: true, decided: 2 });
    expect(
      await until(() => acceptedTextOf(compliance.document).includes("Your following payment")),
    ).toBe(true);
    const afterAccept = acceptedTextOf(compliance.document);
    expect(afterAccept).toContain("arrived");
    expect(afterAccept).not.toContain("was received");
    expect(pendingSuggestions(docOf(compliance.document)).map((s) => s.authorFunction)).toEqual([
      "COMPLIANCE",
    ]);
    const [accepted, ...moreAccepted] = await auditOf("SUGGESTION_ACCEPTED");
    expect(moreAccepted).toEqual([]);
    expect(accepted).toMatchObject({
      actorId: demo.userIds.commsManager,
      payload: {
        scope: { kind: "function", function: "LEGAL" },
        textBefore: before,
        textAfter: afterAccept,
      },
    });
    expect(
      (
        accepted!.payload as {
          suggestions: { authorId: string; deleted: string; inserted: string }[];
        }
      ).suggestions,
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          authorId: demo.userIds.legal,
          deleted: "was received",
          inserted: "arrived",
        }),
      ]),
    );

    expect(
      await owner.decideSuggestions({
        verdict: "reject",
        scope: { kind: "author", authorId: demo.userIds.compliance },
        reason: "  Our style guide says 'is due'. ",
      }),
    ).toMatchObject({ ok: true, decided: 1 });
    expect(await until(() => pendingSuggestions(docOf(compliance.document)).length === 0)).toBe(
      true,
    );
    expect(acceptedTextOf(compliance.document)).toBe(afterAccept);
    expect(textOf(compliance.document)).toBe(afterAccept);
    expect(await auditOf("SUGGESTION_REJECTED")).toMatchObject([
      {
        actorId: demo.userIds.commsManager,
        payload: {
          reason: "Our style guide says 'is due'.",
          suggestions: [
            { authorId: demo.userIds.compliance, deleted: "is due", inserted: "falls due" },
          ],
          textBefore: afterAccept,
          textAfter: afterAccept,
        },
      },
    ]);
    // Its author is told, with the reason, in the decision's transaction.
    expect(
      await db.prisma.notification.findMany({
        where: { communicationId, kind: "SUGGESTION_REJECTED" },
        select: { userId: true, excerpt: true },
      }),
    ).toEqual([
      {
        userId: demo.userIds.compliance,
        excerpt: expect.stringMatching(
          /replacing ‘is due’ with ‘falls due’ — “Our style guide says 'is due'\.”$/,
        ),
      },
    ]);
    owner.close();
    compliance.close();
  });

  it("rejects exactly the suggestions within a selection, leaving the others pending", async () => {
    const owner = connect(port, communicationId, await token(demo.userIds.commsManager));
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    await Promise.all([owner.synced, legal.synced]);
    suggest(legal.document, legalAuthor(), "Your following payment", "Your coming payment");
    suggest(legal.document, legalAuthor(), "is due", "falls due");
    expect(await until(() => pendingSuggestions(docOf(owner.document)).length === 2)).toBe(true);
    const [first, second] = pendingSuggestions(docOf(owner.document));
    // The owner's editor selected only the first; an id decided meanwhile is simply not pending.
    const before = acceptedTextOf(owner.document);
    expect(
      await owner.decideSuggestions({
        verdict: "reject",
        scope: { kind: "selection", suggestionIds: [first!.id, "decided-meanwhile"] },
      }),
    ).toMatchObject({ ok: true, decided: 1 });
    expect(await until(() => pendingSuggestions(docOf(legal.document)).length === 1)).toBe(true);
    expect(pendingSuggestions(docOf(legal.document))[0]!.id).toBe(second!.id);
    expect(acceptedTextOf(legal.document)).toBe(before);
    expect(textOf(legal.document)).not.toContain("Your coming payment");
    expect(await auditOf("SUGGESTION_REJECTED")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          payload: expect.objectContaining({
            scope: { kind: "selection", suggestionIds: [first!.id, "decided-meanwhile"] },
            suggestions: [
              expect.objectContaining({ id: first!.id, inserted: "Your coming payment" }),
            ],
          }),
        }),
      ]),
    );
    expect(
      await owner.decideSuggestions({
        verdict: "reject",
        scope: { kind: "one", suggestionId: second!.id },
      }),
    ).toMatchObject({ ok: true, decided: 1 });
    expect(await until(() => pendingSuggestions(docOf(owner.document)).length === 0)).toBe(true);
    owner.close();
    legal.close();
  });

  it("refuses a decision by the wrong person, on nothing, or with a broken reason; a suggester withdraws their own", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const compliance = connect(port, communicationId, await token(demo.userIds.compliance));
    const owner = connect(port, communicationId, await token(demo.userIds.commsManager));
    await Promise.all([legal.synced, compliance.synced, owner.synced]);
    suggest(legal.document, legalAuthor(), "Your following payment", "The next one");
    expect(await until(() => pendingSuggestions(docOf(owner.document)).length === 1)).toBe(true);
    const [mine] = pendingSuggestions(docOf(legal.document));
    const one = { kind: "one", suggestionId: mine!.id };
    const entries = () => db.prisma.auditEvent.count({ where: { communicationId } });
    const entriesBefore = await entries();

    for (const [who, request] of [
      [legal, { verdict: "accept", scope: one }],
      [compliance, { verdict: "withdraw", scope: one }],
      [owner, { verdict: "accept", scope: { kind: "one", suggestionId: "no-such-suggestion" } }],
      [owner, { verdict: "reject", scope: one, reason: "Bad\u0000reason" }],
      [owner, { verdict: "reject", scope: one, reason: "lone \ud800 surrogate" }],
      [owner, { verdict: "accept", scope: one, reason: "Acceptance carries no reason" }],
    ] as const) {
      const answer = await who.decideSuggestions(request as never);
      expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/\w/) });
      expect((answer as { error: string }).error).not.toMatch(/prisma|stack|TypeError/i);
    }
    expect(await entries()).toBe(entriesBefore);
    expect(pendingSuggestions(docOf(owner.document)).map((s) => s.id)).toEqual([mine!.id]);

    const before = acceptedTextOf(owner.document);
    expect(await legal.decideSuggestions({ verdict: "withdraw", scope: one })).toMatchObject({
      ok: true,
      decided: 1,
    });
    expect(await until(() => pendingSuggestions(docOf(owner.document)).length === 0)).toBe(true);
    expect(acceptedTextOf(owner.document)).toBe(before);
    expect(await auditOf("SUGGESTION_WITHDRAWN")).toMatchObject([
      {
        actorId: demo.userIds.legal,
        payload: { suggestions: [{ id: mine!.id, inserted: "The next one" }] },
      },
    ]);
    legal.close();
    compliance.close();
    owner.close();
  });

  it("asks a reviewer whose function has pending suggestions to approve with changes; a request for changes carries the reviewer's own", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    await legal.synced;
    suggest(legal.document, legalAuthor(), "payment", "instalment");
    const [pending] = pendingSuggestions(docOf(legal.document));
    // The server applies an update only after logging it; from then on it counts, stored or not.
    const live = server.hocuspocus.documents.get(communicationId)!;
    expect(await until(() => pendingSuggestions(docOf(live)).length === 1)).toBe(true);
    const actor = await loadActor(db.prisma, demo.userIds.legal);
    const ctx = { db: db.prisma, actor };
    const communication = await loadCommunication(ctx, communicationId);
    const review = async () =>
      db.prisma.review.findFirstOrThrow({
        where: { communicationId, status: "IN_REVIEW" },
        orderBy: { createdAt: "desc" },
      });
    const decide = async (kind: "APPROVE" | "REQUEST_CHANGES", withChanges = false) => {
      const open = await review();
      return decideReview(ctx, communication, {
        communicationId,
        reviewId: open.id,
        function: "LEGAL",
        kind,
        reasonCode: kind === "REQUEST_CHANGES" ? "unclear" : undefined,
        comment: "",
        versionHash: open.versionHash,
        withChanges,
      });
    };
    const decided = () => auditOf("DECIDED");

    const refusal = await decide("APPROVE").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: "CONFLICT",
      reason: "PENDING_SUGGESTIONS",
      message:
        "Legal has a pending suggestion on this message: withdraw it, or approve with changes",
    });
    expect(await decided()).toEqual([]);

    const carried = {
      id: pending!.id,
      authorId: demo.userIds.legal,
      authorFunction: "LEGAL",
      inserted: "instalment",
      deleted: "payment",
    };
    const request = await decide("REQUEST_CHANGES");
    expect(request.decision).toMatchObject({ withChanges: false, suggestions: [carried] });
    expect(
      await db.prisma.notification.findFirst({
        where: { communicationId, kind: "CHANGES_REQUESTED" },
        select: { excerpt: true },
      }),
    ).toMatchObject({ excerpt: expect.stringContaining("with a suggestion in the text") });

    // The next round: approving with changes is recorded with what was pending.
    await openReview();
    const approval = await decide("APPROVE", true);
    expect(approval.decision).toMatchObject({ withChanges: true, suggestions: [carried] });
    expect((await decided()).map((entry) => entry.payload)).toEqual([
      expect.objectContaining({
        kind: "REQUEST_CHANGES",
        withChanges: false,
        suggestions: [carried],
      }),
      expect.objectContaining({ kind: "APPROVE", withChanges: true, suggestions: [carried] }),
    ]);

    // The certificate and the diff since the first version name the suggestions accepted into the text.
    const legalAccepted = expect.objectContaining({
      authorName: demoAccounts.legal.name,
      authorFunction: "LEGAL",
      deleted: "was received",
      inserted: "arrived",
      acceptedByName: demoAccounts.commsManager.name,
    });
    const certificate = await approvalCertificate(ctx, communication);
    expect(certificate.decisions).toEqual([expect.objectContaining({ withChanges: true })]);
    expect(certificate.acceptedSuggestions).toEqual(expect.arrayContaining([legalAccepted]));
    expect(certificate.acceptedSuggestions.map((s) => s.inserted)).not.toContain("instalment");
    const versions = await db.prisma.communicationVersion.findMany({
      where: { communicationId },
      orderBy: { number: "asc" },
    });
    const diff = await compareVersions(ctx, communication, {
      communicationId,
      fromVersionId: versions[0]!.id,
      toVersionId: versions.at(-1)!.id,
    });
    expect(diff.acceptedSuggestions).toEqual(expect.arrayContaining([legalAccepted]));
    legal.close();
  });
  it("refuses a direct edit on an open connection right after submission is signalled, and takes one again once the review ends", async () => {
    const collabUrl = `http://127.0.0.1:${port}`;
    const signal = () =>
      postReviewChange(collabUrl, { organizationId: demo.organizationId, communicationId }, SECRET);
    await db.prisma.review.updateMany({
      where: { communicationId, status: "IN_REVIEW" },
      data: { status: "WITHDRAWN" },
    });
    await signal();
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const owner = connect(port, communicationId, await token(demo.userIds.commsManager));
    await Promise.all([legal.synced, owner.synced]);
    legal.type("Legal edits before the submission.");
    expect(await until(() => owner.text().includes("Legal edits before the submission."))).toBe(
      true,
    );

    // Submitted (what submission leaves in the database), then the web app's signal.
    await openReview();
    await signal();
    legal.type("Legal edits after the submission.");
    expect(await legal.closed).toBe(SUGGESTIONS_ONLY_REASON);
    owner.type("A marker after legal's refused edit.");
    expect(await until(() => owner.text().includes("A marker after legal's refused edit."))).toBe(
      true,
    );
    expect(owner.text()).not.toContain("Legal edits after the submission.");
    legal.close();

    // During the review legal suggests (that answer is remembered on this connection) …
    const again = connect(port, communicationId, await token(demo.userIds.legal));
    await again.synced;
    suggest(again.document, legalAuthor(), "Legal edits before", "Legal wrote before");
    expect(
      await until(() =>
        pendingSuggestions(docOf(owner.document)).some((s) => s.inserted === "Legal wrote before"),
      ),
    ).toBe(true);
    // … and once the review ends and that is signalled, edits directly on the same connection.
    await db.prisma.review.updateMany({
      where: { communicationId, status: "IN_REVIEW" },
      data: { status: "WITHDRAWN" },
    });
    await signal();
    again.type("Legal edits after the review ended.");
    expect(await until(() => owner.text().includes("Legal edits after the review ended."))).toBe(
      true,
    );
    again.close();
    owner.close();
  });

  it("refuses review signals that are forged, malformed or not posted", async () => {
    const url = `http://127.0.0.1:${port}${REVIEW_CHANGED_PATH}`;
    const signed = signReviewChange(
      { organizationId: demo.organizationId, communicationId: null },
      SECRET,
    );
    const post = (body: string, signature: string) =>
      fetch(url, { method: "POST", headers: { "x-conductor-signature": signature }, body });
    // Signed with the collab key, as the web app signs (token.ts).
    const signedAs = (body: string) =>
      createHmac("sha256", SECRET).update(body).digest("base64url");
    const refusals = [
      await post(signed.body, "forged"),
      await post(
        signed.body,
        signReviewChange({ organizationId: demo.organizationId, communicationId: null }, "another")
          .signature,
      ),
      // Signed, but not a review change: an access change's body, broken bodies, missing fields.
      ...(await Promise.all(
        [
          JSON.stringify({ userId: demo.userIds.legal, organizationId: demo.organizationId }),
          "not json",
          "null",
          '{"kind":"review","organizationId":"o"}',
          '{"kind":"review","organizationId":"o","communicationId":7}',
        ].map((body) => post(body, signedAs(body))),
      )),
      await fetch(url),
    ];
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 400, 400, 400, 400, 400, 405]);
    for (const refusal of refusals)
      expect(await refusal.text()).not.toMatch(/SyntaxError|stack|at \w+ \(/);
    // The organisation's settings changed: every document's answers are read again.
    expect((await post(signed.body, signed.signature)).status).toBe(202);
  });

  it("takes formatting and merge fields as suggestions, refuses them done directly, and gives a viewer no way to suggest either", async () => {
    await openReview();
    const owner = connect(port, communicationId, await token(demo.userIds.commsManager));
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const analyst = connect(port, communicationId, await token(demo.userIds.analyst));
    await Promise.all([owner.synced, legal.synced, analyst.synced]);
    owner.type("Please pay by 3 May at the latest.");
    expect(await until(() => legal.text().includes("pay by 3 May"))).toBe(true);
    const ownersNew = () =>
      pendingSuggestions(docOf(owner.document)).filter((s) => s.authorId === demo.userIds.legal);
    const legalsBefore = ownersNew().length;
    const bold = schema.marks.bold!;

    // Legal's bold and a merge field, both as suggestions, reach the owner.
    suggestFormatting(legal.document, legalAuthor(), "pay by 3 May", { add: bold.create() });
    const dueDate = schema.nodes.mergeField!.create({
      key: "due_date",
      label: "Due date",
      sample: "18 May 2027",
    });
    const tr = new Transform(docOf(legal.document));
    const [, atLatest] = rangeOf(legal.document, "at the latest");
    suggestReplace(tr, atLatest, atLatest, dueDate, { author: legalAuthor() });
    applyDoc(legal.document, tr.doc);
    expect(await until(() => ownersNew().length === legalsBefore + 2)).toBe(true);
    const format = ownersNew().find((s) => s.format);
    const field = ownersNew().find((s) => s.inserted === "{{due_date}}");
    expect(format?.format).toEqual({ text: "pay by 3 May", add: ["bold"], remove: [] });
    expect(field).toBeDefined();

    // Done directly, the same formatting is refused.
    const direct = new Transform(docOf(legal.document)).addMark(
      ...rangeOf(legal.document, "at the latest"),
      bold.create(),
    );
    applyDoc(legal.document, direct.doc);
    expect(await legal.closed).toBe(SUGGESTIONS_ONLY_REASON);
    legal.close();

    // A read-only member's format suggestion goes nowhere.
    suggestFormatting(
      analyst.document,
      { id: demo.userIds.analyst, function: null },
      "Please pay",
      { add: schema.marks.italic!.create() },
    );
    owner.type("A marker after the analyst's formatting.");
    expect(await until(() => analyst.text().includes("after the analyst's formatting"))).toBe(true);
    const live = server.hocuspocus.documents.get(communicationId)!;
    for (const document of [live, owner.document])
      expect(
        pendingSuggestions(docOf(document)).some((s) => s.authorId === demo.userIds.analyst),
      ).toBe(false);
    analyst.close();

    // The pending formatting does not move the hash; accepting it does, and is one audit entry.
    const hashOf = () => versionHash({ json: docOf(owner.document).toJSON() });
    const withPending = hashOf();
    const withoutSuggestions = versionHash({
      json: acceptedDocument(docOf(owner.document)).toJSON(),
    });
    expect(withPending).toBe(withoutSuggestions);
    const acceptedBefore = (await auditOf("SUGGESTION_ACCEPTED")).length;
    expect(
      await owner.decideSuggestions({
        verdict: "accept",
        scope: { kind: "one", suggestionId: format!.id },
      }),
    ).toMatchObject({ ok: true, decided: 1 });
    const boldText = () => {
      const doc = docOf(owner.document);
      const [from, to] = rangeOf(owner.document, "pay by 3 May");
      let all = true;
      doc.nodesBetween(from, to, (node) => {
        if (node.isText && !bold.isInSet(node.marks)) all = false;
      });
      return all;
    };
    expect(await until(boldText)).toBe(true);
    expect(hashOf()).not.toBe(withPending);
    const accepted = await auditOf("SUGGESTION_ACCEPTED");
    expect(accepted).toHaveLength(acceptedBefore + 1);
    expect(accepted.at(-1)?.payload).toMatchObject({
      suggestions: [
        {
          id: format!.id,
          authorId: demo.userIds.legal,
          inserted: "",
          deleted: "",
          format: { text: "pay by 3 May", add: ["bold"], remove: [] },
        },
      ],
    });

    // Rejecting the merge field leaves the text as it was, and its author hears it by name.
    const textBefore = acceptedTextOf(owner.document);
    expect(
      await owner.decideSuggestions({
        verdict: "reject",
        scope: { kind: "one", suggestionId: field!.id },
      }),
    ).toMatchObject({ ok: true, decided: 1 });
    expect(
      await until(() => !pendingSuggestions(docOf(owner.document)).some((s) => s.id === field!.id)),
    ).toBe(true);
    expect(acceptedTextOf(owner.document)).toBe(textBefore);
    expect(
      await db.prisma.notification.findFirst({
        where: { communicationId, kind: "SUGGESTION_REJECTED", userId: demo.userIds.legal },
        orderBy: { createdAt: "desc" },
        select: { excerpt: true },
      }),
    ).toMatchObject({ excerpt: expect.stringContaining("inserting {due date}") });
    owner.close();
  });
});
