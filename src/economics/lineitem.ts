/**
 * A cost line: what it is, how much over the whole lifetime, and whether it is counted. Lines
 * with `included: false` say what a figure leaves out (their `usd` is null: not estimated), so
 * that every total carries the list of what it includes and what it does not.
 */
export interface LineItem {
  /** Stable key (`launch`, `energy`, ...). */
  key: string;
  /** Words for a table. */
  label: string;
  /** Lifetime total [USD, nominal, undiscounted]; null when not estimated (`included: false`). */
  usd: number | null;
  /** Spent up front (capex) or over the years (opex). */
  kind: 'capex' | 'opex';
  included: boolean;
  /** How it was computed, with the numbers used. */
  basis: string;
}

export function item(key: string, label: string, usd: number, kind: 'capex' | 'opex', basis: string): LineItem {
  return { key, label, usd, kind, included: true, basis };
}

export function excluded(key: string, label: string, kind: 'capex' | 'opex', basis: string): LineItem {
  return { key, label, usd: null, kind, included: false, basis };
}

export function totalOf(items: readonly LineItem[]): number {
  let t = 0;
  for (const i of items) if (i.included && i.usd !== null) t += i.usd;
  return t;
}

export function labelsOf(items: readonly LineItem[], included: boolean): string[] {
  return items.filter((i) => i.included === included).map((i) => i.label);
}

/** A number in few characters: 1.23B, 4.56M, 45.6k, 2000, 0.0455 (3 significant digits). */
export function compact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${Number((x / 1e9).toPrecision(3))}B`;
  if (a >= 1e6) return `${Number((x / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((x / 1e3).toPrecision(3))}k`;
  if (a >= 100) return x.toFixed(0);
  return String(Number(x.toPrecision(3)));
}

/** Dollars in words for a basis string: $1.23M, $45.6k, $2000, $0.0455. */
export function usd(x: number): string {
  return `$${compact(x)}`;
}
