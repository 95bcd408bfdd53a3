import type { TestProject } from "vitest/node";
import { createTestTemplate, dropTestTemplate } from "./template";

/** Vitest global set-up: one migrated template database per test run. */
export default async function setup(project: TestProject) {
  const template = await createTestTemplate(process.env.DATABASE_URL || undefined);
  project.provide("conductorTestTemplate", template);
  return () => dropTestTemplate(template);
}
