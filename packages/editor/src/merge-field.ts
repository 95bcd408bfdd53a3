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
 * A merge field suggested in or out carries its suggestion as attributes,
 * not as a mark: the shared document (y-prosemirror) keeps marks on text
 * only, so a mark on a field would not reach anyone else.
 */
export const fieldSuggestionAttributes = {
  /** "insertion", "deletion", or null for a field that is simply there. */
  suggested: { default: null },
  suggestionId: { default: null },
  suggestionAuthorId: { default: null },
  suggestionFunction: { default: null },
  suggestionCreatedAt: { default: null },
} as const;

/** The attributes of a field with no suggestion on it. */
export const noFieldSuggestion = {
  suggested: null,
  suggestionId: null,
  suggestionAuthorId: null,
  suggestionFunction: null,
  suggestionCreatedAt: null,
} as const;

const fieldSuggestionHtml = Object.fromEntries(
  Object.keys(fieldSuggestionAttributes).map((name) => [
    name,
    {
      default: null,
      parseHTML: (element: HTMLElement) =>
        element.getAttribute(`data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`) ||
        null,
      renderHTML: (attrs: Record<string, unknown>) =>
        attrs[name]
          ? { [`data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]: attrs[name] }
          : {},
    },
  ]),
);

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
      ...fieldSuggestionHtml,
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
