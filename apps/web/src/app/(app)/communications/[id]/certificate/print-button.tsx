"use client";
import { Button } from "@conductor/ui";

/** The browser's print dialog, for a paper copy (the PDF is a download of its own). */
export function PrintButton() {
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      Print
    </Button>
  );
}
