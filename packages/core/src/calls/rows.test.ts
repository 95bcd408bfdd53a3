import { describe, expect, it } from "vitest";
import { readCallRow } from "./rows";

const headers = ["date", "reason", "calls"];
const columns = { index: { date: 0, reason: 1, calls: 2 } as never, headers };
const read = (date: string, format: "iso" | "dmy" = "iso") =>
  readCallRow([date, "billing", "12"], 7, columns, "DAY", format);

describe("a row's date", () => {
  it("a real day within reach is read as midnight UTC", () => {
    expect(read("2026-03-01")).toEqual({
      row: expect.objectContaining({ day: new Date("2026-03-01T00:00:00Z"), calls: 12 }),
    });
  });

  it("9999-12-31 is refused with its line and column, not stored for ever", () => {
    expect(read("9999-12-31")).toEqual({
      problems: [
        {
          line: 7,
          column: "date",
          value: "9999-12-31",
          message: expect.stringMatching(
            /^is more than a year from today \(after \d{4}-\d{2}-\d{2}\)/,
          ),
        },
      ],
    });
    expect(read("31/12/9999", "dmy")).toHaveProperty("problems");
  });

  it("a day before 1900 is refused; a day the calendar lacks still is", () => {
    expect(read("1899-12-31")).toEqual({
      problems: [
        {
          line: 7,
          column: "date",
          value: "1899-12-31",
          message: "is before 1900: is the year right?",
        },
      ],
    });
    expect(read("2027-02-30")).toEqual({
      problems: [
        expect.objectContaining({
          column: "date",
          message: expect.stringContaining("is not a date"),
        }),
      ],
    });
  });

  it("up to a year ahead is allowed (forecast rows, time zones)", () => {
    const soon = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
    expect(read(soon)).toHaveProperty("row");
  });
});
