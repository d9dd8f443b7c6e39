import {
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
} from 'react';
import { useTranslation } from 'react-i18next';
import { LoadArea, LoadFailed, lazyRetry } from '@/components/lazy-retry';
import { formatNumber } from '@/i18n/format';
import { useLiveFeed } from '../kit/live-feed';
import type { WidgetViewProps } from '../types';
import {
  mergeRows,
  prepareSeries,
  valueExtent,
  type ChartRow,
  type PreparedSeries,
  type TimeWindow,
} from './downsample';
import { useHistoryHub } from './history-context';
import { ChartMenu } from './chart-menu';
import { chartAriaLabel, formatValue, lineColor, lineLabel } from './lines';
import { PLOT_MARGIN, TIME_AXIS_HEIGHT } from './plot-layout';
import { createRedrawClock } from './redraw-clock';
import type { ChartConfig } from './schema';
import { timeTicks } from './time-axis';
import { valueAxis, type ValueAxis, type ValueExtent } from './value-axis';
import './chart.css';

// recharts is the chart's heaviest part: it loads beside the app, not inside its first bundle,
// and is fetched as soon as this view is (a dashboard with a chart is opening), not when the
// first point arrives in the middle of a flood.
const ChartPlot = lazyRetry(() => import('./chart-plot').then((m) => m.ChartPlot));
ChartPlot.preload().catch(() => {}); // a failure shows where the plot goes, and is retried

/** Redraws per second at most, however many messages arrive. */
const REDRAW_MS = 250;
/** The shortest span the time axis shows, and the share of it left before the first point. */
const MIN_SPAN_MS = 10_000;
const LEAD = 0.04;
/** Size used until the plot area is measured (and where it cannot be, as in tests). */
const FALLBACK_SIZE = { width: 300, height: 180 };

/** One drawn line as the view knows it. */
export interface LineModel {
  /** The row key of its values (`s0`, `s1` …). */
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly topic: string;
  readonly last: number | null;
}

/** What the view hands to the plot: everything it draws, already downsampled. */
export interface ChartPlotProps {
  readonly rows: ChartRow[];
  readonly lines: readonly LineModel[];
  readonly kind: ChartConfig['kind'];
  /**
   * The span the time axis shows: the configured window, or less while the data covers less
   * of it (from just before the first point to now).
   */
  readonly window: TimeWindow;
  readonly ticks: ReadonlyArray<{ t: number; label: string }>;
  /** The y axis: range (the config's fixed ends kept), nice ticks, label width. */
  readonly yAxis: ValueAxis;
  readonly unit: string;
  readonly width: number;
  readonly height: number;
}

export function ChartView({ config }: WidgetViewProps<ChartConfig>) {
  const { title, series, maxPoints, windowSeconds, unit, kind, yMin, yMax, showLegend } = config;
  const { t } = useTranslation(['widgets', 'common']);
  const hub = useHistoryHub();
  const feed = useLiveFeed();
  const [clock] = useState(() => createRedrawClock(REDRAW_MS));
  const now = useSyncExternalStore(clock.subscribe, clock.get);
  const plotRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const windowMs = windowSeconds * 1000;

  // Series specs as a string: a config re-parsed to a new object must not re-acquire.
  const specKey = JSON.stringify(series.map((s) => [s.topic, s.valuePath]));

  // Hold the series while shown; redraw (throttled) when one of them changes.
  useEffect(() => {
    const specs = (JSON.parse(specKey) as Array<[string, string]>).filter(([topic]) => topic);
    const handles = specs.map(([topic, valuePath]) =>
      hub.acquire({ topic, valuePath }, maxPoints, feed, windowMs),
    );
    let seen = handles.map((h) => h.series.revision).join();
    const unsubscribe = hub.subscribe(() => {
      const revisions = handles.map((h) => h.series.revision).join();
      if (revisions === seen) return;
      seen = revisions;
      clock.bump();
    });
    clock.bump();
    return () => {
      unsubscribe();
      for (const h of handles) h.release();
    };
  }, [hub, feed, specKey, maxPoints, clock, windowMs]);

  // The window slides even when nothing arrives: about one pixel's worth of time per tick.
  useEffect(() => {
    clock.tickEvery(Math.min(60_000, Math.max(1000, windowMs / 300)));
    return () => clock.tickEvery(null);
  }, [clock, windowMs]);
  useEffect(() => () => clock.dispose(), [clock]);

  useEffect(() => {
    const el = plotRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([e]) => {
      const width = Math.floor(e?.contentRect.width ?? 0);
      const height = Math.floor(e?.contentRect.height ?? 0);
      if (width > 0 && height > 0) {
        setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { width, height } = size ?? FALLBACK_SIZE;

  // Recomputed on a redraw (`now`), not on every message: the throttle is what bounds the work.
  const drawn = useMemo(() => {
    const window = { start: now - windowMs, end: now };
    const lines: LineModel[] = [];
    const prepared: Array<{ key: string; data: PreparedSeries }> = [];
    let skipped = 0;
    let dropped = 0;
    for (const s of series) {
      if (!s.topic) continue;
      const held = hub.get({ topic: s.topic, valuePath: s.valuePath }, maxPoints, feed, windowMs);
      skipped += held.skipped;
      dropped += held.droppedTopics;
      held.lines.forEach((line, j) => {
        const n = line.points.length;
        const model: LineModel = {
          key: `s${lines.length}`,
          label: lineLabel(s, line.topic, held.wildcard),
          color: lineColor(s, j),
          topic: line.topic,
          last: n > 0 ? line.points.value(n - 1) : null,
        };
        lines.push(model);
        // A step line holds each value until the next message: a long silence is its
        // meaning there (a relay, a setpoint that is sent on change), not an outage.
        const data = prepareSeries(line.points, window, width, { gaps: kind !== 'step' });
        prepared.push({ key: model.key, data });
      });
    }

    // A chart whose data covers only part of its window (it was just added, or its sensor
    // is new) spans what it has, from a little before its first point to now, and grows to
    // the whole window as data arrives: as Home Assistant's history graph does. Keeping the
    // whole window (as Grafana does, for dashboards that compare panels side by side) drew
    // a fresh chart's first minutes as a vertical line at the right edge; a wall tablet shows
    // one chart at a time, and its points are what it is for. At least 10 s are shown, so a
    // first point has room; sparse points also get dots (chart-plot.tsx).
    let first = Infinity;
    for (const { data } of prepared) if (data.t.length > 0) first = Math.min(first, data.t[0]!);
    const span = Math.min(windowMs, Math.max(MIN_SPAN_MS, (now - first) * (1 + LEAD)));
    const shown: TimeWindow = { start: now - span, end: now };

    const rows = mergeRows(prepared);
    const empty = !rows.some((r) => r.t >= window.start);
    let extent: ValueExtent | null = null;
    for (const { data } of prepared) {
      const e = valueExtent(data, shown.start, kind === 'step');
      if (!e) continue;
      extent = extent ? { min: Math.min(extent.min, e.min), max: Math.max(extent.max, e.max) } : e;
    }
    const yAxis = valueAxis(
      extent,
      { min: yMin, max: yMax },
      height - PLOT_MARGIN.top - PLOT_MARGIN.bottom - TIME_AXIS_HEIGHT,
    );
    return { window: shown, lines, rows, empty, skipped, dropped, yAxis };
  }, [now, windowMs, series, hub, maxPoints, feed, width, height, kind, yMin, yMax]);

  // The time axis gets what the value axis' labels leave of the width.
  const plotWidth = width - drawn.yAxis.width - PLOT_MARGIN.left - PLOT_MARGIN.right;
  const yWidth = drawn.yAxis.width;
  const ticks = useMemo(
    () => timeTicks(drawn.window, plotWidth, { left: yWidth, right: PLOT_MARGIN.right }),
    [drawn.window, plotWidth, yWidth],
  );
  const hasTopic = series.some((s) => s.topic);
  const csvSeries = useMemo(
    () =>
      series
        .filter((s) => s.topic)
        .map((s) => ({ topic: s.topic, valuePath: s.valuePath, label: s.label || s.topic })),
    [series],
  );
  const label = chartAriaLabel(title, drawn.lines, unit);

  return (
    <div className="chart">
      <div ref={plotRef} className="chart__plot" role="img" aria-label={label}>
        {/* The plot is drawn while it waits, hidden: recharts' first render compiles and
            builds most of what it ever runs (200–450 ms on a 2-core machine), and it belongs
            to opening the dashboard, not to the first second of a flood. */}
        <div
          className={drawn.empty ? 'chart__surface chart__surface--idle' : 'chart__surface'}
          aria-hidden={drawn.empty || undefined}
        >
          <LoadArea failed={<LoadFailed text={t('common:loadFailed')} className="chart__empty" />}>
            <ChartPlot
              rows={drawn.rows}
              lines={drawn.lines}
              kind={kind}
              window={drawn.window}
              ticks={ticks}
              yAxis={drawn.yAxis}
              unit={unit}
              width={width}
              height={height}
            />
          </LoadArea>
        </div>
        {drawn.empty && <p className="chart__empty">{t('chart.waiting')}</p>}
      </div>
      {/* The legend and the menu share a row under the plot: the menu never covers a line. */}
      <div className="chart__footer">
        {showLegend && drawn.lines.length > 0 && (
          <ul className="chart__legend" aria-label={t('chart.legend')}>
            {drawn.lines.map((l) => (
              <li
                key={l.key}
                className="chart__legend-item"
                style={{ '--line-color': l.color } as CSSProperties}
                title={l.topic}
              >
                <span className="chart__swatch" aria-hidden="true" />
                <span className="chart__legend-label">{l.label}</span>
                {l.last !== null && (
                  <span className="chart__legend-value">{formatValue(l.last, unit)}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        <ChartMenu series={csvSeries} windowMs={windowMs} />
      </div>
      {drawn.skipped > 0 && (
        <p className="chart__note" title={t('chart.skippedTitle')}>
          {t('chart.skipped', { count: drawn.skipped, n: formatNumber(drawn.skipped, 0) })}
        </p>
      )}
      {drawn.dropped > 0 && (
        <p className="chart__note">
          {t('chart.dropped', { count: drawn.dropped, n: formatNumber(drawn.dropped, 0) })}
        </p>
      )}
      {!hasTopic && <p className="widget__hint">{t('send.noTopic')}</p>}
    </div>
  );
}
