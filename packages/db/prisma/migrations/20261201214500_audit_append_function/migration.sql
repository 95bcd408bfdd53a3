-- One organisation's audit append as one function call, so a caller can make
-- it part of a statement it sends anyway (a submission's writes) and commit
-- right after: every other append of the organisation waits from the lock
-- to that commit. The same lock, head, chain and rows as the two-statement
-- append in packages/core/src/audit/append.ts; the hash is the SQL twin of
-- `auditHash`, as `verifyAuditTrail` recomputes it.
--
-- VOLATILE, so each statement below takes a fresh snapshot: the head read
-- after the lock is the one the last append committed (each commits before
-- releasing the lock), though the calling statement's snapshot predates the
-- wait.
CREATE FUNCTION "audit_append"(
  "organization_id" TEXT,
  "entries" JSONB,
  "created_at" TIMESTAMP(3),
  "created_ms" TEXT
) RETURNS TABLE ("id" TEXT, "sequence" INTEGER, "hash" TEXT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  "head_sequence" INTEGER;
  "head_hash" TEXT;
  "count" INTEGER := jsonb_array_length("entries");
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || "organization_id", 0));
  SELECT h."sequence", h."hash" INTO "head_sequence", "head_hash"
    FROM "AuditHead" h WHERE h."organizationId" = "organization_id" FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO "AuditHead" ("organizationId", "sequence", "hash")
      VALUES ("organization_id", 0, '');
    "head_sequence" := 0;
    "head_hash" := '';
  END IF;
  RETURN QUERY
    WITH RECURSIVE
    "input" AS (
      SELECT ("entry"->>'n')::int AS "n", "entry"->>'kind' AS "kind",
        "entry"->>'actorId' AS "actorId", "entry"->>'communicationId' AS "communicationId",
        "entry"->>'payload' AS "payload"
      FROM jsonb_array_elements("entries") AS "list"("entry")),
    "chain" AS (
      SELECT 0 AS "n", "head_sequence" AS "sequence", "head_hash" AS "hash", NULL::text AS "kind",
        NULL::text AS "actorId", NULL::text AS "communicationId", NULL::text AS "payload",
        NULL::text AS "prevHash"
      UNION ALL
      SELECT "input"."n", "chain"."sequence" + 1,
        encode(sha256(convert_to(concat_ws(E'\n',
          "organization_id", ("chain"."sequence" + 1)::text, "input"."kind",
          coalesce("input"."actorId", ''), coalesce("input"."communicationId", ''),
          "input"."payload", "created_ms", "chain"."hash"
        ), 'UTF8')), 'hex'),
        "input"."kind", "input"."actorId", "input"."communicationId", "input"."payload",
        "chain"."hash"
      FROM "chain" JOIN "input" ON "input"."n" = "chain"."n" + 1),
    "written" AS (
      INSERT INTO "AuditEvent" ("id", "organizationId", "sequence", "kind", "actorId",
        "communicationId", "payload", "createdAt", "prevHash", "hash")
      SELECT gen_random_uuid()::text, "organization_id", c."sequence", c."kind"::"AuditKind",
        c."actorId", c."communicationId", c."payload", "created_at", c."prevHash", c."hash"
      FROM "chain" c WHERE c."n" > 0
      RETURNING "AuditEvent"."id", "AuditEvent"."sequence", "AuditEvent"."hash")
    SELECT w."id", w."sequence", w."hash" FROM "written" w;
  UPDATE "AuditHead" h SET "sequence" = e."sequence", "hash" = e."hash"
    FROM "AuditEvent" e
    WHERE h."organizationId" = "organization_id"
      AND e."organizationId" = "organization_id" AND e."sequence" = "head_sequence" + "count";
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit entries of % were not written', "organization_id";
  END IF;
END;
$$;
