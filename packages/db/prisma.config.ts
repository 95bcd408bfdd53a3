import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file; migrations go through src/migrate.
export default defineConfig({ schema: "prisma/schema.prisma" });
