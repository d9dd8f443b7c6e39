// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { entry } from '../test-utils';
import { GaugeView } from './gauge-view';
import { gaugeSchema, gaugeSectors, type GaugeConfig } from './schema';

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
