"use client";
import type { RouterOutputs } from "@conductor/api";
import { functionLabels } from "@conductor/core/labels";
import { mentionHandles } from "@conductor/core/schemas";
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { type KeyboardEvent, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";

type Mentionables = RouterOutputs["comments"]["mentionables"];

interface Option {
  key: string;
  handle: string;
  label: string;
  detail: string;
}

/** The `@…` being typed just before the caret, if any (same boundary as the server's reading). */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[^\w@])@([\w.-]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1] ?? "";
  return { start: caret - query.length - 1, query: query.toLowerCase() };
}

function optionsFor(list: Mentionables | undefined, query: string): Option[] {
  if (!list) return [];
  const starts = (text: string) =>
    text
      .toLowerCase()
      .split(/[\s.@-]+/)
      .some((word) => word.startsWith(query));
  const functions = list.functions
    .filter((f) => f.handle.startsWith(query) || starts(functionLabels[f.function]))
    .map((f) => ({
      key: `function-${f.handle}`,
      handle: f.handle,
      label: `@${f.handle}`,
      detail: `everyone in ${functionLabels[f.function]}`,
    }));
  const people = list.people
    .filter((p) => p.handles.some((h) => h.startsWith(query)) || starts(p.name))
    .map((p) => ({
      key: `person-${p.userId}`,
      handle: p.handle,
      label: p.name,
      detail: `@${p.handle}${p.functions.length ? ` · ${p.functions.map((f) => functionLabels[f]).join(", ")}` : ""}`,
    }));
  return [...functions, ...people].slice(0, 8);
}

/**
 * A comment's text area with @-mention autocomplete (the WAI-ARIA combobox
 * pattern: arrows move, Enter or Tab inserts, Escape closes) over the
 * organisation's functions and people, and a warning, before posting, for
 * any handle that matches nobody.
 */
export function MentionTextarea(props: {
  id: string;
  label: string;
  communicationId: string;
  value: string;
  onChange(value: string): void;
}) {
  const trpc = useTRPC();
  const mentionables = useQuery(
    trpc.comments.mentionables.queryOptions(
      { communicationId: props.communicationId },
      { staleTime: 5 * 60_000 },
    ),
  );
  const listId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  // Escape closes the list for the @ being typed until the caret leaves it.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const typing = mentionAt(props.value, caret);
  const options = typing ? optionsFor(mentionables.data, typing.query) : [];
  const open = typing !== null && dismissedAt !== typing.start && options.length > 0;
  const current = Math.min(active, options.length - 1);

  const unknown = useMemo(() => {
    const list = mentionables.data;
    if (!list) return [];
    const known = new Set([
      ...list.functions.map((f) => f.handle),
      ...list.people.flatMap((p) => p.handles),
    ]);
    return mentionHandles(props.value).filter((h) => !known.has(h));
  }, [mentionables.data, props.value]);
  // The handle still being typed is not yet a mistake.
  const shownUnknown = unknown.filter((h) => !(typing && open && h === typing.query));

  // The caret goes after the inserted handle as soon as the new text is in
  // the text area, before the next key is handled: placed a frame later, it
  // moved back over a letter typed meanwhile ("@leo a" became "@leo nd…a").
  const placeCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = placeCaret.current;
    if (at === null) return;
    placeCaret.current = null;
    area.current?.focus();
    area.current?.setSelectionRange(at, at);
  });

  const choose = (option: Option) => {
    if (!typing) return;
    const before = props.value.slice(0, typing.start);
    const after = props.value.slice(caret);
    const inserted = `@${option.handle} `;
    props.onChange(before + inserted + after.replace(/^[\w.-]*\s?/, ""));
    const at = before.length + inserted.length;
    setCaret(at);
    setActive(0);
    placeCaret.current = at;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      const option = options[current];
      if (!option) return;
      event.preventDefault();
      choose(option);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setDismissedAt(typing?.start ?? null);
    }
  };

  const track = (target: HTMLTextAreaElement) => {
    setCaret(target.selectionStart ?? target.value.length);
  };

  return (
    <div className="relative">
      <textarea
        ref={area}
        id={props.id}
        aria-label={props.label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${current}` : undefined}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
          track(e.target);
          setActive(0);
        }}
        onSelect={(e) => track(e.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => setDismissedAt(typing?.start ?? null)}
        onFocus={() => setDismissedAt(null)}
        rows={2}
        placeholder="Write a comment — type @ to mention a person or a function"
        className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none"
      />
      <div
        id={listId}
        role="listbox"
        aria-label="People and functions to mention"
        hidden={!open}
        className="absolute left-0 right-0 z-20 mt-0.5 max-h-64 overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {open
          ? options.map((option, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the keys live on the text area (combobox pattern: focus stays there, aria-activedescendant points here)
              <div
                key={option.key}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === current}
                // Keeps focus in the text area, so typing goes on after a click.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(option)}
                className={clsx(
                  "cursor-pointer px-2 py-1",
                  i === current ? "bg-indigo-600 text-white" : "text-slate-900",
                )}
              >
                <span className="font-medium">{option.label}</span>{" "}
                <span
                  className={clsx("text-xs", i === current ? "text-indigo-100" : "text-slate-500")}
                >
                  {option.detail}
                </span>
              </div>
            ))
          : null}
      </div>
      {shownUnknown.length > 0 ? (
        <p className="mt-0.5 text-xs text-amber-800" role="status">
          {unknownSentence(shownUnknown)}
        </p>
      ) : null}
    </div>
  );
}

/** Says which handles reach nobody, before posting or after. */
export function unknownSentence(handles: string[]) {
  const named = handles.map((h) => `@${h}`).join(", ");
  return handles.length === 1
    ? `${named} matches no one here, so nobody will be notified for it.`
    : `${named} match no one here, so nobody will be notified for them.`;
}
