import { z } from "zod";
import { callReasonCode } from "./calls";
import { id } from "./common";
import { readIsoDate } from "./dates";

/**
 * The first and last day a chart may ask for. Call data older than 1900 or
 * past 2199 is a typo, and an unbounded range would let one request make
 * the database generate centuries of empty buckets.
 */
export const SERIES_EARLIEST = "1900-01-01";
export const SERIES_LATEST = "2199-12-31";

/** A calendar day, YYYY-MM-DD, inside the chart's bounds; kept as that text. */
const seriesDay = z
  .string()
  .max(10, "write it as YYYY-MM-DD")
  .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && readIsoDate(text) !== null, {
    message: "is not a day the calendar has: write it as YYYY-MM-DD",
  })
  .refine((text) => text >= SERIES_EARLIEST && text <= SERIES_LATEST, {
    message: `give a day from ${SERIES_EARLIEST} to ${SERIES_LATEST}`,
  });

const filterShape = {
  from: seriesDay.optional(),
  to: seriesDay.optional(),
  reasons: z.array(callReasonCode).max(50, "Choose at most 50 reasons").optional(),
};

const inOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;
const outOfOrder = { message: "The range ends before it starts", path: ["to"] };

/** What the chart of calls over time may be narrowed to: a date range and some reasons. */
export const callSeriesFilterSchema = z.object(filterShape).refine(inOrder, outOfOrder);

export type CallSeriesFilter = z.output<typeof callSeriesFilterSchema>;

/** The series procedure's input: the organisation and the filter. */
export const callSeriesSchema = z
  .object({ organizationId: id, ...filterShape })
  .refine(inOrder, outOfOrder);
