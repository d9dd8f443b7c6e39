import type { TimeWindow } from './downsample';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Tick spacings a person reads easily, smallest first. */
const STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  4 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

// HH:MM in local time whatever the locale's habit (the axis is narrow; 24 h needs no AM/PM).
const hourMinute = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const full = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface TimeTick {
  readonly t: number;
  readonly label: string;
}

/** The local time as HH:MM. */
export function formatHourMinute(t: number): string {
  return hourMinute.format(t);
}

/** Date and time with seconds, for tooltips. */
export function formatTooltipTime(t: number): string {
  return full.format(t);
}

/**
 * Ticks for a time axis `width` px wide: on round local times (every 10 min, every hour …),
 * about one per 70 px, labelled HH:MM; when the window spans more than one day, the first
 * tick of each day also carries the date ("24 Nov 00:00").
 */
export function timeTicks(window: TimeWindow, width: number): TimeTick[] {
  const span = window.end - window.start;
  if (!(span > 0)) return [];
  const spansDays = new Date(window.start).toDateString() !== new Date(window.end).toDateString();
  const maxTicks = Math.max(2, Math.floor(width / (spansDays ? 90 : 64)));
  const step = STEPS.find((s) => span / s <= maxTicks) ?? STEPS[STEPS.length - 1]!;

  // Round in local time: offset by the zone so 10-minute and hourly ticks land on :00.
  const offset = new Date(window.start).getTimezoneOffset() * MINUTE;
  let t = Math.ceil((window.start - offset) / step) * step + offset;
  const ticks: TimeTick[] = [];
  let previousDay = '';
  for (; t <= window.end && ticks.length < 100; t += step) {
    const day = new Date(t).toDateString();
    const label =
      spansDays && day !== previousDay
        ? `${dayMonth.format(t)} ${hourMinute.format(t)}`
        : hourMinute.format(t);
    previousDay = day;
    ticks.push({ t, label });
  }
  return ticks;
}
