import { useCallback, useMemo, type CSSProperties, type ReactNode } from 'react';
import {
  Area,
  AreaChart,
  AreaRevealShape,
  CartesianGrid,
  Line,
  LineChart,
  LineDrawShape,
  Tooltip,
  XAxis,
  YAxis,
  type AreaRevealShapeProps,
  type BaseTickContentProps,
  type CurveProps,
  type DotItemDotProps,
  type LineDrawShapeProps,
  type TooltipContentProps,
} from 'recharts';
import { formatNumber } from '@/i18n/format';
import type { ChartPlotProps, LineModel } from './chart-view';
import type { ChartRow } from './downsample';
import { formatValue } from './lines';
import { lineDots, ownPoints, valueNear, type LineDots, type OwnPoints } from './plot-data';
import { PLOT_MARGIN, TIME_AXIS_HEIGHT } from './plot-layout';
import { formatHourMinute, formatTooltipTime } from './time-axis';

// Stable objects: recharts compares props, and new objects each redraw cost it work.
const MARGIN = { ...PLOT_MARGIN };
const TICK_FONT_SIZE = 11;
const CURSOR = { stroke: 'var(--muted)', strokeDasharray: '3 3' };
const ACTIVE_DOT = { r: 4 };
const DOT_R = 3.5;
/** A tooltip shows a line's value this many px beyond its first or last point, no further. */
const TOOLTIP_SLACK_PX = 8;

/**
 * A line through its own rows only. The rows of other lines' points (no value under `key`)
 * are stepped over, as connectNulls would; a null under `key` is a gap, and breaks the line
 * (connectNulls is off). recharts alone cannot tell the two apart: both are "no value".
 */
function ownRows<P extends Pick<CurveProps, 'points'>>(props: P, key: string): P {
  // recharts' points carry their row (`payload`), though its type does not say so.
  const points = props.points?.filter(
    (p) => (p as { payload?: ChartRow }).payload?.[key] !== undefined,
  );
  return { ...props, points };
}

/** A dot for the points a line cannot show by itself (or all, when they are sparse). */
function dotFor(dots: LineDots, color: string) {
  if (!dots.all && dots.isolated.size === 0) return false;
  return function SparseDot(p: DotItemDotProps): ReactNode {
    if (p.cx === undefined || p.cy === undefined) return null;
    if (!dots.all && !dots.isolated.has(p.index)) return null;
    return (
      <circle
        key={p.index}
        className="chart__dot"
        cx={p.cx}
        cy={p.cy}
        r={DOT_R}
        fill={color}
        stroke="var(--surface)"
        strokeWidth={1.5}
      />
    );
  };
}

/**
 * A tick label as one plain SVG text. recharts' own label (its Text) measures every label it
 * has not seen in a hidden span, a forced layout each; a time axis has new labels on every
 * redraw, and in a flood the layouts were 40 ms of a second of main thread. These labels are
 * short and never wrap, so they need no measuring; the anchors are placed as Text places a
 * single line (cap height 0.71 em).
 */
function tickOf(format: (value: number) => string) {
  return function PlainTick({
    x,
    y,
    textAnchor,
    verticalAnchor,
    className,
    payload,
  }: BaseTickContentProps) {
    const dy = verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'middle' ? '0.355em' : 0;
    return (
      <text
        x={x}
        y={y}
        dy={dy}
        textAnchor={textAnchor}
        fill="var(--muted)"
        fontSize={TICK_FONT_SIZE}
        className={className}
      >
        {format(Number(payload.value))}
      </text>
    );
  };
}

interface TooltipBodyProps {
  readonly active: boolean;
  readonly time: number;
  readonly lines: ReadonlyArray<LineModel & { readonly own: OwnPoints }>;
  readonly unit: string;
  readonly slack: number;
  readonly now: number;
}

/**
 * The tooltip: the time as the axis tells it (24 h, with seconds), then each line that has a
 * value there: its colour, its label and its value with the unit ("Temperatur 20.7 °C").
 * Each line shows its own point nearest the time, so several lines sampled at different
 * times are all listed; a line in a gap, or not yet begun, is left out.
 */
export function TooltipBody({ active, time, lines, unit, slack, now }: TooltipBodyProps) {
  if (!active || !Number.isFinite(time)) return null;
  const items = lines.flatMap((l) => {
    const near = valueNear(l.own, time, slack);
    return near ? [{ line: l, value: near.v }] : [];
  });
  if (items.length === 0) return null;
  return (
    <div className="chart__tooltip">
      <p className="chart__tooltip-time">{formatTooltipTime(time, now)}</p>
      <ul className="chart__tooltip-lines">
        {items.map(({ line, value }) => (
          <li
            key={line.key}
            className="chart__tooltip-line"
            style={{ '--line-color': line.color } as CSSProperties}
          >
            <span className="chart__swatch" aria-hidden="true" />
            <span className="chart__tooltip-label">{line.label}</span>
            <span className="chart__tooltip-value">{formatValue(value, unit)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The recharts drawing of a chart: lazy-loaded (chart-view.tsx), so recharts is not in the
 * first bundle. It draws what it is given; the view has already cut and downsampled the data.
 */
export function ChartPlot({
  rows,
  lines,
  kind,
  window,
  ticks,
  yAxis,
  unit,
  width,
  height,
}: ChartPlotProps) {
  const labels = useMemo(() => new Map(ticks.map((t) => [t.t, t.label])), [ticks]);
  const tickTimes = useMemo(() => ticks.map((t) => t.t), [ticks]);
  const yDomain = useMemo(() => [...yAxis.domain] as [number, number], [yAxis.domain]);
  const yTicks = useMemo(() => [...yAxis.ticks], [yAxis.ticks]);
  const { decimals } = yAxis;
  const xTick = useMemo(() => tickOf((t) => labels.get(t) ?? formatHourMinute(t)), [labels]);
  const yTick = useMemo(() => tickOf((v) => formatNumber(v, decimals)), [decimals]);

  const plotWidth = width - yAxis.width - MARGIN.left - MARGIN.right;
  // Per line: how it is drawn through its own rows, and which of its points get a dot.
  const drawn = useMemo(
    () =>
      lines.map((l) => ({
        ...l,
        own: ownPoints(rows, l.key),
        dot: dotFor(lineDots(rows, l.key, window.start, plotWidth), l.color),
        lineShape: (p: LineDrawShapeProps) => <LineDrawShape {...ownRows(p, l.key)} />,
        areaShape: (p: AreaRevealShapeProps) => <AreaRevealShape {...ownRows(p, l.key)} />,
      })),
    [lines, rows, window.start, plotWidth],
  );
  const slack = ((window.end - window.start) / Math.max(1, plotWidth)) * TOOLTIP_SLACK_PX;
  const tooltip = useCallback(
    (p: TooltipContentProps) => (
      <TooltipBody
        active={p.active}
        time={Number(p.label)}
        lines={drawn}
        unit={unit}
        slack={slack}
        now={window.end}
      />
    ),
    [drawn, unit, slack, window.end],
  );

  // No keyboard layer: the chart sits in a role="img" whose name carries the values, and a
  // focusable SVG inside an image is a nested control to assistive technology.
  const common = { width, height, data: rows, margin: MARGIN, accessibilityLayer: false };

  const axes = [
    // Lines at the ticks only: not also at the plot's edges, 5 px beyond the outer ticks.
    <CartesianGrid
      key="grid"
      stroke="var(--border)"
      strokeDasharray="3 3"
      vertical={false}
      syncWithTicks
    />,
    <XAxis
      key="x"
      dataKey="t"
      type="number"
      scale="time"
      domain={[window.start, window.end]}
      ticks={tickTimes}
      allowDataOverflow
      height={TIME_AXIS_HEIGHT}
      // time-axis.ts spaced the ticks for this width: recharts must not thin them out again.
      interval={0}
      stroke="var(--border)"
      tick={xTick}
    />,
    // The view chose the range and the ticks (value-axis.ts): recharts draws them as given.
    <YAxis
      key="y"
      type="number"
      domain={yDomain}
      ticks={yTicks}
      interval={0}
      allowDataOverflow
      width={yAxis.width}
      stroke="var(--border)"
      tick={yTick}
    />,
    <Tooltip key="tooltip" isAnimationActive={false} cursor={CURSOR} content={tooltip} />,
  ];

  if (kind === 'area') {
    return (
      <AreaChart {...common}>
        {axes}
        {drawn.map((l) => (
          <Area
            key={l.key}
            dataKey={l.key}
            name={l.label}
            type="linear"
            stroke={l.color}
            strokeWidth={2}
            fill={l.color}
            fillOpacity={0.18}
            connectNulls={false}
            shape={l.areaShape}
            dot={l.dot}
            activeDot={ACTIVE_DOT}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    );
  }
  return (
    <LineChart {...common}>
      {axes}
      {drawn.map((l) => (
        <Line
          key={l.key}
          dataKey={l.key}
          name={l.label}
          type={kind === 'step' ? 'stepAfter' : 'linear'}
          stroke={l.color}
          strokeWidth={2}
          connectNulls={false}
          shape={l.lineShape}
          dot={l.dot}
          activeDot={ACTIVE_DOT}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
