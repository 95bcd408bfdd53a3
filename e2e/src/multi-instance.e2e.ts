// Several processes, one product: docs/compose.yaml's commands (read from the
// file, see compose.ts) run as 2 web, 2 collab and 2 worker processes on
// PostgreSQL and Redis, behind a small loopback proxy written here. Two people
// in two browsers, each sent to a different web and collab process, co-edit one
// message; an access change made through web 1 closes the socket collab 2
// holds; the minutely reminder job runs once however many workers there are;
// and after web 1 is killed both keep working through web 2.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import { type Socket, connect as tcp } from "node:net";
import { openDatabase } from "@conductor/db";
import { DEMO_PASSWORD, demoAccounts, seedDemoOrganization } from "@conductor/db/seed";
import { freePort } from "@conductor/db/testing";
import pg from "pg";
import type { Browser, BrowserContext, Page, WebSocket } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import {
  admin,
  exited,
  jsonLines,
  killGroup,
  REDIS_URL,
  run,
  SERVER,
  type Started,
  waitFor,
} from "./compose";

/**
 * A loopback reverse proxy in front of `backends` (ports), as an
 * organisation's load balancer with sticky sessions: a `route=N` cookie picks
 * backend N; when that one refuses the connection (it is down) the next one is
 * tried, so a dead process costs its users nothing but a reconnect. HTTP and
 * WebSocket upgrades alike; each answer says which backend served it
 * (`x-served-by`), and `served` keeps every upgrade's backend.
 */
async function loopbackProxy(name: string, backends: number[]) {
  const upgrades: { route: number; backend: number }[] = [];
  const sockets = new Set<Socket>();
  const order = (incoming: IncomingMessage) => {
    const route = Number(/(?:^|;\s*)route=(\d)/.exec(incoming.headers.cookie ?? "")?.[1] ?? 1);
    const first = Math.min(Math.max(route, 1), backends.length) - 1;
    return {
      route,
      candidates: [first, ...backends.keys()].filter((b, i, all) => all.indexOf(b) === i),
    };
  };
  const forwarded = (incoming: IncomingMessage) => ({
    ...incoming.headers,
    "x-forwarded-for": incoming.socket.remoteAddress ?? "127.0.0.1",
    "x-forwarded-proto": "http",
  });

  const server: Server = createServer((incoming, outgoing) => {
    // Bodies here are small (tRPC calls, a sign-in form): read whole, so a
    // request can be sent again to the next backend when the first is down.
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const { candidates } = order(incoming);
      const attempt = (i: number) => {
        const backend = candidates[i]!;
        const upstream = request(
          {
            host: "127.0.0.1",
            port: backends[backend],
            method: incoming.method,
            path: incoming.url,
            headers: forwarded(incoming),
            agent: false,
          },
          (answer) => {
            const headers: Record<string, string | string[] | undefined> = {
              ...answer.headers,
              "x-served-by": `${name}-${backend + 1}`,
            };
            delete headers.connection;
            delete headers["keep-alive"];
            outgoing.writeHead(answer.statusCode ?? 502, headers);
            answer.pipe(outgoing);
            answer.on("error", () => outgoing.destroy());
          },
        );
        upstream.on("error", (error: NodeJS.ErrnoException) => {
          if (!outgoing.headersSent && error.code === "ECONNREFUSED" && i + 1 < candidates.length)
            attempt(i + 1);
          else if (!outgoing.headersSent) outgoing.writeHead(502).end();
          else outgoing.destroy();
        });
        upstream.end(Buffer.concat(chunks));
      };
      attempt(0);
    });
  });

  server.on("upgrade", (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    const { route, candidates } = order(incoming);
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    const attempt = (i: number) => {
      const backend = candidates[i]!;
      const upstream = tcp(backends[backend]!, "127.0.0.1");
      let connected = false;
      upstream.once("connect", () => {
        connected = true;
        upgrades.push({ route, backend: backend + 1 });
        const lines = [`${incoming.method} ${incoming.url} HTTP/1.1`];
        for (let h = 0; h < incoming.rawHeaders.length; h += 2)
          lines.push(`${incoming.rawHeaders[h]}: ${incoming.rawHeaders[h + 1]}`);
        upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (!connected && error.code === "ECONNREFUSED" && i + 1 < candidates.length)
          attempt(i + 1);
        else client.destroy();
      });
      upstream.on("close", () => client.destroy());
      client.on("close", () => upstream.destroy());
      client.on("error", () => upstream.destroy());
    };
    attempt(0);
  });

  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    upgrades,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

type Proxy = Awaited<ReturnType<typeof loopbackProxy>>;

/** A browser context whose requests the proxies send to process `route` (1 or 2), signed in. */
async function personOn(browser: Browser, baseURL: string, route: number, email: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  // Cookies ignore ports: the same one reaches the web proxy and the collab proxy.
  await context.addCookies([{ name: "route", value: String(route), url: baseURL }]);
  const page = await context.newPage();
  const servedBy: string[] = [];
  page.on("response", (response) => {
    const by = response.headers()["x-served-by"];
    if (by && new URL(response.url()).pathname.startsWith("/api/")) servedBy.push(by);
  });
  const sockets: WebSocket[] = [];
  page.on("websocket", (socket) => sockets.push(socket));
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/communications");
  return { context, page, servedBy, sockets };
}

/** Polls until `check` holds; fails with `what` after `ms`. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("two web, two collab and two worker processes behind one proxy", () => {
  const processes: Started[] = [];
  const proxies: Proxy[] = [];
  let name: string;
  let databaseUrl: string;
  let webs: Started[];
  let workers: Started[];
  let web: Proxy;
  let collab: Proxy;
  let browser: Browser;
  let legal: Awaited<ReturnType<typeof personOn>>;
  let marketing: Awaited<ReturnType<typeof personOn>>;
  let adminContext: BrowserContext;
  let communicationId: string;
  let organizationId: string;
  let overdueReviewId: string;
  const title = "Payment received — transactional";
  const text = (page: Page) => page.getByRole("textbox", { name: "Message text" });

  beforeAll(async () => {
    name = `conductor_multi_${randomBytes(3).toString("hex")}`;
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    const webPorts = [await freePort(), await freePort()];
    const collabPorts = [await freePort(), await freePort()];
    web = await loopbackProxy("web", webPorts);
    collab = await loopbackProxy("collab", collabPorts);
    proxies.push(web, collab);
    const env = {
      // The compose file's settings, with this machine's hosts and ports.
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: `conductor-multi-${randomBytes(3).toString("hex")}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: web.url,
      COLLAB_PUBLIC_URL: collab.url.replace(/^http/, "ws"),
      TRUST_PROXY: "1",
      COLLAB_ADDRESS: "127.0.0.1",
      METRICS_PORT: "",
      CONDUCTOR_EMBEDDED: "",
    };

    const migrate = run("migrate", env);
    processes.push(migrate);
    expect(await exited(migrate.child), migrate.output()).toBe(0);
    const db = await openDatabase({ kind: "postgres", url: databaseUrl });
    try {
      await seedDemoOrganization(db.prisma);
    } finally {
      await db.close();
    }
    // An overdue review for the minutely reminder job: a second review of
    // the released email, waiting on its first stage since a minute ago.
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    try {
      overdueReviewId = `multi-${randomBytes(4).toString("hex")}`;
      const copied = await sql.query(
        `INSERT INTO "Review" (id, "organizationId", "communicationId", status, stage, stages,
           "versionId", "versionHash", "rulesVersion", score, analysis, "submittedById",
           "stageDueAt", "updatedAt")
         SELECT $1, "organizationId", "communicationId", 'IN_REVIEW', 0, stages, "versionId",
           "versionHash", "rulesVersion", score, analysis, "submittedById",
           now() - interval '1 minute', now()
         FROM "Review" LIMIT 1`,
        [overdueReviewId],
      );
      expect(copied.rowCount, "the demo seed has a review to copy").toBe(1);
      const row = await sql.query<{ id: string; organizationId: string }>(
        `SELECT id, "organizationId" FROM "Communication" WHERE title = $1`,
        [title],
      );
      communicationId = row.rows[0]!.id;
      organizationId = row.rows[0]!.organizationId;
    } finally {
      await sql.end();
    }

    // Web N announces access changes to collab N: a change made through web 1
    // reaches collab 2 only through Redis.
    const collabs = collabPorts.map((port) => {
      const started = run("collab", { ...env, COLLAB_PORT: String(port) });
      processes.push(started);
      return started;
    });
    workers = [run("worker", env), run("worker", env)];
    processes.push(...workers);
    await Promise.all(
      collabs.map((c, i) => waitFor(`http://127.0.0.1:${collabPorts[i]}/ready`, c)),
    );
    webs = webPorts.map((port, i) => {
      const started = run("web", {
        ...env,
        PORT: String(port),
        COLLAB_INTERNAL_URL: `http://127.0.0.1:${collabPorts[i]}`,
      });
      processes.push(started);
      return started;
    });
    await Promise.all(webs.map((w, i) => waitFor(`http://127.0.0.1:${webPorts[i]}/api/ready`, w)));

    browser = await launchChromium();
    legal = await personOn(browser, web.url, 1, demoAccounts.legal.email);
    marketing = await personOn(browser, web.url, 2, demoAccounts.marketing.email);
    adminContext = (await personOn(browser, web.url, 1, demoAccounts.admin.email)).context;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const started of processes) killGroup(started.child);
    for (const proxy of proxies) await proxy.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  /** Opens the message and waits until its shared document is live. */
  async function openLive(page: Page) {
    await page.goto(`/communications/${communicationId}`);
    await until("the document is live", () => page.getByText("Live", { exact: true }).isVisible());
    await until(
      "the editor is editable",
      async () => (await text(page).getAttribute("contenteditable")) === "true",
    );
  }

  async function typeAndSee(from: Page, to: Page, words: string) {
    await text(from).click();
    await from.keyboard.press("Control+End");
    await from.keyboard.type(words);
    await until(`“${words}” seen by the other`, async () =>
      ((await text(to).textContent()) ?? "").includes(words),
    );
  }

  it("two people on different web and collab processes co-edit one message", async () => {
    await openLive(legal.page);
    await openLive(marketing.page);
    // Each was served by its own web process and holds a socket on its own collab process.
    expect(new Set(legal.servedBy)).toEqual(new Set(["web-1"]));
    expect(new Set(marketing.servedBy)).toEqual(new Set(["web-2"]));
    // (A socket may have been opened more than once; each went to its person's process.)
    expect(new Set(collab.upgrades.map((u) => `${u.route}→${u.backend}`))).toEqual(
      new Set(["1→1", "2→2"]),
    );
    await typeAndSee(legal.page, marketing.page, " Legal writes on collab 1.");
    await typeAndSee(marketing.page, legal.page, " Marketing answers on collab 2.");
  });

  it("an access change made through web 1 closes the socket collab 2 holds", async () => {
    const socket = marketing.sockets.filter((s) => !s.isClosed()).at(-1);
    expect(socket, "marketing holds a socket").toBeDefined();
    const closed = new Promise<void>((r) => socket!.on("close", () => r()));
    const membership = async (functions: string[]) => {
      const members = await adminContext.request.get(
        `/api/trpc/members.list?input=${encodeURIComponent(JSON.stringify({ json: { organizationId } }))}`,
      );
      expect(members.headers()["x-served-by"]).toBe("web-1");
      const list = (await members.json()).result.data.json as {
        membershipId: string;
        email: string;
      }[];
      const membershipId = list.find((m) => m.email === demoAccounts.marketing.email)!.membershipId;
      const changed = await adminContext.request.post("/api/trpc/members.update", {
        headers: { origin: web.url, "content-type": "application/json" },
        data: { json: { organizationId, membershipId, functions, roles: [] } },
      });
      expect(changed.status(), await changed.text()).toBe(200);
      expect(changed.headers()["x-served-by"]).toBe("web-1");
    };
    // Marketing loses the marketing function: a member without one may read, not edit.
    await membership([]);
    await closed;
    await until(
      "marketing's editor turns read-only",
      async () => (await text(marketing.page).getAttribute("contenteditable")) === "false",
    );
    // It reconnected (with a read-only token) to collab 2 again.
    expect(collab.upgrades.at(-1)).toEqual({ route: 2, backend: 2 });
    await membership(["MARKETING"]);
    await openLive(marketing.page);
  });

  it("after web 1 is killed, both keep working through web 2", async () => {
    killGroup(webs[0]!.child);
    await exited(webs[0]!.child);
    await typeAndSee(legal.page, marketing.page, " Legal still writes.");
    await typeAndSee(marketing.page, legal.page, " Marketing still answers.");
    // Legal's next page comes from web 2, and the document opens live again.
    legal.servedBy.length = 0;
    await openLive(legal.page);
    expect(new Set(legal.servedBy)).toEqual(new Set(["web-2"]));
    await typeAndSee(legal.page, marketing.page, " Legal, now through web 2.");
  });

  it("the minutely reminder job runs once across both workers", { timeout: 180_000 }, async () => {
    const runs = () =>
      workers.flatMap((worker, i) =>
        jsonLines(worker.output())
          .filter((line) => line.msg === "worker: reminders ran")
          .map((line) => ({ worker: i + 1, job: String(line.job), made: Number(line.made) })),
      );
    // pg-boss's cron makes one job a minute; wait for the one that finds the overdue review.
    await until(
      "a reminder run that made reminders",
      () => runs().some((r) => r.made > 0),
      150_000,
    );
    const all = runs();
    // Every job ran in exactly one worker, and only one run made anything.
    expect(new Set(all.map((r) => r.job)).size).toBe(all.length);
    expect(all.filter((r) => r.made > 0)).toHaveLength(1);
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    try {
      const made = await sql.query<{ userId: string }>(
        `SELECT "userId" FROM "Notification" WHERE kind = 'OVERDUE' AND "dedupeKey" LIKE $1`,
        [`OVERDUE:${overdueReviewId}:%`],
      );
      expect(made.rows.length).toBe(all.find((r) => r.made > 0)!.made);
      expect(new Set(made.rows.map((r) => r.userId)).size).toBe(made.rows.length);
    } finally {
      await sql.end();
    }
    for (const worker of workers) expect(worker.child.exitCode, worker.output()).toBeNull();
  });
});
