import { formatNumber } from '@/i18n/format';
import { t } from '@/i18n/i18n';
import { CHART_PALETTE, type ChartSeriesConfig } from './schema';

/**
 * The levels of `topic` that a wildcard `filter` leaves open, joined by `/`:
 * `house/+/temp` and `house/kitchen/temp` give `kitchen`. The whole topic when none differ.
 */
export function differingLevels(filter: string, topic: string): string {
  const f = filter.split('/');
  const t = topic.split('/');
  const out: string[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') {
      out.push(...t.slice(i));
      break;
    }
    if (f[i] === '+' && t[i] !== undefined) out.push(t[i]!);
  }
  const label = out.join('/');
  return label === '' ? topic : label;
}

/**
 * A line's name in the legend: the series label, or its topic. A wildcard series names each
 * line by the levels that differ, after the series label when there is one.
 */
export function lineLabel(series: ChartSeriesConfig, topic: string, wildcard: boolean): string {
  if (!wildcard) return series.label || topic;
  const levels = differingLevels(series.topic, topic);
  return series.label ? `${series.label} ${levels}` : levels;
}

/**
 * A line's colour: the series colour for its first line; further lines of a wildcard series
 * take the next palette colours, so lines of one series are told apart.
 */
export function lineColor(series: ChartSeriesConfig, lineIndex: number): string {
  if (lineIndex === 0) return series.color;
  const base = CHART_PALETTE.indexOf(series.color as (typeof CHART_PALETTE)[number]);
  return CHART_PALETTE[(Math.max(0, base) + lineIndex) % CHART_PALETTE.length]!;
}

/** A value with its unit, for people. */
export function formatValue(v: number, unit: string): string {
  return unit ? `${formatNumber(v, null)} ${unit}` : formatNumber(v, null);
}

/**
 * The chart's accessible name: "<title>: chart of <labels>, last value <v> <unit>"; with
 * several lines each value is named ("last value kitchen 21 °C, hall 19 °C").
 */
export function chartAriaLabel(
  title: string,
  lines: ReadonlyArray<{ label: string; last: number | null }>,
  unit: string,
): string {
  const head = title ? t('widgets:chart.aria.titled', { title }) : t('widgets:chart.aria.untitled');
  if (lines.length === 0) return t('widgets:chart.aria.noSeries', { head });
  const of = t('widgets:chart.aria.of', { head, labels: lines.map((l) => l.label).join(', ') });
  const withValues = lines.filter((l) => l.last !== null);
  if (withValues.length === 0) return t('widgets:chart.aria.waiting', { of });
  const values =
    lines.length === 1
      ? formatValue(withValues[0]!.last!, unit)
      : withValues.map((l) => `${l.label} ${formatValue(l.last!, unit)}`).join(', ');
  return t('widgets:chart.aria.last', { of, values });
}
