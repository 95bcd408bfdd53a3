"use client";
import { type Channel, mergeFieldCatalogue, plainTextChannels } from "@conductor/editor";
import type { Editor } from "@tiptap/react";
import { clsx } from "clsx";
import type { ReactNode } from "react";

function ToolButton(props: {
  label: string;
  active?: boolean;
  disabled?: boolean;
  onRun(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.active}
      disabled={props.disabled}
      // Keep the editor's selection: act on mouse down, not after focus moved.
      onMouseDown={(e) => {
        e.preventDefault();
        props.onRun();
      }}
      className={clsx(
        "min-w-8 rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-40",
        props.active && "bg-indigo-100 text-indigo-900",
      )}
    >
      {props.children}
    </button>
  );
}

/**
 * Formatting the channel can carry — SMS and push get merge fields only —
 * plus "Comment". In Suggesting mode formatting and merge fields become
 * suggestions; headings and lists are block structure, which cannot be, so
 * they are not offered.
 */
export function Toolbar(props: {
  editor: Editor;
  channel: Channel;
  canEdit: boolean;
  suggesting: boolean;
  onComment(): void;
}) {
  const { editor } = props;
  const plain = plainTextChannels.has(props.channel);
  const hasSelection = !editor.state.selection.empty;
  return (
    <div
      role="toolbar"
      aria-label="Formatting"
      className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-2 py-1.5"
    >
      {props.canEdit && !plain ? (
        <>
          <ToolButton
            label="Bold"
            active={editor.isActive("bold")}
            onRun={() => editor.chain().focus().toggleBold().run()}
          >
            <strong>B</strong>
          </ToolButton>
          <ToolButton
            label="Italic"
            active={editor.isActive("italic")}
            onRun={() => editor.chain().focus().toggleItalic().run()}
          >
            <em>I</em>
          </ToolButton>
          <ToolButton
            label="Link"
            active={editor.isActive("link")}
            onRun={() => {
              const href = window.prompt("Link address (https://, mailto: or tel:)");
              if (href === null) return;
              if (!href) editor.chain().focus().unsetLink().run();
              else editor.chain().focus().setLink({ href }).run();
            }}
          >
            Link
          </ToolButton>
          {props.suggesting ? null : (
            <>
              <ToolButton
                label="Heading"
                active={editor.isActive("heading", { level: 2 })}
                onRun={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}
              >
                H
              </ToolButton>
              <ToolButton
                label="Bulleted list"
                active={editor.isActive("bulletList")}
                onRun={() => editor.chain().focus().toggleBulletList().run()}
              >
                • List
              </ToolButton>
              <ToolButton
                label="Numbered list"
                active={editor.isActive("orderedList")}
                onRun={() => editor.chain().focus().toggleOrderedList().run()}
              >
                {/* The numbers are drawn, not written: the button's name is "Numbered
                    list", and written words must be part of it (WCAG 2.5.3). */}
                <svg
                  aria-hidden="true"
                  viewBox="0 0 16 16"
                  className="mr-1 inline h-4 w-4 align-[-3px]"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={1.4}
                  strokeLinecap="round"
                >
                  <path d="M2.5 2.5h1v4M2.5 6.5h2" />
                  <path d="M2 10.2c.3-.9 2.4-.9 2.4.2 0 .9-2.4 1.6-2.4 3.1h2.6" />
                  <path d="M7 4.5h7M7 12h7" />
                </svg>
                List
              </ToolButton>
            </>
          )}
          <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />
        </>
      ) : null}
      {props.canEdit ? (
        <label className="flex items-center gap-1 text-sm text-slate-700">
          <span className="sr-only">Insert merge field</span>
          <select
            aria-label="Insert merge field"
            value=""
            onChange={(e) => {
              const key = e.target.value as keyof typeof mergeFieldCatalogue;
              const field = mergeFieldCatalogue[key];
              if (!field) return;
              editor
                .chain()
                .focus()
                .insertContent({ type: "mergeField", attrs: { key, ...field } })
                .run();
            }}
            className="rounded border border-slate-300 px-1 py-1 text-sm"
          >
            <option value="">{"{{ }} Merge field"}</option>
            {Object.entries(mergeFieldCatalogue).map(([key, field]) => (
              <option key={key} value={key}>
                {field.label} ({field.sample})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <span className="ml-auto" />
      <ToolButton label="Comment on the selection" disabled={!hasSelection} onRun={props.onComment}>
        Comment
      </ToolButton>
    </div>
  );
}
