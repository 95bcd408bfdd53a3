import { Mark, mergeAttributes } from "@tiptap/core";

/**
 * Anchors a comment thread to text. The thread itself is a database row; the
 * mark moves with the text as others edit, and can overlap other threads.
 */
export const CommentMark = Mark.create({
  name: "comment",
  inclusive: false,
  excludes: "",
  addAttributes() {
    return { threadId: { default: null } };
  },
  parseHTML() {
    return [
      {
        tag: "span[data-comment-thread]",
        getAttrs: (el) => ({ threadId: el.getAttribute("data-comment-thread") }),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      "span",
      mergeAttributes(HTMLAttributes, {
        "data-comment-thread": HTMLAttributes.threadId,
        class: "comment-anchor",
      }),
      0,
    ];
  },
});
