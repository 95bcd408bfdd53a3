export { createTestDatabase } from "./database";
