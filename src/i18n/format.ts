/**
 * Numbers, times and ages for people, in the language on screen: "21,5" and 24-hour times in
 * German, "21.5" in English; "vor 42 Sek." / "42 sec. ago". Formatters are cached per locale:
 * these run on every value change.
 */
import { currentLocale } from './i18n';

const numbers = new Map<string, Intl.NumberFormat>();

/** `decimals` fixed, or null for "as sent" (up to 3 decimals). */
export function formatNumber(value: number, decimals: number | null): string {
  const locale = currentLocale();
  const key = `${locale}|${decimals}`;
  let f = numbers.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 3,
    });
    numbers.set(key, f);
  }
  return f.format(value);
}

const dates = new Map<string, Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = currentLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dates.get(key);
  if (!f) dates.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A clock time: 12:03:04 today, "2. Dez., 12:03" / "Dec 2, 12:03 PM" on another day. */
export function formatClock(ms: number, now = Date.now()): string {
  return new Date(ms).toDateString() === new Date(now).toDateString()
    ? dateFormat({ hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms)
    : dateFormat({ month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** A time to the minute ("06:12", or "2 Dec, 06:12" on another day): a recorded value's. */
export function formatShortClock(ms: number, now = Date.now()): string {
  return new Date(ms).toDateString() === new Date(now).toDateString()
    ? dateFormat({ hour: '2-digit', minute: '2-digit' }).format(ms)
    : dateFormat({ month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** Any Intl date/time format, in the language on screen (the chart's axis, tooltips). */
export function formatDate(ms: number, options: Intl.DateTimeFormatOptions): string {
  return dateFormat(options).format(ms);
}

const relative = new Map<string, Intl.RelativeTimeFormat>();

/** How long ago, in words: "jetzt" / "now", "vor 42 Sek." / "42 sec. ago", … "vor 2 Tagen". */
export function formatAge(ms: number): string {
  const locale = currentLocale();
  let f = relative.get(locale);
  if (!f)
    relative.set(
      locale,
      (f = new Intl.RelativeTimeFormat(locale, { style: 'short', numeric: 'auto' })),
    );
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 2) return f.format(0, 'second');
  if (s < 90) return f.format(-s, 'second');
  const m = Math.round(s / 60);
  if (m < 90) return f.format(-m, 'minute');
  const h = Math.round(m / 60);
  if (h < 36) return f.format(-h, 'hour');
  return f.format(-Math.round(h / 24), 'day');
}
