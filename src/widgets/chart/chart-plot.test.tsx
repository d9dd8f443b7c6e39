// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChartPlot } from './chart-plot';
import type { ChartPlotProps } from './chart-view';
import { timeTicks } from './time-axis';
import { valueAxis } from './value-axis';

afterEach(cleanup);

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const window = { start: T0 - 600_000, end: T0 };
const props = (over: Partial<ChartPlotProps> = {}): ChartPlotProps => ({
  rows: [
    { t: T0 - 500_000, s0: 1, s1: 5 },
    { t: T0 - 300_000, s0: 3 },
    { t: T0 - 100_000, s0: 2, s1: 4 },
  ],
  lines: [
    { key: 's0', label: 'a', color: '#1f6feb', topic: 'a', last: 2 },
    { key: 's1', label: 'b', color: '#e8590c', topic: 'b', last: 4 },
  ],
  kind: 'line',
  window,
  ticks: timeTicks(window, 300),
  yAxis: valueAxis({ min: 1, max: 5 }, { min: null, max: null }, 140),
  unit: '°C',
  width: 300,
  height: 180,
  ...over,
});

// recharts draws only partly in happy-dom (no layout): these check that each style mounts
// with real recharts and gives an SVG of the requested size, not recharts' drawing itself.
describe('chart plot (recharts)', () => {
  it.each(['line', 'step', 'area'] as const)('mounts a %s chart', (kind) => {
    const { container } = render(
      <ChartPlot {...props({ kind, yAxis: valueAxis(null, { min: 0, max: 10 }, 140) })} />,
    );
    const svg = container.querySelector('svg.recharts-surface');
    expect(svg).not.toBeNull();
    expect(svg?.getAttribute('width')).toBe('300');
    expect(svg?.getAttribute('height')).toBe('180');
    // Nothing focusable inside the chart's role="img".
    expect(container.querySelector('[tabindex]:not([tabindex="-1"])')).toBeNull();
  });

  it('draws a grid line at each y tick and nowhere else', () => {
    const yAxis = valueAxis({ min: 18.8, max: 20.3 }, { min: null, max: null }, 200);
    const { container } = render(<ChartPlot {...props({ yAxis, height: 238 })} />);
    const lines = container.querySelectorAll('.recharts-cartesian-grid-horizontal line');
    expect(lines).toHaveLength(yAxis.ticks.length);
  });

  it('mounts with no rows', () => {
    const { container } = render(<ChartPlot {...props({ rows: [] })} />);
    expect(container.querySelector('svg')).not.toBeNull();
  });
});
