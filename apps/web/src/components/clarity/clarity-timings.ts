// How long live clarity takes, kept in the page for `npm run bench -- collab
// keystroke` to read: the analysis work per update, and keystroke → analysis
// done (which includes waiting for the next frame). Bounded, a few numbers.

declare global {
  interface Window {
    __conductorClarity?: { analysisMs: number[]; keystrokeToPanelMs: number[] };
  }
}

const LIMIT = 2000;
let lastKeystrokeAt: number | null = null;

function timings() {
  window.__conductorClarity ??= { analysisMs: [], keystrokeToPanelMs: [] };
  return window.__conductorClarity;
}

function push(list: number[], value: number) {
  if (list.length >= LIMIT) list.shift();
  list.push(value);
}

export function recordKeystroke() {
  lastKeystrokeAt ??= performance.now();
}

export function recordAnalysis(started: number, finished: number) {
  const t = timings();
  push(t.analysisMs, finished - started);
  if (lastKeystrokeAt !== null) {
    push(t.keystrokeToPanelMs, finished - lastKeystrokeAt);
    lastKeystrokeAt = null;
  }
}
