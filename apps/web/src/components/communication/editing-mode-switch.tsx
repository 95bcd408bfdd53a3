"use client";
import type { EditingMode } from "@conductor/editor";
import { clsx } from "clsx";
import { useEffect } from "react";

const modes = [
  ["editing", "Editing", "E"],
  ["suggesting", "Suggesting", "S"],
  ["viewing", "Viewing", "V"],
] as const;

/** Ctrl+Alt+Shift (⌘⌥⇧ on a Mac) and E, S or V: the shortcut each mode's title names. */
export function modeForShortcut(
  event: Pick<KeyboardEvent, "ctrlKey" | "metaKey" | "altKey" | "shiftKey" | "code">,
): EditingMode | null {
  if (!(event.ctrlKey || event.metaKey) || !event.altKey || !event.shiftKey) return null;
  return event.code === "KeyE"
    ? "editing"
    : event.code === "KeyS"
      ? "suggesting"
      : event.code === "KeyV"
        ? "viewing"
        : null;
}

/**
 * Editing, Suggesting or Viewing, each person for themselves. Editing is
 * unavailable when the person may only suggest (a review is open and the
 * message is not theirs); the collaboration server refuses it anyway.
 */
export function EditingModeSwitch(props: {
  mode: EditingMode;
  editingAllowed: boolean;
  onChange(mode: EditingMode): void;
}) {
  const { onChange, editingAllowed } = props;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mode = modeForShortcut(event);
      if (!mode || (mode === "editing" && !editingAllowed)) return;
      event.preventDefault();
      onChange(mode);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onChange, editingAllowed]);
  return (
    <fieldset
      aria-label="Editing mode"
      className="inline-flex rounded-md border-0 p-0 ring-1 ring-slate-300"
    >
      {modes.map(([mode, label, key]) => {
        const disabled = mode === "editing" && !editingAllowed;
        return (
          <button
            key={mode}
            type="button"
            aria-pressed={props.mode === mode}
            disabled={disabled}
            title={
              disabled
                ? "A review is open: you can suggest changes; the owner decides"
                : `${label} (Ctrl+Alt+Shift+${key})`
            }
            onClick={() => onChange(mode)}
            className={clsx(
              "px-2.5 py-1 text-xs first:rounded-l-md last:rounded-r-md disabled:cursor-not-allowed disabled:opacity-40",
              props.mode === mode
                ? "bg-indigo-700 text-white"
                : "bg-white text-slate-700 hover:bg-slate-50",
            )}
          >
            {label}
          </button>
        );
      })}
    </fieldset>
  );
}
