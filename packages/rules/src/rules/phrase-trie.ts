import { segment } from "../text/segment";

/** What a matched phrase means: a finding to report, or a tone/brief signal to note. */
export interface PhraseEntry {
  kind: "finding" | "signal";
  /** Rule id for findings; signal name for signals. */
  id: string;
  phrase: string;
  replacements: string[];
  message?: string;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: PhraseEntry[];
}

const newNode = (): TrieNode => ({ next: new Map(), entries: [] });
const hitNodes: TrieNode[] = [];
const hitEnds: number[] = [];

/** Word sequences → entries; lookup walks one word at a time from each position. */
export class PhraseTrie {
  private readonly root = newNode();
  private readonly seen = new Set<string>();
  size = 0;

  /** Adds a phrase; the first finding registered for a phrase wins, so curated lists go first. */
  add(entry: PhraseEntry): void {
    // Word keys exactly as the tokenizer gives them (lower case, apostrophes straightened).
    const keys = segment(entry.phrase).words.map((w) => w.lower);
    if (keys.length === 0) return;
    // An organisation's phrase does not hide a built-in one on the same words:
    // "valued member" can be both a banned phrase and a template phrase.
    const list =
      entry.kind === "signal" || entry.id === "plain.banned-phrase" || entry.id === "plain.term"
        ? entry.id
        : "";
    const dedupe = `${entry.kind}:${list}:${keys.join(" ")}`;
    if (this.seen.has(dedupe)) return;
    this.seen.add(dedupe);
    let node = this.root;
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) {
        child = newNode();
        node.next.set(key, child);
      }
      node = child;
    }
    node.entries.push(entry);
    this.size++;
  }

  /**
   * Calls back for each phrase that starts at word `from`, longest first.
   * `keys` are the block's word keys.
   */
  matchAt(
    keys: readonly string[],
    from: number,
    found: (entry: PhraseEntry, to: number) => void,
  ): void {
    // Reused buffers: this runs for every word, so it allocates nothing.
    let count = 0;
    let node: TrieNode | undefined = this.root;
    for (let i = from; i < keys.length; i++) {
      node = node.next.get(keys[i]!);
      if (!node) break;
      if (node.entries.length) {
        hitNodes[count] = node;
        hitEnds[count] = i + 1;
        count++;
      }
    }
    for (let h = count - 1; h >= 0; h--) {
      const hit = hitNodes[h]!;
      const to = hitEnds[h]!;
      for (const entry of hit.entries) found(entry, to);
    }
  }
}
