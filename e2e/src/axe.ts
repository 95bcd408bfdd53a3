import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Up to five elements, as CSS selectors. */
  targets: string[];
}

let source: Promise<string> | null = null;
const axeSource = () =>
  (source ??= readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));

/**
 * Runs axe-core in the page and returns the serious and critical violations
 * (WCAG 2.1 A and AA rules). Evaluated through the DevTools protocol rather
 * than a script tag, so the page's Content-Security-Policy stays as shipped.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await axeSource());
  const violations = (await page.evaluate(`
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    }).then((result) =>
      result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      })),
    )
  `)) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** One line per violation, for a failure message a person can act on. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(", ")}`).join("\n");
