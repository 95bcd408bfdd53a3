// What the trail says about each change a regulator would ask about: the
// before and after, never a secret or a person's data, and nothing for a save
// that changed nothing or a check that wrote nothing.
import {
  createReleaseToken,
  importCallVolumeFeed,
  importCallVolumeUpload,
  loadActor,
  verifyAuditTrail,
} from "@conductor/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "./testing";

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(async () => {
  // Every entry these tests caused still chains.
  expect((await verifyAuditTrail(f.db.prisma, f.demo.organizationId)).ok).toBe(true);
  await f.db.close();
});

const organizationId = () => f.demo.organizationId;

/** Runs a change and returns the entries it appended, oldest first, payloads parsed. */
async function appendedBy(run: () => Promise<unknown>) {
  const head = await f.db.prisma.auditEvent.findFirst({
    where: { organizationId: organizationId() },
    orderBy: { sequence: "desc" },
    select: { sequence: true },
  });
  await run();
  const rows = await f.db.prisma.auditEvent.findMany({
    where: { organizationId: organizationId(), sequence: { gt: head?.sequence ?? 0 } },
    orderBy: { sequence: "asc" },
  });
  return rows.map((row) => ({
    kind: row.kind,
    actorId: row.actorId,
    communicationId: row.communicationId,
    payload: JSON.parse(row.payload),
    text: row.payload,
  }));
}

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

describe("personas", () => {
  it("records what changed from → to, nothing for an unchanged save, and the whole persona when deleted", async () => {
    const manager = await f.callerFor("commsManager");
    const [created] = await appendedBy(() =>
      manager.personas.create({
        organizationId: organizationId(),
        name: "Audited persona",
        vignette: "Someone the trail remembers.",
        readingGrade: 7,
      }),
    );
    const personaId = created!.payload.personaId as string;
    expect(created).toMatchObject({
      kind: "PERSONA_CHANGED",
      actorId: f.demo.userIds.commsManager,
      payload: {
        change: "created",
        persona: { name: "Audited persona", readingGrade: 7, needs: [], preferredChannel: null },
      },
    });

    const edit = { organizationId: organizationId(), personaId, readingGrade: 5, feelings: "" };
    expect(await appendedBy(() => manager.personas.update(edit))).toEqual([
      expect.objectContaining({
        payload: {
          change: "updated",
          personaId,
          name: "Audited persona",
          changes: { readingGrade: { from: 7, to: 5 } },
        },
      }),
    ]);
    expect(await appendedBy(() => manager.personas.update(edit))).toEqual([]);

    const archive = { organizationId: organizationId(), personaId, archived: true };
    const archived = await appendedBy(async () => {
      await manager.personas.archive(archive);
      await manager.personas.archive(archive);
    });
    expect(archived.map((e) => e.payload.change)).toEqual(["archived"]);

    const [deleted] = await appendedBy(() =>
      manager.personas.delete({ organizationId: organizationId(), personaId }),
    );
    expect(deleted!.payload).toMatchObject({
      change: "deleted",
      personaId,
      persona: {
        name: "Audited persona",
        readingGrade: 5,
        vignette: "Someone the trail remembers.",
      },
    });
  });
});

describe("review settings", () => {
  it("the minimum score from → to, and a new default template with the one it replaced", async () => {
    const manager = await f.callerFor("commsManager");
    const current = await manager.reviewSettings.get({ organizationId: organizationId() });
    const rules = {
      organizationId: organizationId(),
      minimumScore: current.minimumScore + 5,
      forbidSelfApproval: current.forbidSelfApproval,
      reasonCodes: current.reviewReasonCodes,
    };
    expect(await appendedBy(() => manager.reviewSettings.update(rules))).toEqual([
      expect.objectContaining({
        kind: "REVIEW_SETTINGS_CHANGED",
        payload: {
          setting: "reviewRules",
          changes: {
            minimumScore: { from: current.minimumScore, to: current.minimumScore + 5 },
          },
        },
      }),
    ]);
    expect(await appendedBy(() => manager.reviewSettings.update(rules))).toEqual([]);

    const previous = current.templates.find((t) => t.isDefault)!;
    const stages = [
      {
        name: "Legal",
        functions: ["LEGAL" as const],
        quorum: { kind: "any" as const },
        dueBusinessDays: 2,
      },
    ];
    const entries = await appendedBy(() =>
      manager.reviewSettings.saveTemplate({
        organizationId: organizationId(),
        name: "Legal only",
        stages,
        makeDefault: true,
      }),
    );
    expect(entries.map((e) => e.payload)).toEqual([
      {
        setting: "template",
        templateId: expect.any(String),
        from: null,
        to: { name: "Legal only", stages: [expect.objectContaining({ name: "Legal" })] },
      },
      {
        setting: "defaultTemplate",
        from: { templateId: previous.id, name: previous.name },
        to: { templateId: entries[0]!.payload.templateId, name: "Legal only" },
      },
    ]);
  });
});

describe("release tokens", () => {
  it("name the token and its scope, never the secret or its prefix; revoking twice is one entry", async () => {
    const admin = await f.callerFor("admin");
    let token = { id: "", token: "", prefix: "" };
    const [created] = await appendedBy(async () => {
      token = await admin.releaseTokens.create({
        organizationId: organizationId(),
        name: "Nightly feed",
        scope: "CALL_VOLUME",
      });
    });
    expect(created).toMatchObject({
      kind: "TOKEN_CREATED",
      payload: { tokenId: token.id, name: "Nightly feed", scope: "CALL_VOLUME" },
    });
    expect(created!.text).not.toContain(token.token.slice(4, 12));
    expect(created!.text).not.toContain(token.prefix);

    const revoke = { organizationId: organizationId(), tokenId: token.id };
    const revoked = await appendedBy(async () => {
      const shown = await admin.releaseTokens.revoke(revoke);
      expect(shown).not.toHaveProperty("tokenHash");
      await admin.releaseTokens.revoke(revoke);
    });
    expect(revoked).toEqual([
      expect.objectContaining({
        kind: "TOKEN_REVOKED",
        payload: { tokenId: token.id, name: "Nightly feed", scope: "CALL_VOLUME" },
      }),
    ]);
  });
});

describe("call volume", () => {
  it("the taxonomy's additions and relabels, a message's reasons, a holdout and the windows, each from → to", async () => {
    const analyst = await f.callerFor("analyst");
    const save = (label: string) =>
      analyst.calls.saveReasons({
        organizationId: organizationId(),
        reasons: [
          { code: "billing", label: "Billing question", failureDemand: false },
          { code: "tariff", label, failureDemand: false },
        ],
      });
    expect((await appendedBy(() => save("Tariff"))).map((e) => e.payload)).toEqual([
      { added: [{ code: "tariff", label: "Tariff", failureDemand: false }], changed: [] },
    ]);
    expect((await appendedBy(() => save("Tariff change"))).map((e) => e.payload)).toEqual([
      {
        added: [],
        changed: [
          {
            code: "tariff",
            from: { label: "Tariff", failureDemand: false },
            to: { label: "Tariff change", failureDemand: false },
          },
        ],
      },
    ]);
    expect(await appendedBy(() => save("Tariff change"))).toEqual([]);

    const release = await f.db.prisma.release.findFirstOrThrow({
      where: { review: { organizationId: organizationId() } },
    });
    const communicationId = release.communicationId;
    const before = await analyst.calls.communicationReasons({ communicationId });
    const mapped = await appendedBy(() =>
      analyst.calls.setCommunicationReasons({
        communicationId,
        reasonCodes: ["tariff", "billing", "billing"],
      }),
    );
    expect(mapped).toEqual([
      expect.objectContaining({
        kind: "CALL_REASONS_MAPPED",
        communicationId,
        payload: { from: before, to: ["billing", "tariff"] },
      }),
    ]);

    const holdout = { sentSegment: "mailed", heldOutSegment: "held", heldOut: 900 };
    const set = await appendedBy(async () => {
      await analyst.calls.setHoldout({ communicationId, releaseId: release.id, holdout });
      await analyst.calls.setHoldout({ communicationId, releaseId: release.id, holdout: null });
    });
    expect(set.map((e) => e.payload)).toEqual([
      { releaseId: release.id, from: null, to: holdout },
      { releaseId: release.id, from: holdout, to: null },
    ]);

    const windows = await appendedBy(() =>
      analyst.calls.setWindows({ organizationId: organizationId(), days: { SMS: 4 } }),
    );
    expect(windows.map((e) => e.payload)).toEqual([
      { setting: "attributionDays", from: {}, to: { SMS: 4 } },
    ]);
  });

  it("an import names the file, its hash, counts and dropped columns (names only); a check records nothing", async () => {
    const actor = await loadActor(f.db.prisma, f.demo.userIds.analyst);
    const ctx = { db: f.db.prisma, actor };
    const file = "date,reason,calls,email\n2026-10-06,billing,31,someone@example.com\n";
    const options = {
      organizationId: organizationId(),
      fileName: "october.csv",
      granularity: "DAY" as const,
      dateFormat: "iso" as const,
      mapping: { date: "date", reason: "reason", calls: "calls" },
      dropColumns: ["email"],
    };
    const checked = await appendedBy(() =>
      importCallVolumeUpload(ctx, bytes(file), { ...options, dryRun: true }),
    );
    expect(checked).toEqual([]);

    let importId: string | null = null;
    let sha256 = "";
    const [imported] = await appendedBy(async () => {
      const result = await importCallVolumeUpload(ctx, bytes(file), { ...options, dryRun: false });
      if (result.status !== "imported") throw new Error(result.status);
      ({ importId, sha256 } = result);
    });
    expect(imported).toMatchObject({
      kind: "CALL_VOLUME_IMPORTED",
      actorId: f.demo.userIds.analyst,
      payload: {
        importId,
        fileName: "october.csv",
        sha256,
        granularity: "DAY",
        rows: 1,
        changed: 1,
        firstDay: "2026-10-06",
        lastDay: "2026-10-06",
        droppedColumns: ["email"],
        via: "upload",
      },
    });
    expect(imported!.text).not.toContain("someone@example.com");

    const admin = await loadActor(f.db.prisma, f.demo.userIds.admin);
    const feedToken = await createReleaseToken(
      { db: f.db.prisma, actor: admin },
      { organizationId: organizationId(), name: "Contact centre", scope: "CALL_VOLUME" },
    );
    const [fed] = await appendedBy(() =>
      importCallVolumeFeed(
        f.db.prisma,
        feedToken.token,
        bytes("date,reason,calls\n2026-10-07,billing,12\n"),
        {
          fileName: "feed.csv",
          granularity: "DAY",
          dateFormat: "iso",
        },
      ),
    );
    expect(fed).toMatchObject({
      kind: "CALL_VOLUME_IMPORTED",
      actorId: null,
      payload: {
        fileName: "feed.csv",
        rows: 1,
        via: "feed",
        tokenId: feedToken.id,
        tokenName: "Contact centre",
      },
    });
  });
});

describe("brief templates", () => {
  it("the description and content from → to", async () => {
    const manager = await f.callerFor("commsManager");
    const [template] = await manager.briefTemplates.list({ organizationId: organizationId() });
    const [entry] = await appendedBy(() =>
      manager.briefTemplates.update({
        organizationId: organizationId(),
        templateId: template!.id,
        description: "Edited for the trail",
      }),
    );
    expect(entry!.payload).toEqual({
      change: "updated",
      templateId: template!.id,
      name: template!.name,
      changes: { description: { from: template!.description, to: "Edited for the trail" } },
    });
  });
});
