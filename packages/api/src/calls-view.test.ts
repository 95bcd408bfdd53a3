// The analytics page's view (a date range and reasons, from its URL) as an
// attacker sends it: other tenants, signed out, impossible and out-of-bounds
// dates, ranges out of order, NUL and lone surrogates, too many reasons.
// Always a clear 4xx naming the field; never a 500 or database text.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture, outcome } from "./testing";

describe("calls.series and calls.dashboard with a view", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());

  const view = (extra: Record<string, unknown>) => ({
    organizationId: f.demo.organizationId,
    ...extra,
  });

  it("answers a member's view, and nobody else's", async () => {
    const analyst = await f.callerFor("analyst");
    const series = await analyst.calls.series(view({ from: "2026-09-01", to: "2026-10-31" }));
    // The demo holds no call data yet: nothing drawn, nothing searched.
    expect(series).toMatchObject({ points: [], extent: null });
    const dashboard = await analyst.calls.dashboard(view({ reasons: ["direct-debit"] }));
    expect(dashboard.spikesSearched).toBeNull();

    const outsider = await f.callerFor("outsider");
    expect(await outcome(() => outsider.calls.series(view({ from: "2026-09-01" })))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(() => outsider.calls.dashboard(view({ reasons: ["billing"] })))).toBe(
      "NOT_FOUND",
    );
    // A member asking about the other organisation by its id.
    const other = { organizationId: f.otherOrganizationId, from: "2026-09-01" };
    expect(await outcome(() => analyst.calls.series(other))).toBe("NOT_FOUND");
    const signedOut = await f.callerFor("signedOut");
    expect(await outcome(() => signedOut.calls.series(view({ from: "2026-09-01" })))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("refuses impossible, out-of-bounds and out-of-order ranges and bad reasons with a clear 400", async () => {
    const analyst = await f.callerFor("analyst");
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ from: "2027-02-30" }, /not a day the calendar has/],
      [{ to: "2026-13-01" }, /not a day the calendar has/],
      [{ from: "0001-01-01" }, /give a day from 1900-01-01 to 2199-12-31/],
      [{ from: "1900-01-01", to: "9999-12-31" }, /give a day from 1900-01-01 to 2199-12-31/],
      [{ from: "2026-10-31", to: "2026-09-01" }, /ends before it starts/],
      [{ from: "2026-09-01\u0000" }, /NUL/],
      [{ from: "x".repeat(300_000) }, /too long/],
      [{ to: "y".repeat(5_000) }, /YYYY-MM-DD/],
      [{ reasons: ["direct-debit\u0000"] }, /NUL/],
      [{ reasons: ["\ud800"] }, /surrogate|letters, digits/i],
      [{ reasons: Array.from({ length: 51 }, (_, i) => `r${i}`) }, /at most 50/],
      [{ from: 20260901 }, /string/i],
    ];
    for (const [input, message] of cases)
      for (const call of [analyst.calls.series, analyst.calls.dashboard]) {
        const error = await call(view(input)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, JSON.stringify(input).slice(0, 60)).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code).toBe("BAD_REQUEST");
        expect((error as TRPCError).message).toMatch(message);
        expect((error as TRPCError).message).not.toMatch(/prisma|postgres|sql|stack/i);
      }
  });
});
