import { parseNumberText } from '@/mqtt/payload';
import type { NumberInputConfig } from './schema';

/**
 * What the user typed as a number, or null. A comma is read as the decimal point when there
 * is no point (German and French keyboards type "21,5").
 */
export function parseTyped(text: string): number | null {
  let t = text.trim();
  if (!t.includes('.') && (t.match(/,/g) ?? []).length === 1) t = t.replace(',', '.');
  return parseNumberText(t);
}

/** Decimals of a step such as 0.25, so that 0.1 + 0.2 is shown as 0.3. */
function decimalsOf(n: number): number {
  const s = String(n);
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2));
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Round away binary noise (0.30000000000000004) to `places`. */
function round(n: number, places: number): number {
  return Number(n.toFixed(Math.min(20, places)));
}

/** `n` within the config's limits and rounded to its decimals: the value that is sent. */
export function normalize(n: number, c: Pick<NumberInputConfig, 'min' | 'max' | 'decimals'>) {
  let v = n;
  if (c.max !== null) v = Math.min(c.max, v);
  if (c.min !== null) v = Math.max(c.min, v);
  return c.decimals === null ? v : round(v, c.decimals);
}

/** One − (dir -1) or + (dir 1) press from `from`, without float noise, within the limits. */
export function stepFrom(
  from: number,
  dir: 1 | -1,
  c: Pick<NumberInputConfig, 'min' | 'max' | 'decimals' | 'step'>,
): number {
  const places = Math.max(decimalsOf(c.step), decimalsOf(from));
  return normalize(round(from + dir * c.step, places), c);
}

/** A number as the input shows it: plain digits with a point (what type=number accepts). */
export function toInputText(n: number, decimals: number | null): string {
  return decimals === null ? String(n) : n.toFixed(decimals);
}
