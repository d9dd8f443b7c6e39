import { formatNumber } from '@/i18n/format';

/** `{value}` or `{value|2}`, spaces allowed inside the braces. */
const PLACEHOLDER = /\{\s*value\s*(?:\|\s*(\d{1,2})\s*)?\}/g;

/**
 * A value for people through a template: every `{value}` becomes the value, every
 * `{value|N}` the value with N decimals (0–20). Numbers are formatted in the browser's locale
 * with `decimals` (null = as sent, up to 3) unless the placeholder says otherwise; text goes
 * in as it is, whatever the placeholder says. An empty template means `{value}`. Pure, so
 * it is unit-tested on its own; the result is text, never HTML.
 */
export function formatTemplate(
  template: string,
  value: number | string,
  decimals: number | null,
): string {
  const format = (places: number | null) =>
    typeof value === 'number' ? formatNumber(value, places) : value;
  if (template === '') return format(decimals);
  return template.replace(PLACEHOLDER, (_m, places: string | undefined) =>
    format(places === undefined ? decimals : Math.min(20, Number(places))),
  );
}
