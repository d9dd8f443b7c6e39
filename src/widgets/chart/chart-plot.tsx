import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@/components/format-number';
import type { ChartPlotProps } from './chart-view';
import { formatValue } from './lines';
import { formatHourMinute, formatTooltipTime } from './time-axis';

// Stable objects: recharts compares props, and new objects each redraw cost it work.
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
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
  yMin,
  yMax,
  unit,
  width,
  height,
}: ChartPlotProps) {
  const labels = useMemo(() => new Map(ticks.map((t) => [t.t, t.label])), [ticks]);
  const tickTimes = useMemo(() => ticks.map((t) => t.t), [ticks]);
  const fixed = yMin !== null || yMax !== null;
  const yDomain = useMemo(
    () => [yMin ?? 'auto', yMax ?? 'auto'] as [number | 'auto', number | 'auto'],
    [yMin, yMax],
  );

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
      stroke="var(--border)"
      tick={TICK}
      minTickGap={8}
    />,
    <YAxis
      key="y"
      domain={yDomain}
      allowDataOverflow={fixed}
      width={52}
      stroke="var(--border)"
      tick={TICK}
      tickFormatter={(v: number) => formatNumber(v, null)}
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
