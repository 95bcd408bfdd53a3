import type { Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import { mergeFieldCatalogue } from "./merge-field";

/**
 * A document from plain text (a communication's first opening, imports):
 * one paragraph per blank-line-separated block, and every {{key}} the
 * catalogue knows turned into a merge-field node with its label and sample.
 * Unknown {{keys}} stay as text, so nothing is silently dropped.
 */
export function documentFromPlainText(schema: Schema, body: string): ProseMirrorNode {
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const inline: ProseMirrorNode[] = [];
      let last = 0;
      for (const match of block.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) {
        const field = mergeFieldCatalogue[match[1] as keyof typeof mergeFieldCatalogue];
        if (!field || !schema.nodes.mergeField) continue;
        if (match.index > last) inline.push(schema.text(block.slice(last, match.index)));
        inline.push(schema.nodes.mergeField.create({ key: match[1], ...field }));
        last = match.index + match[0].length;
      }
      if (last < block.length) inline.push(schema.text(block.slice(last)));
      return schema.nodes.paragraph!.create(null, inline);
    });
  return schema.nodes.doc!.create(
    null,
    paragraphs.length ? paragraphs : [schema.nodes.paragraph!.create()],
  );
}
