import { describe, expect, it } from "vitest";
import { targetFromEnv } from "./client";
import { readDatabaseEnv } from "./env";

describe("database environment", () => {
  it("defaults to embedded PGlite under the data folder", () => {
    expect(targetFromEnv({ CONDUCTOR_DATA_DIR: "/var/conductor" })).toEqual({
      kind: "pglite",
      dataDir: "/var/conductor/pglite",
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(targetFromEnv({ DATABASE_URL: "postgres://u@db:5432/c" })).toEqual({
      kind: "postgres",
      url: "postgres://u@db:5432/c",
    });
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(readDatabaseEnv({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("names the variable when DATABASE_URL is malformed", () => {
    expect(() => readDatabaseEnv({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
  });
});
