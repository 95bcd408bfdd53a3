import type { Database } from "@conductor/db";

/** `value` as an ILIKE pattern that matches it anywhere, its wildcards taken literally. */
const containing = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The ids of the organisation's communications whose words match `search`:
 * title, subject, preheader and message text, and the brief in force (the
 * newest revision's string values, not its keys). Computed at query time, so
 * nothing has to be kept in step when the text changes.
 *
 * Two matches, either is enough. Full-text search with the 'simple'
 * configuration (no stemming, no stop words) keeps amounts and references
 * whole — "177.17" is one token — and lets words be found in any order and
 * across the message and its brief. A plain case-insensitive substring
 * match catches what tokens cannot: part of a number ("77.1"), or a word
 * split by punctuation ("1,250").
 */
export async function communicationsMatching(
  db: Database,
  organizationId: string,
  search: string,
): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c."id"
    FROM "Communication" c
    LEFT JOIN LATERAL (
      SELECT b."content" FROM "BriefRevision" b
      WHERE b."communicationId" = c."id"
      ORDER BY b."number" DESC
      LIMIT 1
    ) brief ON true
    CROSS JOIN LATERAL (
      SELECT
        concat_ws(' ', c."title", c."subject", c."preheader", c."body") AS "message",
        coalesce((
          SELECT string_agg(item #>> '{}', ' ')
          FROM jsonb_path_query(brief."content"::jsonb, 'strict $.** ? (@.type() == "string")')
            AS item
        ), '') AS "brief"
    ) words
    WHERE c."organizationId" = ${organizationId}
      AND (
        (to_tsvector('simple', words."message") || to_tsvector('simple', words."brief"))
          @@ websearch_to_tsquery('simple', ${search})
        OR words."message" ILIKE ${containing(search)}
        OR words."brief" ILIKE ${containing(search)}
      )`;
  return rows.map((row) => row.id);
}
