import { mergeAttributes, Node } from "@tiptap/core";

/** The fields a message can merge in; each has a label for the author and a sample for previews and scoring. */
export const mergeFieldCatalogue = {
  first_name: { label: "First name", sample: "Sam" },
  amount: { label: "Amount", sample: "$177.17" },
  due_date: { label: "Due date", sample: "18 May 2027" },
  account_number: { label: "Account number", sample: "ending 4821" },
} as const satisfies Record<string, { label: string; sample: string }>;

export interface MergeFieldAttributes {
  key: string;
  label: string;
  sample: string;
}

/**
 * {{first_name}}, {{amount}}…: an atomic inline node, so reviewers cannot
 * half-edit a field; it carries a label and a sample value.
 */
export const MergeField = Node.create({
  name: "mergeField",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      key: { default: "first_name" },
      label: { default: "First name" },
      sample: { default: "" },
    };
  },
  parseHTML() {
    return [
      {
        tag: "span[data-merge-field]",
        getAttrs: (element) => ({
          key: element.getAttribute("data-merge-field"),
          label: element.getAttribute("data-label"),
          sample: element.getAttribute("data-sample") ?? "",
        }),
      },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      "span",
      mergeAttributes(HTMLAttributes, {
        "data-merge-field": node.attrs.key,
        "data-label": node.attrs.label,
        "data-sample": node.attrs.sample,
        class: "merge-field",
      }),
      `{{${node.attrs.key}}}`,
    ];
  },
  renderText({ node }) {
    return `{{${node.attrs.key}}}`;
  },
});
