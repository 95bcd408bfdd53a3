// Email as people meet it in the running product: Settings → Email and
// Settings → Outgoing mail in the browser, and the two routes that work
// without the app's pages, attacked over HTTP: the one-click unsubscribe
// link (/api/unsubscribe) and the live-updates stream (/api/live).
import { unsubscribeToken } from "@conductor/core";
import { type Database, openDatabase } from "@conductor/db";
import { createMember, DEMO_PASSWORD, demoAccounts } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser";
import { baseUrl, signedInPage } from "./session";

const INTERNAL_TEXT = /prisma|postgres|invocation|\bSQL\b|at \w+ \(|node_modules/i;
const shots = process.env.E2E_SCREENSHOTS;
const shot = (page: Page, name: string) =>
  shots ? page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }) : undefined;

describe("email settings, outgoing mail, unsubscribe links and live streams", () => {
  let browser: Browser;
  let db: Database;
  let close: () => Promise<void>;
  let organizationId: string;
  let otherOrganizationId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const opened = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
    db = opened.prisma;
    close = () => opened.close();
    for (const key of ["admin", "legal", "analyst", "compliance"] as const)
      ids[key] = (
        await db.user.findUniqueOrThrow({ where: { email: demoAccounts[key].email } })
      ).id;
    organizationId = (await db.membership.findFirstOrThrow({ where: { userId: ids.admin } }))
      .organizationId;
    otherOrganizationId = (
      await db.organization.findFirstOrThrow({ where: { id: { not: organizationId } } })
    ).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  const deliveryOf = async (userId: string, kind: "MENTION" | "RELEASED" | "DUE_SOON") =>
    (
      await db.notificationPreference.findUnique({
        where: { organizationId_userId_kind: { organizationId, userId, kind } },
      })
    )?.delivery ?? "IMMEDIATELY";

  it("Settings → Email: a person's choice per kind is saved and shown again", async () => {
    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.goto("/settings/email");
    await legal.getByRole("heading", { name: "Email", exact: true }).waitFor();
    await legal.getByText(`Emails to ${demoAccounts.legal.email}`).waitFor();
    const mentions = legal.getByLabel("Mentions in comments");
    expect(await mentions.inputValue()).toBe("IMMEDIATELY");
    await mentions.selectOption("DAILY_DIGEST");
    await legal.getByText("Saved.").waitFor();
    await expect.poll(() => deliveryOf(ids.legal!, "MENTION")).toBe("DAILY_DIGEST");
    await shot(legal, "settings-email");
    await legal.reload();
    await expect
      .poll(() => legal.getByLabel("Mentions in comments").inputValue())
      .toBe("DAILY_DIGEST");
    await legal.context().close();
  });

  it("Settings → Outgoing mail: an admin sees a failed mail and why, sends it again, and the page says what became of it", async () => {
    // As the worker leaves a mail the server refused to the end.
    const failed = await db.outgoingMail.create({
      data: {
        organizationId,
        userId: ids.legal,
        kind: "REVIEW_WAITING",
        recipient: demoAccounts.legal.email,
        subject: "“Winter tariff letter” is waiting on your review",
        html: "<p>Waiting on your review</p>",
        text: `Waiting on your review\n\nUnsubscribe: ${baseUrl()}/api/unsubscribe?token=${unsubscribeToken({ userId: ids.legal!, organizationId, kind: "REVIEW_WAITING" }, inject("authSecret"))}`,
        headers: {
          "List-Unsubscribe": `<${baseUrl()}/api/unsubscribe?token=${unsubscribeToken({ userId: ids.legal!, organizationId, kind: "REVIEW_WAITING" }, inject("authSecret"))}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        status: "FAILED",
        attempts: 7,
        lastError: "Attempt 7 of 7: 451 Mailbox busy, try again later",
        jobQueuedAt: new Date(),
      },
    });
    const admin = await signedInPage(browser, demoAccounts.admin.email);
    await admin.goto("/settings/outgoing-mail");
    const card = admin.locator("li", { hasText: "Winter tariff letter" });
    await card.getByText("451 Mailbox busy").waitFor();
    // The link's destination shows; the token that would work it never does.
    await card.getByText("What would be sent").click();
    const shown = (await card.textContent()) ?? "";
    expect(shown).toContain("/api/unsubscribe?token=…");
    expect(shown).not.toMatch(/token=[A-Za-z0-9_-]{20}/);
    await shot(admin, "settings-outgoing-mail-failed");
    await card.getByRole("button", { name: "Send again" }).click();
    // The page refreshes: the mail is queued, so there is nothing to send again.
    await expect.poll(() => card.getByRole("button", { name: /Send again/ }).count()).toBe(0);
    // The worker takes it up under a new job; with no SMTP here it is kept, with the reason.
    // The worker's pump runs every second, but on the embedded database it
    // waits its turn behind every other browser test's queries: CI once saw
    // it still QUEUED after 30 s. The message says how far it got.
    await expect
      .poll(
        async () => {
          const mail = await db.outgoingMail.findUniqueOrThrow({ where: { id: failed.id } });
          return `${mail.status} (job ${mail.jobQueuedAt ? "queued" : "not queued"}, ${mail.attempts} attempts)`;
        },
        { timeout: 90_000 },
      )
      .toMatch(/^NOT_CONFIGURED/);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { organizationId, kind: "OUTGOING_MAIL_RETRIED", actorId: ids.admin },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(audit.payload)).toMatchObject({ mailId: failed.id, attempts: 7 });
    await admin.reload();
    const after = admin.locator("li", { hasText: "Winter tariff letter" });
    await after.getByText("SMTP_URL is not set").waitFor();
    expect(await after.getByRole("button", { name: "Send again" }).count()).toBe(0);
    await shot(admin, "settings-outgoing-mail-after-retry");
    await admin.context().close();

    // Not an admin: the page says so, and the procedure refuses.
    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.goto("/settings/outgoing-mail");
    await legal.getByText("Only an organisation admin can see outgoing mail.").waitFor();
    const refused = await legal.request.post("/api/trpc/mail.retry", {
      headers: { "content-type": "application/json", origin: new URL(baseUrl()).origin },
      data: { json: { organizationId, mailId: failed.id } },
    });
    expect(refused.status()).toBe(403);
    await legal.context().close();
    // Past the default 60 s: the worker's wait above may take up to 90.
  }, 180_000);

  it("Settings → Webhooks: an admin adds one, sees its secret once, and deletes it; others may not", async () => {
    const admin = await signedInPage(browser, demoAccounts.admin.email);
    await admin.goto("/settings/webhooks");
    await admin.getByLabel("Name").fill("Slack #reviews");
    // A private address is refused here (no allowance outside tests of the worker).
    await admin.getByLabel("Receiver's address").fill("http://127.0.0.1:9/hook");
    await admin.getByRole("button", { name: "Add webhook" }).click();
    await admin.getByText("cannot be delivered to this server or its private network").waitFor();
    await admin.getByLabel("Receiver's address").fill("https://hooks.example.com/services/T0/B0/x");
    await admin.getByRole("button", { name: "Add webhook" }).click();
    const secret = admin.locator("[data-webhook-secret]");
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    await admin.getByRole("button", { name: "Delete Slack #reviews" }).waitFor();
    await shot(admin, "settings-webhooks");
    const hook = await db.webhook.findFirstOrThrow({
      where: { organizationId, name: "Slack #reviews", deletedAt: null },
    });
    // The secret is shown once: a reload lists the webhook without it.
    await admin.reload();
    await admin.getByRole("button", { name: "Delete Slack #reviews" }).waitFor();
    expect(await admin.locator("[data-webhook-secret]").count()).toBe(0);
    expect(await admin.content()).not.toContain(hook.secret);
    await admin.getByRole("button", { name: "Delete Slack #reviews" }).click();
    await admin.getByText("No webhooks yet").waitFor();
    await admin.context().close();

    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.goto("/settings/webhooks");
    await legal.getByText("Only an organisation admin can manage webhooks.").waitFor();
    await legal.context().close();
  });

  describe("/api/unsubscribe", () => {
    const url = (token: string) => `${baseUrl()}/api/unsubscribe?token=${token}`;
    const secret = () => inject("authSecret");
    /** What a mail client sends for RFC 8058 one-click: a form post, no cookies, no origin. */
    const oneClick = (token: string) =>
      fetch(url(token), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });

    it("GET shows a button and changes nothing; the one-click POST turns that kind off for that person only", async () => {
      const token = unsubscribeToken(
        { userId: ids.compliance!, organizationId, kind: "RELEASED" },
        secret(),
      );
      const shown = await fetch(url(token));
      expect(shown.status).toBe(200);
      const page = await shown.text();
      expect(page).toContain("messages released");
      expect(page).toMatch(/<form method="post">/);
      // Link scanners fetch links: a GET is never the click.
      expect(await deliveryOf(ids.compliance!, "RELEASED")).toBe("IMMEDIATELY");

      const done = await oneClick(token);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain("Harbour Energy");
      expect(await deliveryOf(ids.compliance!, "RELEASED")).toBe("OFF");
      // Nobody else's choice moved.
      expect(await deliveryOf(ids.analyst!, "RELEASED")).toBe("IMMEDIATELY");
      // Again: still off, still a clear answer.
      expect((await oneClick(token)).status).toBe(200);
    });

    it("another person's link, used while signed in, is that person's: the signed-in person's choice stays", async () => {
      const analyst = await signedInPage(browser, demoAccounts.analyst.email);
      const token = unsubscribeToken(
        { userId: ids.compliance!, organizationId, kind: "DUE_SOON" },
        secret(),
      );
      const response = await analyst.request.post(`/api/unsubscribe?token=${token}`, {
        headers: { origin: new URL(baseUrl()).origin },
        form: { "List-Unsubscribe": "One-Click" },
      });
      expect(response.status()).toBe(200);
      expect(await deliveryOf(ids.analyst!, "DUE_SOON")).toBe("IMMEDIATELY");
      expect(await deliveryOf(ids.compliance!, "DUE_SOON")).toBe("OFF");
      // With the session cookie, a form posted from another site is refused (CSRF).
      const forged = await analyst.request.post(`/api/unsubscribe?token=${token}`, {
        headers: { origin: "http://evil.example" },
        form: { "List-Unsubscribe": "One-Click" },
      });
      expect(forged.status()).toBe(403);
      await analyst.context().close();
    });

    it("a forged, altered, expired or foreign link is a clear 4xx and changes nothing; so are NUL, lone surrogates and huge tokens", async () => {
      const good = unsubscribeToken(
        { userId: ids.analyst!, organizationId, kind: "MENTION" },
        secret(),
      );
      const [body, signature] = good.split(".") as [string, string];
      // The same claim for someone else, keeping the analyst's signature.
      const altered = `${Buffer.from(JSON.stringify([ids.legal, organizationId, "MENTION", 4102444800])).toString("base64url")}.${signature}`;
      // [name, token, GET status, POST status, what the answer says]
      const cases: [string, string, number, number, RegExp][] = [
        [
          "signed with another key",
          unsubscribeToken(
            { userId: ids.analyst!, organizationId, kind: "MENTION" },
            "not-the-server-secret-not-the-server-secret",
          ),
          400,
          400,
          /signature does not match/,
        ],
        [
          "signature changed",
          `${body}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`,
          400,
          400,
          /signature does not match/,
        ],
        ["claim changed", altered, 400, 400, /signature does not match/],
        [
          "expired",
          unsubscribeToken(
            { userId: ids.analyst!, organizationId, kind: "MENTION" },
            secret(),
            new Date(Date.now() - 200 * 24 * 3600_000),
          ),
          400,
          400,
          /expired/,
        ],
        [
          // Well signed, so the page shows its button (a GET changes nothing);
          // the click finds no such membership.
          "a member of this organisation, signed for another organisation",
          unsubscribeToken(
            { userId: ids.analyst!, organizationId: otherOrganizationId, kind: "MENTION" },
            secret(),
          ),
          200,
          404,
          /./,
        ],
        ["empty", "", 400, 400, /not one Conductor made/],
        ["NUL", `${body}%00.${signature}`, 400, 400, /./],
        ["lone surrogate", `${body}%ED%A0%80.${signature}`, 400, 400, /./],
        // (Past about 16 kB Node itself refuses the request line, with a 431.)
        ["huge", "x".repeat(8000), 400, 400, /not one Conductor made/],
      ];
      for (const [name, token, getStatus, postStatus, says] of cases) {
        const shown = await fetch(url(token));
        const clicked = await oneClick(token);
        expect(shown.status, `GET ${name}`).toBe(getStatus);
        expect(clicked.status, `POST ${name}`).toBe(postStatus);
        for (const response of [shown, clicked]) {
          const text = await response.text();
          expect(text, name).toMatch(says);
          expect(text, name).not.toMatch(INTERNAL_TEXT);
          expect(text.length, name).toBeLessThan(2000);
        }
      }
      expect(await deliveryOf(ids.analyst!, "MENTION")).toBe("IMMEDIATELY");
      expect(await deliveryOf(ids.legal!, "MENTION")).not.toBe("OFF");
    });
  });

  describe("/api/live", () => {
    /** Opens the stream with a signed-in context's cookies, as the browser's EventSource does. */
    async function openStream(page: Page, org: string) {
      const cookies = (await page.context().cookies())
        .map((c) => `${c.name}=${c.value}`)
        .join("; ");
      const abort = new AbortController();
      const response = await fetch(`${baseUrl()}/api/live?organizationId=${org}`, {
        headers: { cookie: cookies, accept: "text/event-stream" },
        signal: abort.signal,
      });
      return { response, abort };
    }

    it("refuses the signed-out, other organisations' members and malformed ids with a clear 4xx", async () => {
      expect((await fetch(`${baseUrl()}/api/live?organizationId=${organizationId}`)).status).toBe(
        401,
      );
      const legal = await signedInPage(browser, demoAccounts.legal.email);
      const foreign = await openStream(legal, otherOrganizationId);
      expect(foreign.response.status).toBe(404);
      expect(await foreign.response.text()).not.toMatch(INTERNAL_TEXT);
      for (const bad of ["", "a%00b", "a%ED%A0%80b", "c".repeat(5000)]) {
        const response = await openStream(legal, bad);
        expect(response.response.status, bad.slice(0, 20)).toBeGreaterThanOrEqual(400);
        expect(response.response.status, bad.slice(0, 20)).toBeLessThan(500);
        expect(await response.response.text()).not.toMatch(INTERNAL_TEXT);
      }
      await legal.context().close();
    });

    it("a member removed while their stream is open hears that it ended, at once", async () => {
      const email = `leaving-${Date.now()}@harbour.example`;
      const { membership } = await createMember(db, {
        organizationId,
        email,
        password: DEMO_PASSWORD,
        functions: ["LEGAL"],
      });
      const leaving = await signedInPage(browser, email);
      const { response, abort } = await openStream(leaving, organizationId);
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      let heard = "";
      const readUntil = async (marker: string) => {
        while (!heard.includes(marker)) {
          const { value, done } = await reader.read();
          if (done) return;
          heard += new TextDecoder().decode(value);
        }
      };
      await readUntil("event: ready");

      const admin = await signedInPage(browser, demoAccounts.admin.email);
      const removed = await admin.request.post("/api/trpc/members.remove", {
        headers: { "content-type": "application/json", origin: new URL(baseUrl()).origin },
        data: { json: { organizationId, membershipId: membership.id } },
      });
      expect(removed.status()).toBe(200);
      // No other event of the organisation is needed: the removal ends the stream.
      const timer = setTimeout(() => abort.abort(), 20_000);
      try {
        await readUntil("event: ended");
        expect(heard).toContain("event: ended");
        // And the stream is closed, not merely quiet.
        expect((await reader.read()).done).toBe(true);
      } finally {
        clearTimeout(timer);
      }
      // Reconnecting is refused like any outsider's.
      expect((await openStream(leaving, organizationId)).response.status).toBe(404);
      await leaving.context().close();
      await admin.context().close();
    });
  });
});
