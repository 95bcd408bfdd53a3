export { createTestDatabase } from "./database";
export { freePort } from "./ports";
