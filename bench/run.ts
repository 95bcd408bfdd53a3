// `npm run bench [-- <suite> [part…]]`: prints figures; asserts nothing.
// Suites: foundation (parts: cold-start, list), rules, collab (parts:
// propagation, load, keystroke, suggestions), audit, review, calls (parts: import, analysis, dashboard, evidence),
// notifications.
import { auditBench } from "./src/audit";
import { callsBench } from "./src/calls";
import { collabBench } from "./src/collab";
import { foundationBench } from "./src/foundation";
import { notificationsBench } from "./src/notifications";
import { reviewBench } from "./src/review";
import { rulesBench } from "./src/rules";

const suites: Record<string, (parts: string[]) => Promise<void>> = {
  rules: rulesBench,
  foundation: foundationBench,
  collab: collabBench,
  audit: auditBench,
  review: reviewBench,
  calls: callsBench,
  notifications: notificationsBench,
};
const [suite, ...parts] = process.argv.slice(2);
const chosen = suite ? { [suite]: suites[suite] } : suites;
for (const [name, run] of Object.entries(chosen)) {
  if (!run) {
    console.error(`unknown suite "${suite}"; suites: ${Object.keys(suites).join(", ")}`);
    process.exit(2);
  }
  console.log(`== ${name} ==`);
  await run(parts);
}
