"use client";
import { useCallback, useEffect, useState } from "react";
import type * as Y from "yjs";

/**
 * A plain input bound to a shared Y.Text (email subject, preheader): each
 * change is applied as the smallest delete + insert, so two people typing in
 * the same field merge rather than overwrite each other.
 */
export function useYText(document: Y.Doc, field: string): [string, (next: string) => void] {
  const text = document.getText(field);
  const [value, setValue] = useState(() => text.toString());
  useEffect(() => {
    const update = () => setValue(text.toString());
    update();
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);
  const change = useCallback(
    (next: string) => {
      const current = text.toString();
      let start = 0;
      while (start < current.length && start < next.length && current[start] === next[start])
        start++;
      let end = 0;
      while (
        end < current.length - start &&
        end < next.length - start &&
        current[current.length - 1 - end] === next[next.length - 1 - end]
      )
        end++;
      document.transact(() => {
        text.delete(start, current.length - start - end);
        text.insert(start, next.slice(start, next.length - end));
      });
    },
    [document, text],
  );
  return [value, change];
}
