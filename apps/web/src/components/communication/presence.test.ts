import { describe, expect, it } from "vitest";
import { collaboratorsFrom, colorFor, distinctColors } from "./presence";

const person = (userId: string, name: string) => ({
  user: { userId, name, label: "Legal", color: colorFor(userId) },
});

/** Ids whose own colours clash: found by trying, so the test does not hang on the hash. */
function clashingIds(count: number) {
  const byColor = new Map<string, string[]>();
  for (let i = 0; ; i++) {
    const id = `user-${i}`;
    const ids = byColor.get(colorFor(id)) ?? [];
    ids.push(id);
    byColor.set(colorFor(id), ids);
    if (ids.length === count) return ids;
  }
}

describe("presence colours", () => {
  it("gives two people present whose ids hash to one colour two colours", () => {
    const [a, b] = clashingIds(2) as [string, string];
    expect(colorFor(a)).toBe(colorFor(b));
    const people = collaboratorsFrom(
      new Map([
        [1, person(a, "Ana")],
        [2, person(b, "Ben")],
      ]),
    );
    expect(new Set(people.map((p) => p.color)).size).toBe(2);
    // The first id in sorted order keeps its own colour.
    const first = [a, b].sort()[0]!;
    expect(people.find((p) => p.userId === first)?.color).toBe(colorFor(first));
  });

  it("agrees in every browser: the answer depends on who is present, not in which order", () => {
    const ids = clashingIds(3);
    const forward = distinctColors(ids);
    const backward = distinctColors([...ids].reverse());
    expect([...forward.entries()].sort()).toEqual([...backward.entries()].sort());
    expect(new Set(forward.values()).size).toBe(3);
  });

  it("keeps each person's own colour when nobody shares it, and one entry per person", () => {
    const people = collaboratorsFrom(
      new Map([
        [1, person("u-legal", "Lee")],
        [2, person("u-legal", "Lee")],
      ]),
    );
    expect(people).toHaveLength(1);
    expect(people[0]!.color).toBe(colorFor("u-legal"));
  });
});
