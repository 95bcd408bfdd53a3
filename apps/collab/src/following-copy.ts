import type { Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import { yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import * as Y from "yjs";
import { FIELD } from "./document-content";

type Block = Y.XmlElement | Y.XmlText;

/**
 * A copy of a live document that follows it update by update, to try an
 * edit on before the live document takes it (suggestion-guard.ts). Making
 * a fresh copy and converting all of it to ProseMirror cost about 17 ms per
 * update on a 2,000-word message; this copy is made once, and its message
 * body is converted again only block by block, for the blocks a
 * transaction changed. An edit tried on it that is then refused leaves it
 * ahead of the live document: `dispose` it and make another.
 */
export function followingCopy(document: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(document));
  const follow = (update: Uint8Array) => Y.applyUpdate(copy, update);
  document.on("update", follow);

  const fragment = copy.getXmlFragment(FIELD);
  let converted = new WeakMap<object, ProseMirrorNode>();
  let convertedFor: Schema | null = null;
  // A change anywhere inside a top-level block makes that block's node stale.
  copy.on("afterTransaction", (transaction: Y.Transaction) => {
    for (const changed of transaction.changed.keys()) {
      let type: typeof changed | null = changed;
      while (type && type.parent !== fragment) type = type.parent;
      if (type) converted.delete(type);
    }
  });

  const convert = (block: Block, schema: Schema) => {
    // y-prosemirror converts a fragment; a one-block stand-in converts one block.
    const json = yXmlFragmentToProsemirrorJSON({ toArray: () => [block] } as Y.XmlFragment) as {
      content: unknown[];
    };
    return schema.nodeFromJSON(json.content[0]);
  };

  return {
    copy,
    /** The copy's message body as ProseMirror, as `yXmlFragmentToProsemirror` would give it. */
    body(schema: Schema): ProseMirrorNode {
      if (convertedFor !== schema) {
        converted = new WeakMap();
        convertedFor = schema;
      }
      const blocks = (fragment.toArray() as Block[]).map((block) => {
        let node = converted.get(block);
        if (!node) {
          node = convert(block, schema);
          converted.set(block, node);
        }
        return node;
      });
      return schema.topNodeType.create(null, blocks);
    },
    dispose() {
      document.off("update", follow);
      copy.destroy();
    },
  };
}

export type FollowingCopy = ReturnType<typeof followingCopy>;

/**
 * The part of two bodies read from one following copy that can differ: the
 * blocks between the first and the last that are not the very same node
 * (an unchanged block is the same converted node in both), with one
 * unchanged neighbour on each side where there is one, so neither part is
 * empty. Everything outside is identical, so whatever compares the whole
 * bodies block by block (the accepted text, each suggestion's text and
 * marks) comes out the same on these parts, at the cost of a keystroke's
 * block instead of the message's.
 */
export function changedBlocks(
  before: ProseMirrorNode,
  after: ProseMirrorNode,
): [ProseMirrorNode, ProseMirrorNode] {
  const [b, a] = [before.childCount, after.childCount];
  let head = 0;
  while (head < b && head < a && before.child(head) === after.child(head)) head++;
  let tail = 0;
  while (
    tail < b - head &&
    tail < a - head &&
    before.child(b - 1 - tail) === after.child(a - 1 - tail)
  )
    tail++;
  if (head === b && head === a) return [before, after];
  const from = Math.max(0, head - 1);
  const part = (doc: ProseMirrorNode, count: number) => {
    const to = Math.min(count, count - tail + 1);
    const blocks: ProseMirrorNode[] = [];
    for (let i = from; i < to; i++) blocks.push(doc.child(i));
    return doc.type.create(doc.attrs, blocks);
  };
  const parts: [ProseMirrorNode, ProseMirrorNode] = [part(before, b), part(after, a)];
  // A body with no block at all on one side: compare the whole bodies.
  return parts[0].childCount && parts[1].childCount ? parts : [before, after];
}
