const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number for people: in the browser's locale; `decimals` fixed, or null for "as sent"
 * (up to 3 decimals). Formatters are cached: this runs on every value change.
 */
export function formatNumber(value: number, decimals: number | null): string {
  const key = String(decimals);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 3,
    });
    formatters.set(key, f);
  }
  return f.format(value);
}
