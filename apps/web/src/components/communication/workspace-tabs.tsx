"use client";
import { clsx } from "clsx";
import { type KeyboardEvent, type ReactNode, useId, useRef } from "react";

/**
 * Tabs as the ARIA pattern has them: one tab in the page's tab order (the
 * selected one), arrow keys, Home and End move between them and select, and
 * the panel is labelled by its tab.
 */
export function WorkspaceTabs<T extends string>(props: {
  label: string;
  tabs: readonly (readonly [T, string])[];
  selected: T;
  onSelect(tab: T): void;
  children: ReactNode;
}) {
  const { tabs, selected } = props;
  const prefix = useId();
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (id: T) => `${prefix}-tab-${id}`;
  const panelId = `${prefix}-panel`;

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex(([id]) => id === selected);
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % tabs.length
        : event.key === "ArrowLeft"
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const id = tabs[next]![0];
    props.onSelect(id);
    buttons.current.get(id)?.focus();
  };

  return (
    <>
      <div
        role="tablist"
        aria-label={props.label}
        onKeyDown={onKeyDown}
        // Three to a row on a phone: at 390 px a quarter is narrower than "Suggestions".
        className="mb-3 grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1 sm:grid-cols-4"
      >
        {tabs.map(([id, label]) => (
          <button
            key={id}
            ref={(node) => {
              if (node) buttons.current.set(id, node);
              else buttons.current.delete(id);
            }}
            type="button"
            role="tab"
            id={tabId(id)}
            aria-selected={selected === id}
            aria-controls={panelId}
            tabIndex={selected === id ? 0 : -1}
            onClick={() => props.onSelect(id)}
            className={clsx(
              "rounded-md px-1.5 py-1.5 text-sm",
              selected === id ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-700",
            )}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)}>
        {props.children}
      </div>
    </>
  );
}
