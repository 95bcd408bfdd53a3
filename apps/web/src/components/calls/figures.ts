// Predicted and measured calls are estimates: two significant figures say
// as much as the intervals allow ("6.1 (3.2–11)"), whole numbers above 100.

/** An estimate as the prediction shows it: 6.1, 11, 146, 2,400. */
export function figure(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString("en");
  if (magnitude === 0) return "0";
  return Number(value.toPrecision(2)).toLocaleString("en", { maximumFractionDigits: 3 });
}

/** An amount in the organisation's currency, whole units from 100 up. */
export function money(value: number, currency: string): string {
  try {
    return value.toLocaleString("en", {
      style: "currency",
      currency,
      minimumFractionDigits: Math.abs(value) >= 100 ? 0 : 2,
      maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2,
    });
  } catch {
    // A code Intl does not know is still the organisation's own: show it plainly.
    return `${figure(value)} ${currency}`;
  }
}
