// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { entry } from '../kit/test-utils';
import { indicatorWidget } from './index';
import { IndicatorView, ledState } from './indicator-view';
import { readRuleInput } from '../kit/rules';
import { indicatorSchema, NEUTRAL_COLOR, type IndicatorConfig } from './schema';

afterEach(cleanup);

const publish = () => Promise.resolve();
const RED = '#c9372c';
const GREEN = '#1a7f37';

const config = (over: Partial<IndicatorConfig> = {}): IndicatorConfig =>
  indicatorSchema.parse({
    label: 'Heizung',
    topic: 'home/heating',
    rules: [
      { op: '=', value: 'on', color: GREEN, text: 'On' },
      { op: '>', value: '30', color: RED, text: 'Hot' },
      { op: '=', value: 'off', color: NEUTRAL_COLOR, text: 'Off' },
    ],
    ...over,
  });

function show(c: IndicatorConfig, payload?: string | Uint8Array) {
  const utils = render(
    <IndicatorView
      config={c}
      value={payload === undefined ? undefined : entry(payload, c.topic)}
      publish={publish}
      labelId="l"
    />,
  );
  return { ...utils, led: screen.getByRole('img') };
}

const dotColor = (led: HTMLElement) => led.style.getPropertyValue('--led-color');
const evil = '<img src=x onerror="window.__pwned=1">';

describe('indicator schema', () => {
  it('defaults to on = green "On", otherwise grey "Off"', () => {
    const c = indicatorSchema.parse({});
    expect(c).toMatchObject({ label: 'Indicator', topic: '', qos: 0, valuePath: '' });
    expect(c.rules.at(0)).toEqual({ op: '=', value: 'on', color: GREEN, text: 'On' });
    expect(c.rules.at(-1)).toEqual({ op: 'else', value: '', color: NEUTRAL_COLOR, text: 'Off' });
  });

  it('fills rule defaults and refuses bad colours and operators', () => {
    expect(indicatorSchema.parse({ rules: [{}] }).rules).toEqual([
      { op: '=', value: '', color: GREEN, text: '' },
    ]);
    expect(indicatorSchema.safeParse({ rules: [{ color: 'red' }] }).success).toBe(false);
    expect(indicatorSchema.safeParse({ rules: [{ op: '~' }] }).success).toBe(false);
    expect(indicatorSchema.safeParse({ topic: 'a/#/b' }).success).toBe(false);
  });

  it('subscribes to its topic only when one is set', () => {
    expect(indicatorWidget.subscriptions(config({ qos: 2 }))).toEqual([
      { topic: 'home/heating', qos: 2 },
    ]);
    expect(indicatorWidget.subscriptions(config({ topic: '' }))).toEqual([]);
    expect(indicatorWidget.stateTopic!(config())).toBe('home/heating');
  });

  it('converts node-red-contrib-ui-led nodes', () => {
    const c = indicatorWidget.nodeRed!.convert({
      node: {
        label: 'Pump',
        colorForValue: [
          { color: 'red', value: 'false', valueType: 'bool' },
          { color: '#0f0', value: 'true', valueType: 'bool' },
        ],
      },
      subscribeTo: { topic: 'pump/state', qos: 1, valuePath: '', decimals: null, label: '' },
    });
    expect(indicatorSchema.parse(c)).toEqual({
      label: 'Pump',
      topic: 'pump/state',
      qos: 1,
      valuePath: '',
      staleAfter: null,
      rules: [
        { op: '=', value: 'false', color: RED, text: 'false' },
        { op: '=', value: 'true', color: '#00ff00', text: 'true' },
      ],
    });
  });
});

describe('indicator rules', () => {
  it('reads text and number at a value path', () => {
    const p = entry('{"s":{"v":"on","t":31}}').payload;
    expect(readRuleInput(p, 's.v')).toEqual({ ok: true, value: { text: 'on', number: null } });
    expect(readRuleInput(p, 's.t')).toEqual({ ok: true, value: { text: '31', number: 31 } });
    expect(readRuleInput(entry(' on\n').payload, '')).toEqual({
      ok: true,
      value: { text: 'on', number: null },
    });
  });

  it('picks the first matching rule', () => {
    expect(ledState(config(), entry('on'))).toEqual({ color: GREEN, text: 'On' });
    expect(ledState(config(), entry('35'))).toEqual({ color: RED, text: 'Hot' });
    expect(ledState(config(), entry('off'))).toEqual({ color: NEUTRAL_COLOR, text: 'Off' });
  });

  it('shows the value itself when the matching rule has no text', () => {
    const c = config({ rules: [{ op: 'contains', value: 'alarm', color: RED, text: '' }] });
    expect(ledState(c, entry('fire alarm'))).toEqual({ color: RED, text: 'fire alarm' });
  });

  it('is neutral grey with the raw value when nothing matches', () => {
    expect(ledState(config(), entry('25'))).toEqual({ color: NEUTRAL_COLOR, text: '25' });
  });
});

describe('indicator view', () => {
  it('is an image named "<title>: <text>", coloured by the matching rule', () => {
    const { led } = show(config(), '35');
    expect(screen.getByRole('img', { name: 'Heizung: Hot' })).toBe(led);
    expect(dotColor(led)).toBe(RED);
    expect(screen.getByText('Hot')).toBeTruthy();
  });

  it('says when nothing arrived yet', () => {
    const { led } = show(config(), undefined);
    expect(led.getAttribute('aria-label')).toBe('Heizung: No value yet');
    expect(dotColor(led)).toBe(NEUTRAL_COLOR);
  });

  it('reads a JSON value path', () => {
    show(config({ valuePath: 'state' }), '{"state":"on"}');
    expect(screen.getByRole('img', { name: 'Heizung: On' })).toBeTruthy();
  });

  it('shows an unmatched value as text, not HTML', () => {
    const { led, container } = show(config(), evil);
    expect(led.getAttribute('aria-label')).toBe(`Heizung: ${evil}`);
    expect(screen.getByText(evil)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('indicator view with bad input', () => {
  const cases: Array<[string, string | Uint8Array, string]> = [
    ['non-numeric text', 'warm', 'Heizung: warm'],
    ['invalid JSON', '{"state": "on"', 'Heizung: {"state": "on"'],
    ['unicode', 'Größe 🌡️ 温度', 'Heizung: Größe 🌡️ 温度'],
    ['HTML/script', evil, `Heizung: ${evil}`],
  ];
  for (const [name, payload, label] of cases) {
    it(`shows ${name} in neutral grey with the value`, () => {
      const { led, container } = show(config(), payload);
      expect(led.getAttribute('aria-label')).toBe(label);
      expect(dotColor(led)).toBe(NEUTRAL_COLOR);
      expect(container.querySelector('img, script')).toBeNull();
    });
  }

  it('shows an empty payload and JSON null as no value: hollow, grey, never a match', () => {
    for (const payload of ['', 'null']) {
      const { led, unmount } = show(config(), payload);
      expect(led.getAttribute('aria-label')).toMatch(/^Heizung: No value/);
      expect(led.className).toContain('indicator__led--waiting');
      expect(dotColor(led)).toBe(NEUTRAL_COLOR);
      unmount();
    }
  });

  it('cuts a 1 MB payload to one readable line', () => {
    const { led } = show(config(), 'z'.repeat(1_000_000));
    expect(led.getAttribute('aria-label')!.length).toBeLessThan(200);
    expect(led.textContent!.length).toBeLessThan(200);
  });

  it('shows binary bytes as invalid, with the bytes on tap', () => {
    const { led } = show(config(), new Uint8Array([0xff, 0xfe, 0x00]));
    expect(led.getAttribute('aria-label')).toBe('Heizung: Invalid value');
    fireEvent.click(screen.getByRole('button', { name: /invalid value/i }));
    expect(screen.getByText('binary, 3 bytes: ff fe 00')).toBeTruthy();
  });

  it('shows invalid JSON as invalid when a value path needs JSON', () => {
    const { led } = show(config({ valuePath: 'state' }), '{"state": "on"');
    expect(led.getAttribute('aria-label')).toBe('Heizung: Invalid value');
    expect(screen.getByRole('button', { name: /invalid value/i }).title).toMatch(/not JSON/);
  });
});
