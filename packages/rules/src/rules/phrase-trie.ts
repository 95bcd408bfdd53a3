import { segment } from "../text/segment";
import type { WordInfo } from "../text/word-info";

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
  /** Identifies this trie's contents in word memos; replaced on every add, so none goes stale. */
  private version: object = {};
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
    this.version = {};
  }

  /**
   * Calls back for each phrase that starts at word `from`, longest first.
   * `keys` are the block's word keys; `info`, when given, is the word info of
   * `keys[from]`, which remembers the first step (most words lead nowhere).
   */
  matchAt(
    keys: readonly string[],
    from: number,
    found: (entry: PhraseEntry, to: number) => void,
    info?: WordInfo,
  ): void {
    if (from >= keys.length) return;
    let node: TrieNode | undefined;
    if (info) {
      if (info.trieOwner !== this.version) {
        info.trieOwner = this.version;
        info.trieNode = this.root.next.get(keys[from]!);
      }
      node = info.trieNode as TrieNode | undefined;
    } else node = this.root.next.get(keys[from]!);
    // Reused buffers: this runs for every word, so it allocates nothing.
    let count = 0;
    for (let i = from; node; ) {
      if (node.entries.length) {
        hitNodes[count] = node;
        hitEnds[count] = i + 1;
        count++;
      }
      if (++i >= keys.length) break;
      node = node.next.get(keys[i]!);
    }
    for (let h = count - 1; h >= 0; h--) {
      const hit = hitNodes[h]!;
      const to = hitEnds[h]!;
      for (const entry of hit.entries) found(entry, to);
    }
  }
}
