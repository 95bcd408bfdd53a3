import { describe, expect, it } from "vitest";
import { readCallRow, suggestMapping, weekMonday } from "./rows";

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

describe("a week from a year and a week number", () => {
  const monday = (year: number, week: number, numbering: "iso" | "sunday") => {
    const read = weekMonday(year, week, numbering);
    return "day" in read ? read.day.toISOString().slice(0, 10) : read.problem;
  };

  it("ISO 8601: week 1 holds the year's first Thursday; week 53 only in years that have it", () => {
    expect(monday(2026, 1, "iso")).toBe("2025-12-29");
    expect(monday(2023, 48, "iso")).toBe("2023-11-27");
    expect(monday(2020, 53, "iso")).toBe("2020-12-28");
    expect(monday(2015, 53, "iso")).toBe("2015-12-28");
    expect(monday(2021, 53, "iso")).toMatch(/^is not a week of 2021: ISO 2021 has 52 weeks/);
    expect(monday(2023, 0, "iso")).toMatch(
      /^is not an ISO week: they run 1 to 52 in 2023\. If week 0/,
    );
    expect(monday(2020, 54, "iso")).toBe("is not an ISO week: they run 1 to 53 in 2020");
  });

  // Expected Mondays from Python's strftime("%U") over the same days: the
  // Monday of the Sunday-to-Saturday week each (year, %U) falls in.
  it("Sunday to Saturday with week 0 (strftime %U, ISTAT): the Monday inside the week", () => {
    expect(monday(2012, 53, "sunday")).toBe("2012-12-31"); // 30–31 December 2012
    expect(monday(2013, 0, "sunday")).toBe("2012-12-31"); // 1–5 January 2013: the same week
    expect(monday(2013, 1, "sunday")).toBe("2013-01-07");
    expect(monday(2016, 0, "sunday")).toBe("2015-12-28");
    expect(monday(2022, 0, "sunday")).toBe("2021-12-27"); // 1 January 2022, a Saturday
    expect(monday(2022, 1, "sunday")).toBe("2022-01-03");
    expect(monday(2023, 48, "sunday")).toBe("2023-11-27");
    expect(monday(2023, 53, "sunday")).toBe("2024-01-01"); // 31 December 2023 alone
    expect(monday(2024, 0, "sunday")).toBe("2024-01-01");
    expect(monday(2024, 39, "sunday")).toBe("2024-09-30");
    expect(monday(2023, 0, "sunday")).toBe(
      "is not a week of 2023: 1 January 2023 is a Sunday, so its week 1 starts that day and there is no week 0",
    );
    expect(monday(2022, 53, "sunday")).toBe(
      "is not a week of 2022: counted Sunday to Saturday, its weeks run 0 to 52",
    );
  });

  it("a row names the week column and its value when the week is impossible", () => {
    const weekly = {
      index: { year: 0, week: 1, reason: 2, calls: 3 } as never,
      headers: ["year", "istat_week", "caller_type", "calls"],
    };
    expect(readCallRow(["2021", "53", "utenti", "5"], 9, weekly, "WEEK", "iso")).toEqual({
      problems: [
        {
          line: 9,
          column: "istat_week",
          value: "53",
          message: expect.stringMatching(/^is not a week of 2021/),
        },
      ],
    });
    expect(readCallRow(["21", "5", "utenti", "5"], 3, weekly, "WEEK", "iso")).toEqual({
      problems: [expect.objectContaining({ column: "year", value: "21" })],
    });
    expect(readCallRow(["2013", "0", "utenti", "5"], 2, weekly, "WEEK", "iso", "sunday")).toEqual({
      row: expect.objectContaining({ day: new Date("2012-12-31T00:00:00Z"), period: 201300 }),
    });
  });
});

describe("the suggested mapping", () => {
  it("a year column beside a week column is the week, not a date", () => {
    expect(suggestMapping(["year", "istat_week", "province", "caller_type", "calls"])).toEqual({
      year: "year",
      week: "istat_week",
      reason: "caller_type",
      calls: "calls",
      region: "province",
    });
    expect(suggestMapping(["Year", "Week", "reason", "calls"])).toMatchObject({
      year: "Year",
      week: "Week",
    });
    // A date column wins; a week column alone is a date (a Monday or 2026-W09).
    expect(suggestMapping(["date", "year", "week", "reason", "calls"])).toMatchObject({
      date: "date",
    });
    expect(suggestMapping(["week", "reason", "calls"])).toEqual({
      date: "week",
      reason: "reason",
      calls: "calls",
    });
  });
});
