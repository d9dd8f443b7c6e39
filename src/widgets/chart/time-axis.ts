import { formatDate } from '@/i18n/format';
import type { TimeWindow } from './downsample';

const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Tick spacings a person reads easily, smallest first: seconds for a chart that just began. */
const STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/** Labels are 11 px: a character is at most about 7 px wide. */
const CHAR_PX = 7;
/**
 * Labels at most this close, and at least this much space between two labels: with round
 * steps that gives about one label per 60–120 px (one per 70–90 px on average).
 */
const MIN_SPACING_PX = 60;
/** On an axis too narrow for three labels that far apart, they may come this close. */
const DENSE_SPACING_PX = 40;
const MIN_GAP_PX = 14;

// HH:MM in local time whatever the locale's habit (the axis is narrow; 24 h needs no AM/PM),
// in the language on screen (formatDate caches each format per locale).
const HOUR_MINUTE: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const HOUR_MINUTE_SECOND: Intl.DateTimeFormatOptions = { ...HOUR_MINUTE, second: '2-digit' };
const DAY_MONTH_TIME: Intl.DateTimeFormatOptions = { ...DAY_MONTH, ...HOUR_MINUTE_SECOND };
const fmt = (options: Intl.DateTimeFormatOptions) => ({
  format: (t: number) => formatDate(t, options),
});
const hourMinute = fmt(HOUR_MINUTE);
const dayMonth = fmt(DAY_MONTH);
const hourMinuteSecond = fmt(HOUR_MINUTE_SECOND);
const dayMonthTime = fmt(DAY_MONTH_TIME);

export interface TimeTick {
  readonly t: number;
  readonly label: string;
}

/** The local time as HH:MM. */
export function formatHourMinute(t: number): string {
  return hourMinute.format(t);
}

/**
 * A tooltip's time, in the axis' 24-h clock with seconds: "21:24:28" on the day of `now`,
 * with the date before ("30 Nov, 21:24:28"). In the language on screen, as every date here.
 */
export function formatTooltipTime(t: number, now: number = Date.now()): string {
  return new Date(t).toDateString() === new Date(now).toDateString()
    ? hourMinuteSecond.format(t)
    : dayMonthTime.format(t);
}

/** Room for labels beyond the ends of the axis, px (the y axis' side, the plot's margin). */
export interface AxisRoom {
  readonly left: number;
  readonly right: number;
}

/** The width a label takes, px (estimated: the axis is laid out before it is drawn). */
export function labelWidth(label: string): number {
  return label.length * CHAR_PX;
}

/**
 * Ticks for a time axis `width` px wide: on round local times (every 1 s … 30 min, 1, 2, 3,
 * 6, 12 h), as many as fit, never closer than 60 px (closer only where that would leave fewer
 * than three), labelled HH:MM (HH:MM:SS below a minute);
 * when the window spans more than one day, midnight reads as the date ("24 Nov"; a day whose
 * midnight is not a tick has "24 Nov 06:00" on its first). Labels never overlap, and a
 * label that would run past an end of the axis by more than `room` there is left out.
 */
export function timeTicks(
  window: TimeWindow,
  width: number,
  room: AxisRoom = { left: 0, right: 0 },
): TimeTick[] {
  const span = window.end - window.start;
  if (!(span > 0) || !(width > 0)) return [];
  const axis: Axis = {
    window,
    width,
    room,
    spansDays: new Date(window.start).toDateString() !== new Date(window.end).toDateString(),
    x: (t: number) => ((t - window.start) / span) * width,
  };
  const spaced = pick(axis, MIN_SPACING_PX);
  if (spaced && spaced.length >= 3) return spaced;
  // A narrow axis: rather closer labels (still clear of each other) than one or two.
  const dense = pick(axis, DENSE_SPACING_PX);
  if (dense && dense.length > (spaced?.length ?? 0)) return dense;
  if (spaced) return spaced;
  // Too narrow even for a label a day: the widest step, each label clear of the one before.
  const last = STEPS[STEPS.length - 1]!;
  return place(axis, timesEvery(window, last), last, true);
}

interface Axis {
  readonly window: TimeWindow;
  readonly width: number;
  readonly room: AxisRoom;
  readonly spansDays: boolean;
  readonly x: (t: number) => number;
}

/**
 * The ticks of the smallest step whose labels are `spacing` px apart and clear of each other
 * (every one of them: a step is not thinned to fit, which would space them unevenly).
 */
function pick(axis: Axis, spacing: number): TimeTick[] | null {
  const span = axis.window.end - axis.window.start;
  for (const step of STEPS) {
    // A label every `step` would be too close whatever it says: try the next step at once.
    if ((step / span) * axis.width < spacing - 0.5) continue;
    const ticks = place(axis, timesEvery(axis.window, step), step, false);
    if (fits(ticks, axis.x, spacing)) return ticks;
  }
  return null;
}

/**
 * Labelled ticks at `times`: only those whose label stays inside the ends, and with `thin`,
 * each clear of the one before. Dropping the first tick of a day moves the date to the next
 * one, whose label is then wider: so this checks again until nothing changes.
 */
function place(axis: Axis, times: readonly number[], step: number, thin: boolean): TimeTick[] {
  let ticks = label(times, step, axis.spansDays);
  for (;;) {
    const shown: TimeTick[] = [];
    for (const t of ticks) {
      const half = labelWidth(t.label) / 2;
      const x = axis.x(t.t);
      if (x - half < -axis.room.left || x + half > axis.width + axis.room.right) continue;
      const prev = shown[shown.length - 1];
      if (thin && prev && !clear(prev, t, axis.x)) continue;
      shown.push(t);
    }
    if (shown.length === ticks.length) return shown;
    ticks = label(
      shown.map((t) => t.t),
      step,
      axis.spansDays,
    );
  }
}

/** Every round `step` of local time in `window`. */
function timesEvery(window: TimeWindow, step: number): number[] {
  // Round in local time: offset by the zone so 10-minute and hourly ticks land on :00.
  const offset = new Date(window.start).getTimezoneOffset() * MINUTE;
  const times: number[] = [];
  let t = Math.ceil((window.start - offset) / step) * step + offset;
  for (; t <= window.end && times.length < 200; t += step) times.push(t);
  return times;
}

/**
 * HH:MM (with seconds for steps under a minute); where the window spans days, midnight reads
 * as the date alone ("1 Dec"), and where midnight is not a tick, the day's first tick has the
 * date before its time ("1 Dec 06:00"). The first tick needs none: the next date says it.
 */
function label(times: readonly number[], step: number, spansDays: boolean): TimeTick[] {
  const format = step < MINUTE ? hourMinuteSecond : hourMinute;
  let previousDay = '';
  return times.map((t) => {
    const d = new Date(t);
    const day = d.toDateString();
    const midnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
    let text = format.format(t);
    if (spansDays && midnight) text = dayMonth.format(t);
    else if (spansDays && previousDay !== '' && day !== previousDay) {
      text = `${dayMonth.format(t)} ${text}`;
    }
    previousDay = day;
    return { t, label: text };
  });
}

/** Two labels side by side leave a gap between them. */
function clear(a: TimeTick, b: TimeTick, x: (t: number) => number): boolean {
  return x(b.t) - x(a.t) >= (labelWidth(a.label) + labelWidth(b.label)) / 2 + MIN_GAP_PX;
}

function fits(ticks: readonly TimeTick[], x: (t: number) => number, spacing: number): boolean {
  for (let i = 1; i < ticks.length; i++) {
    if (x(ticks[i]!.t) - x(ticks[i - 1]!.t) < spacing - 0.5) return false;
    if (!clear(ticks[i - 1]!, ticks[i]!, x)) return false;
  }
  return true;
}
