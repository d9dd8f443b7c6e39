import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@/components/format-number';
import type { ChartPlotProps } from './chart-view';
import { formatValue } from './lines';
import { PLOT_MARGIN, TIME_AXIS_HEIGHT } from './plot-layout';
import { formatHourMinute, formatTooltipTime } from './time-axis';

// Stable objects: recharts compares props, and new objects each redraw cost it work.
const MARGIN = { ...PLOT_MARGIN };
const TICK = { fill: 'var(--muted)', fontSize: 11 };
const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 8,
  color: 'var(--text)',
  fontSize: 13,
};
const CURSOR = { stroke: 'var(--muted)', strokeDasharray: '3 3' };

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

  // No keyboard layer: the chart sits in a role="img" whose name carries the values, and a
  // focusable SVG inside an image is a nested control to assistive technology.
  const common = { width, height, data: rows, margin: MARGIN, accessibilityLayer: false };

  const axes = [
    <CartesianGrid key="grid" stroke="var(--border)" strokeDasharray="3 3" vertical={false} />,
    <XAxis
      key="x"
      dataKey="t"
      type="number"
      scale="time"
      domain={[window.start, window.end]}
      ticks={tickTimes}
      tickFormatter={(t: number) => labels.get(t) ?? formatHourMinute(t)}
      allowDataOverflow
      height={TIME_AXIS_HEIGHT}
      // time-axis.ts spaced the ticks for this width: recharts must not thin them out again.
      interval={0}
      stroke="var(--border)"
      tick={TICK}
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
      tick={TICK}
      tickFormatter={(v: number) => formatNumber(v, decimals)}
    />,
    <Tooltip
      key="tooltip"
      isAnimationActive={false}
      contentStyle={TOOLTIP_STYLE}
      cursor={CURSOR}
      labelFormatter={(t) => formatTooltipTime(Number(t))}
      formatter={(v) => formatValue(Number(v), unit)}
    />,
  ];

  if (kind === 'area') {
    return (
      <AreaChart {...common}>
        {axes}
        {lines.map((l) => (
          <Area
            key={l.key}
            dataKey={l.key}
            name={l.label}
            type="linear"
            stroke={l.color}
            strokeWidth={2}
            fill={l.color}
            fillOpacity={0.18}
            connectNulls
            dot={false}
            activeDot={{ r: 4 }}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    );
  }
  return (
    <LineChart {...common}>
      {axes}
      {lines.map((l) => (
        <Line
          key={l.key}
          dataKey={l.key}
          name={l.label}
          type={kind === 'step' ? 'stepAfter' : 'linear'}
          stroke={l.color}
          strokeWidth={2}
          connectNulls
          dot={false}
          activeDot={{ r: 4 }}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
