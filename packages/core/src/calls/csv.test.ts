import { describe, expect, it } from "vitest";
import { CsvSyntaxError, csvRecords, type Delimiter } from "./csv";

const encoder = new TextEncoder();

/** The text as bytes, cut into chunks of `size` bytes (cuts may split characters and lines). */
async function* chunked(text: string, size: number) {
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function records(text: string, size = 7, delimiter: Delimiter = ",") {
  const out: { fields: string[]; line: number }[] = [];
  for await (const record of csvRecords(chunked(text, size), delimiter)) out.push(record);
  return out;
}

describe("reading CSV records", () => {
  const plain = "\uFEFFdate,reason,calls\r\n2026-03-02, billing ,4\r\n\r\n2026-03-03,débit,5\n";
  const expected = [
    { fields: ["date", "reason", "calls"], line: 1 },
    { fields: ["2026-03-02", "billing", "4"], line: 2 },
    { fields: ["2026-03-03", "débit", "5"], line: 4 },
  ];

  it("reads a plain file the same however its bytes are cut: BOM, CRLF, blank lines, trimming", async () => {
    for (const size of [1, 2, 3, 7, 64, 4096]) expect(await records(plain, size)).toEqual(expected);
  });

  it("hands over to the full parser at the first quote, keeping line numbers", async () => {
    const text = `date,reason,calls\n2026-03-02,billing,4\n2026-03-03,"multi\nline, quoted",5\n2026-03-04,"say ""hi""",6\n2026-03-05,end,7`;
    const want = [
      { fields: ["date", "reason", "calls"], line: 1 },
      { fields: ["2026-03-02", "billing", "4"], line: 2 },
      { fields: ["2026-03-03", "multi\nline, quoted", "5"], line: 3 },
      { fields: ["2026-03-04", 'say "hi"', "6"], line: 5 },
      { fields: ["2026-03-05", "end", "7"], line: 6 },
    ];
    for (const size of [1, 5, 30, 4096]) expect(await records(text, size)).toEqual(want);
  });

  it("reads a file whose lines end in bare carriage returns", async () => {
    expect(await records("date;reason;calls\r2026-03-02;billing;4\r", 4096, ";")).toEqual([
      { fields: ["date", "reason", "calls"], line: 1 },
      { fields: ["2026-03-02", "billing", "4"], line: 2 },
    ]);
  });

  it("a last line without a newline is still a record; short rows pass through for the importer to report", async () => {
    expect(await records("a\tb\tc\n1\t2\n3\t4\t5", 3, "\t")).toEqual([
      { fields: ["a", "b", "c"], line: 1 },
      { fields: ["1", "2"], line: 2 },
      { fields: ["3", "4", "5"], line: 3 },
    ]);
  });

  it("a quote left open stops the file with its line, after every record before it", async () => {
    const seen: number[] = [];
    let error: unknown;
    try {
      for await (const record of csvRecords(
        chunked('date,reason,calls\n2026-03-02,billing,4\n2026-03-03,"cut', 10),
        ",",
      ))
        seen.push(record.line);
    } catch (caught) {
      error = caught;
    }
    expect(seen).toEqual([1, 2]);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).message).toMatch(/cut off/);
    expect((error as CsvSyntaxError).line).toBe(3);
  });

  it("stops at a line longer than 65,536 characters, naming it, after the lines before it", async () => {
    const long = "x".repeat(70_000);
    for (const [text, before, line] of [
      [`${long}`, [], 1],
      [`a,b\n1,2\n${long}\n3,4\n`, [1, 2], 3],
      // Past the first quote the general parser reads, with the same limit.
      [`a,b\n"1",2\n3,"${long}"\n`, [1, 2], 3],
    ] as const) {
      const seen: number[] = [];
      let error: unknown;
      try {
        for await (const record of csvRecords(chunked(text, 4096), ",")) seen.push(record.line);
      } catch (caught) {
        error = caught;
      }
      expect(seen).toEqual(before);
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).message).toBe(
        `line ${line} is longer than 65,536 characters; is this a CSV file?`,
      );
      expect((error as CsvSyntaxError).line).toBe(line);
    }
  });

  it("a 200 MB file without line breaks is refused after reading little more than one line's worth", async () => {
    let read = 0;
    const block = new Uint8Array(64 * 1024).fill(0x61);
    async function* noLineBreaks() {
      for (let i = 0; i < 3200; i++) {
        read += block.length;
        yield block;
      }
    }
    await expect(async () => {
      for await (const _ of csvRecords(noLineBreaks(), ",")) {
      }
    }).rejects.toThrow("line 1 is longer than 65,536 characters");
    expect(read).toBeLessThanOrEqual(3 * block.length);
  });
});
