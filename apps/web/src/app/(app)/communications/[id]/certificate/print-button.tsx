"use client";
import { Button } from "@conductor/ui";

/** The browser's print dialog: "Save as PDF" there gives the PDF. */
export function PrintButton() {
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      Print or save as PDF
    </Button>
  );
}
