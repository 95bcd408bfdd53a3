import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../index";
import { readShared, sharedPath } from "../testing/shared-data";

// OneStopEnglish (Vajjala & Lučić 2018, CC BY-SA 4.0): 189 news texts each
// written at elementary, intermediate and advanced level. A sound reading
// grade orders each text's versions; the data's notes say Flesch–Kincaid with
// good sentence splitting orders about 98% of pairs, poor splitting 73%.
describe("OneStopEnglish levelled texts", () => {
  const dir = sharedPath("readability/onestopenglish");
  const names = readdirSync(`${dir}/Ele-Txt`).map((file) => file.replace(/-ele\.txt$/i, ""));
  const results = names.map((name) =>
    (["Ele", "Int", "Adv"] as const).map((level) =>
      analyze(
        readShared(`readability/onestopenglish/${level}-Txt/${name}-${level.toLowerCase()}.txt`),
      ),
    ),
  );
  const orderedShare = (
    pick: (r: ReturnType<typeof analyze>) => number,
    easierIsLower: boolean,
  ) => {
    let ordered = 0;
    let pairs = 0;
    for (const levels of results) {
      for (const [a, b] of [
        [0, 1],
        [1, 2],
        [0, 2],
      ] as const) {
        pairs++;
        const [x, y] = [pick(levels[a]!), pick(levels[b]!)];
        if (easierIsLower ? x < y : x > y) ordered++;
      }
    }
    return ordered / pairs;
  };

  it("reads all 567 texts", () => {
    expect(results.flat()).toHaveLength(567);
  });

  // Measured: 98.2%, 97.2% and 94.4% of the 567 pairs.
  it("Flesch–Kincaid orders at least 97% of level pairs", () => {
    expect(orderedShare((r) => r.metrics.fleschKincaidGrade, true)).toBeGreaterThanOrEqual(0.97);
  });

  it("the consensus grade orders at least 96% of level pairs", () => {
    expect(orderedShare((r) => r.metrics.consensusGrade, true)).toBeGreaterThanOrEqual(0.96);
  });

  // Measured with engine r4's weights (readability 0.4): 97.4% (95.6% with r3's 0.3/0.3/0.2);
  // engine r5's vocabulary grade kept it at 97.4%; engine r6 98.1% (556 of 567), from
  // hearing "thats", "dont" as contractions (the intermediate texts lost every
  // apostrophe) and reading "I was terrified", "the anger was gone" as states.
  // Of the 11 left, the reading grade itself misorders 10 (three are the "shark"
  // texts, whose elementary and advanced files hold each other's text).
  it("the clarity score ranks the easier version higher in at least 98% of pairs", () => {
    expect(orderedShare((r) => r.score, false)).toBeGreaterThanOrEqual(0.98);
  });
});

// CEFR-SP (Arase, Uchida & Kajiwara 2022; Wiki-Auto part, CC BY-SA 3.0):
// Wikipedia sentences each rated A1–C2 by two English teachers. The reading
// grade should rise with the level. The vocabulary grade was fitted on the
// training sentences; these are the dev and test sentences it never saw.
describe("CEFR-SP sentence levels", () => {
  const ranks = (xs: readonly number[]) => {
    const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(xs.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const spearman = (a: readonly number[], b: readonly number[]) => {
    const [x, y] = [ranks(a), ranks(b)];
    const mean = (v: number[]) => v.reduce((s, n) => s + n, 0) / v.length;
    const [mx, my] = [mean(x), mean(y)];
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < x.length; i++) {
      sxy += (x[i]! - mx) * (y[i]! - my);
      sxx += (x[i]! - mx) ** 2;
      syy += (y[i]! - my) ** 2;
    }
    return sxy / Math.sqrt(sxx * syy);
  };
  const levelled = (split: string) =>
    readShared(`readability/cefr-sp-wikiauto/CEFR-SP_Wikiauto_${split}.txt`)
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const [sentence, a, b] = line.split("\t");
        return { grade: analyze(sentence!).metrics, level: (Number(a) + Number(b)) / 2 };
      });

  // Measured (engine r5, and unchanged on r6): the reading grade 0.679 on dev and
  // 0.6504 on test (the formulas' median alone 0.603 and 0.589).
  it.each(["dev", "test"])("the reading grade rises with the %s sentences' level", (split) => {
    const rows = levelled(split).filter((r) => !Number.isNaN(r.grade.consensusGrade));
    expect(rows.length).toBeGreaterThan(700);
    const rho = spearman(
      rows.map((r) => r.grade.consensusGrade),
      rows.map((r) => r.level),
    );
    expect(rho).toBeGreaterThan(
      spearman(
        rows.map((r) => r.grade.formulasGrade),
        rows.map((r) => r.level),
      ),
    );
    expect(rho).toBeGreaterThanOrEqual(0.65);
  });
});
