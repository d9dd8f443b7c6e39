// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { entry } from '../kit/test-utils';
import { GaugeView } from './gauge-view';
import { gaugeWidget } from './index';
import {
  cardinal,
  gaugeRange,
  gaugeSchema,
  gaugeSectors,
  gaugeVariants,
  sectorColor,
  wrapDegrees,
  type GaugeConfig,
  type GaugeVariant,
} from './schema';

afterEach(cleanup);

const config = (over: Partial<GaugeConfig> = {}): GaugeConfig =>
  gaugeSchema.parse({ title: 'Temperatur', topic: 't', unit: '°C', ...over });
const publish = () => Promise.resolve();

describe('gauge schema', () => {
  it('has Node-RED-like defaults', () => {
    const c = gaugeSchema.parse({});
    expect(c).toMatchObject({
      min: 0,
      max: 100,
      colors: ['#00b500', '#e6e600', '#ca3838'],
      decimals: null,
    });
    expect(gaugeSectors(c)).toEqual([100 / 3, 200 / 3, 100]);
  });

  it('uses configured sector limits', () => {
    expect(gaugeSectors(config({ min: 10, max: 30, seg1: 18, seg2: 25 }))).toEqual([18, 25, 30]);
  });

  it('refuses sector limits outside the range or out of order', () => {
    expect(gaugeSchema.safeParse({ seg1: 150 }).success).toBe(false);
    expect(gaugeSchema.safeParse({ seg1: 60, seg2: 40 }).success).toBe(false);
    expect(gaugeSchema.safeParse({ min: 5, max: 5 }).success).toBe(false);
    expect(gaugeSchema.safeParse({ topic: 'a/#/b' }).success).toBe(false);
  });
});

describe('gauge view', () => {
  it('is a meter named by its title, with the value and unit', () => {
    render(<GaugeView config={config()} value={entry('21.5')} publish={publish} labelId="l" />);
    const meter = screen.getByRole('meter', { name: 'Temperatur' });
    expect(meter.getAttribute('aria-valuenow')).toBe('21.5');
    expect(meter.getAttribute('aria-valuemin')).toBe('0');
    expect(meter.getAttribute('aria-valuemax')).toBe('100');
    expect(meter.getAttribute('aria-valuetext')).toBe('21.5 °C');
    expect(screen.getByText('21.5')).toBeTruthy();
  });

  it('has no aria-valuenow before the first value', () => {
    render(<GaugeView config={config()} value={undefined} publish={publish} labelId="l" />);
    const meter = screen.getByRole('meter', { name: 'Temperatur' });
    expect(meter.hasAttribute('aria-valuenow')).toBe(false);
    expect(meter.getAttribute('aria-valuetext')).toBe('no value yet');
  });

  it('shows an invalid state with the raw text, as text, for a non-number', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const { container } = render(
      <GaugeView config={config()} value={entry(evil)} publish={publish} labelId="l" />,
    );
    const meter = screen.getByRole('meter', { name: 'Temperatur' });
    expect(meter.hasAttribute('aria-valuenow')).toBe(false);
    expect(meter.getAttribute('aria-valuetext')).toBe('invalid value');
    const toggle = screen.getByRole('button', { name: /invalid value/i });
    expect(toggle.getAttribute('title')).toContain(evil);
    fireEvent.click(toggle);
    expect(screen.getByText(evil)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('reads a JSON value path', () => {
    render(
      <GaugeView
        config={config({ valuePath: 'sensor.values[1]' })}
        value={entry('{"sensor":{"values":[1, 23.4]}}')}
        publish={publish}
        labelId="l"
      />,
    );
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('23.4');
  });

  it('shows the true number beyond max, saying so', () => {
    render(<GaugeView config={config()} value={entry('120')} publish={publish} labelId="l" />);
    const meter = screen.getByRole('meter');
    expect(meter.getAttribute('aria-valuenow')).toBe('120');
    expect(meter.getAttribute('aria-valuetext')).toBe('120 °C (above maximum)');
    expect(screen.getByText('120')).toBeTruthy();
  });

  it('rounds to the configured decimals', () => {
    render(
      <GaugeView
        config={config({ decimals: 1 })}
        value={entry('21.46')}
        publish={publish}
        labelId="l"
      />,
    );
    expect(screen.getByRole('meter').getAttribute('aria-valuetext')).toBe('21.5 °C');
  });
});

const renderGauge = (c: GaugeConfig, payload?: string | Uint8Array) =>
  render(
    <GaugeView
      config={c}
      value={payload === undefined ? undefined : entry(payload)}
      publish={publish}
      labelId="l"
    />,
  );
const meter = () => screen.getByRole('meter', { name: 'Temperatur' });
const aria = (name: string) => meter().getAttribute(`aria-${name}`);

describe('gauge variants: schema and helpers', () => {
  it('defaults to the arc, and refuses an unknown variant', () => {
    expect(gaugeSchema.parse({}).variant).toBe('arc');
    expect(gaugeSchema.safeParse({ variant: 'wave' }).success).toBe(false);
    expect(gaugeWidget.fields.find((f) => f.key === 'variant')).toMatchObject({ kind: 'select' });
  });

  it('gives a compass a full turn whatever min and max say', () => {
    expect(gaugeRange(config({ min: 10, max: 30 }))).toEqual({ min: 10, max: 30 });
    expect(gaugeRange(config({ variant: 'compass', min: 10, max: 30 }))).toEqual({
      min: 0,
      max: 360,
    });
  });

  it('wraps bearings modulo 360 and names the nearest compass point', () => {
    expect([0, 10, 360, 370, -90, -360, 725.5, -0].map(wrapDegrees)).toEqual([
      0, 10, 0, 10, 270, 0, 5.5, 0,
    ]);
    expect(Object.is(wrapDegrees(-360), 0)).toBe(true); // never "-0"
    expect([0, 22, 23, 90, 180, 200, 270, 337, 338, 359].map(cardinal)).toEqual([
      'N',
      'N',
      'NE',
      'E',
      'S',
      'S',
      'W',
      'NW',
      'N',
      'N',
    ]);
  });

  it('colours by the sector the value is in', () => {
    const c = config({ seg1: 20, seg2: 40, colors: ['#000001', '#000002', '#000003'] });
    expect([0, 20, 20.1, 40, 41, 100].map((v) => sectorColor(c, v))).toEqual([
      '#000001',
      '#000001',
      '#000002',
      '#000002',
      '#000003',
      '#000003',
    ]);
  });

  it('imports Node-RED gauge types as variants', () => {
    const convert = (gtype: string) =>
      gaugeSchema.parse(gaugeWidget.nodeRed!.convert({ node: { title: 'T', gtype } })).variant;
    expect(['gage', 'donut', 'compass', 'wave', 'other'].map(convert)).toEqual([
      'arc',
      'donut',
      'compass',
      'level',
      'arc',
    ]);
  });
});

describe.each(gaugeVariants.filter((v) => v !== 'compass'))('%s gauge', (variant) => {
  const c = (over: Partial<GaugeConfig> = {}) => config({ variant, ...over });

  it('is a meter named by its title, with the value and unit', () => {
    renderGauge(c(), '21.5');
    expect(aria('valuenow')).toBe('21.5');
    expect(aria('valuemin')).toBe('0');
    expect(aria('valuemax')).toBe('100');
    expect(aria('valuetext')).toBe('21.5 °C');
    expect(screen.getByText('21.5')).toBeTruthy();
  });

  it('uses the configured range', () => {
    renderGauge(c({ min: -20, max: 40 }), '5');
    expect([aria('valuemin'), aria('valuemax'), aria('valuenow')]).toEqual(['-20', '40', '5']);
  });

  it('has no aria-valuenow before the first value', () => {
    const { container } = renderGauge(c());
    expect(meter().hasAttribute('aria-valuenow')).toBe(false);
    expect(aria('valuetext')).toBe('no value yet');
    expect(container.querySelector('.gauge--empty')).not.toBeNull();
  });

  it('shows the true number beyond max and below min, saying so', () => {
    renderGauge(c(), '120');
    expect(aria('valuenow')).toBe('120');
    expect(aria('valuetext')).toBe('120 °C (above maximum)');
    expect(screen.getByText('120')).toBeTruthy();
    cleanup();
    renderGauge(c(), '-7');
    expect(aria('valuenow')).toBe('-7');
    expect(aria('valuetext')).toBe('-7 °C (below minimum)');
  });
});

/** The fill drawn by a donut or a level gauge: how full (0–1) and in which colour. */
function fill(container: HTMLElement, variant: GaugeVariant): { fraction: number; color: string } {
  if (variant === 'donut') {
    const ring = container.querySelector('.gauge__ring')!;
    const [dash, total] = ring.getAttribute('stroke-dasharray')!.split(' ').map(Number);
    return { fraction: dash! / total!, color: ring.getAttribute('stroke')! };
  }
  const tank = container.querySelector<HTMLElement>('.gauge__tank-fill')!;
  return { fraction: parseFloat(tank.style.height) / 100, color: tank.style.background };
}

describe.each(['donut', 'level'] as const)('%s fill', (variant) => {
  const c = config({ variant, colors: ['#00b500', '#e6e600', '#ca3838'] });
  const colorOf = (css: string) =>
    css.startsWith('#')
      ? css
      : '#' +
        (css.match(/\d+/g) ?? []).map((n) => Number(n).toString(16).padStart(2, '0')).join('');

  it.each([
    ['10', 0.1, '#00b500'],
    ['50', 0.5, '#e6e600'],
    ['90', 0.9, '#ca3838'],
    ['150', 1, '#ca3838'], // pinned full, the number stays 150
    ['-30', 0, '#00b500'], // pinned empty
  ])('fills to %s in the sector’s colour', (payload, fraction, color) => {
    const { container } = renderGauge(c, payload);
    const f = fill(container, variant);
    expect(f.fraction).toBeCloseTo(fraction, 5);
    expect(colorOf(f.color)).toBe(color);
    expect(aria('valuenow')).toBe(payload);
  });
});

describe('compass gauge', () => {
  const c = (over: Partial<GaugeConfig> = {}) => config({ variant: 'compass', unit: '°', ...over });
  const needle = (container: HTMLElement) =>
    container.querySelector<SVGGElement>('.gauge__compass-needle')!.style.transform;

  it('is a 0–360 meter with the bearing and its compass point', () => {
    const { container } = renderGauge(c({ min: 10, max: 30 }), '270');
    expect([aria('valuemin'), aria('valuemax'), aria('valuenow')]).toEqual(['0', '360', '270']);
    expect(aria('valuetext')).toBe('270 ° (W)');
    expect(container.querySelector('.gauge__cardinal')?.textContent).toBe('W');
    expect(needle(container)).toBe('rotate(270deg)');
    const points = [...container.querySelectorAll('.gauge__point')].map((p) => p.textContent);
    expect(points).toEqual(['N', 'E', 'S', 'W']);
  });

  it.each([
    ['370', '10', 'N'],
    ['-90', '270', 'W'],
    ['720', '0', 'N'],
    ['135', '135', 'SE'],
  ])('wraps %s to %s', (payload, wrapped, point) => {
    renderGauge(c(), payload);
    expect(aria('valuenow')).toBe(wrapped);
    expect(aria('valuetext')).toBe(`${wrapped} ° (${point})`);
  });

  it('turns the needle the short way round', () => {
    const { container, rerender } = renderGauge(c(), '350');
    expect(needle(container)).toBe('rotate(350deg)');
    rerender(<GaugeView config={c()} value={entry('10', 't', 2)} publish={publish} labelId="l" />);
    expect(needle(container)).toBe('rotate(370deg)'); // +20°, not −340°
    rerender(<GaugeView config={c()} value={entry('300', 't', 3)} publish={publish} labelId="l" />);
    expect(needle(container)).toBe('rotate(300deg)'); // −70°
  });
});

describe.each(gaugeVariants)('%s gauge with bad input', (variant) => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const bad: Array<[string, string | Uint8Array]> = [
    ['non-numeric text', 'abc'],
    ['invalid JSON', '{"temp": '],
    ['binary (not UTF-8)', new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28])],
    ['1 MB', 'x'.repeat(1024 * 1024)],
    ['unicode', 'Grüße 🌡️ 温度 \u202e'],
    ['HTML and script', evil],
    ['JSON with HTML inside', JSON.stringify({ temp: evil })],
  ];

  it.each(bad)('shows %s as an invalid value, as text', (_name, payload) => {
    const c = config({ variant, valuePath: _name === 'JSON with HTML inside' ? 'temp' : '' });
    const { container } = renderGauge(c, payload);
    expect(meter().hasAttribute('aria-valuenow')).toBe(false);
    expect(aria('valuetext')).toBe('invalid value');
    fireEvent.click(screen.getByRole('button', { name: /invalid value/i }));
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it.each([
    ['an empty payload', '', 'empty payload'],
    ['JSON null', 'null', 'null'],
  ])('shows %s as no value, not as a zero', (_name, payload, reason) => {
    const { container } = renderGauge(config({ variant, unit: '°C' }), payload);
    expect(meter().hasAttribute('aria-valuenow')).toBe(false);
    expect(aria('valuetext')).toBe(`no value (${reason})`);
    expect(container.querySelector('.gauge--empty')).not.toBeNull();
    expect(screen.queryByText('°C')).toBeNull();
    expect(screen.queryByRole('button', { name: /invalid value/i })).toBeNull();
  });
});

describe('gauge before any value', () => {
  it('draws no compass needle until a bearing arrives', () => {
    const { container, rerender } = render(
      <GaugeView
        config={config({ variant: 'compass' })}
        value={undefined}
        publish={publish}
        labelId="l"
      />,
    );
    expect(container.querySelector('.gauge__compass-needle')).toBeNull();
    rerender(
      <GaugeView
        config={config({ variant: 'compass' })}
        value={entry('90', 't', 1)}
        publish={publish}
        labelId="l"
      />,
    );
    expect(container.querySelector('.gauge__compass-needle')).not.toBeNull();
  });
});
