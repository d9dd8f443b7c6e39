// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { entry } from '../kit/test-utils';
import { formatTemplate } from './format-template';
import { readNodeRedFormat } from '../kit/node-red-format';
import { textWidget } from './index';
import { RAW_MAX_CHARS, textSchema, type TextConfig } from './schema';
import { TextView } from './text-view';

afterEach(cleanup);

const publish = () => Promise.resolve();
const config = (over: Partial<TextConfig> = {}): TextConfig =>
  textSchema.parse({ label: 'Wohnzimmer', topic: 'home/temp', ...over });

/** The view inside a group named by its title, as the widget frame draws it. */
function show(c: TextConfig, payload?: string | Uint8Array) {
  const utils = render(
    <section role="group" aria-labelledby="l">
      <h3 id="l">{c.label}</h3>
      <TextView
        config={c}
        value={payload === undefined ? undefined : entry(payload, c.topic)}
        publish={publish}
        labelId="l"
      />
    </section>,
  );
  return { ...utils, group: screen.getByRole('group', { name: c.label }) };
}

const evil = '<img src=x onerror="window.__pwned=1">';
const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x81]);

describe('formatTemplate', () => {
  it('puts the value in place of {value}, formatted with the default decimals', () => {
    expect(formatTemplate('', 21.456, null)).toBe('21.456');
    expect(formatTemplate('', 21.456, 1)).toBe('21.5');
    expect(formatTemplate('Temp: {value} now', 21, 2)).toBe('Temp: 21.00 now');
    expect(formatTemplate('{value}/{value}', 'a', null)).toBe('a/a');
  });

  it('uses the decimals a placeholder asks for', () => {
    expect(formatTemplate('{value|1} °C', 21.46, null)).toBe('21.5 °C');
    expect(formatTemplate('{value|0}', 21.6, 3)).toBe('22');
    expect(formatTemplate('{ value | 2 }', 3, null)).toBe('3.00');
  });

  it('puts text in as it is, and leaves other braces alone', () => {
    expect(formatTemplate('{value|1}', 'open', null)).toBe('open');
    expect(formatTemplate('{other} {value', 'x', null)).toBe('{other} {value');
    expect(formatTemplate('<b>{value}</b>', evil, null)).toBe(`<b>${evil}</b>`);
  });
});

describe('text schema', () => {
  it('defaults to showing the value centred, as sent', () => {
    expect(textSchema.parse({})).toMatchObject({
      label: 'Text',
      topic: '',
      qos: 0,
      valuePath: '',
      mode: 'auto',
      prefix: '',
      suffix: '',
      unit: '',
      decimals: null,
      format: '',
      align: 'center',
      staleAfter: null,
    });
  });

  it('refuses a malformed filter and bad decimals', () => {
    expect(textSchema.safeParse({ topic: 'a/#/b' }).success).toBe(false);
    expect(textSchema.safeParse({ decimals: 1.5 }).success).toBe(false);
    expect(textSchema.safeParse({ align: 'justify' }).success).toBe(false);
  });

  it('subscribes to its topic only when one is set', () => {
    expect(textWidget.subscriptions(config({ qos: 1 }))).toEqual([{ topic: 'home/temp', qos: 1 }]);
    expect(textWidget.subscriptions(config({ topic: '' }))).toEqual([]);
    expect(textWidget.stateTopic!(config())).toBe('home/temp');
    expect(textWidget.staleAfter!(config({ staleAfter: 60 }))).toBe(60);
  });

  it('converts Node-RED ui_text nodes', () => {
    const template = (f: string) => readNodeRedFormat(f).template;
    expect(template('{{msg.payload}}')).toBe('');
    expect(template('{{msg.payload | number:1}} °C')).toBe('{value|1} °C');
    expect(template('Status: {{value}}')).toBe('Status: {value}');
    expect(readNodeRedFormat('{{msg.payload.humidity}} %')).toMatchObject({
      valuePath: 'humidity',
      template: '{value} %',
      lost: [],
    });
    const c = textWidget.nodeRed!.convert({
      node: { label: 'Status', format: '{{msg.payload}}', layout: 'row-spread' },
      subscribeTo: { topic: 'a/b', qos: 2, valuePath: '', decimals: null, label: '' },
    });
    expect(textSchema.parse(c)).toMatchObject({
      label: 'Status',
      topic: 'a/b',
      qos: 2,
      format: '',
      align: 'right',
    });
  });
});

describe('text view', () => {
  it('shows a number with prefix, unit and suffix inside its group', () => {
    const { group } = show(
      config({ prefix: 'ca.', unit: '°C', suffix: 'inside', decimals: 1 }),
      '21.46',
    );
    const g = within(group);
    expect(g.getByText('21.5')).toBeTruthy();
    expect(g.getByText('°C')).toBeTruthy();
    expect(g.getByText('ca.')).toBeTruthy();
    expect(g.getByText('inside')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('applies the format template', () => {
    const { group } = show(config({ format: 'Now {value|1}' }), '7.25');
    expect(within(group).getByText('Now 7.3')).toBeTruthy();
  });

  it('reads a JSON value path; text and booleans are shown as they are', () => {
    show(config({ valuePath: 'state.mode' }), '{"state":{"mode":"eco"}}');
    expect(screen.getByText('eco')).toBeTruthy();
    cleanup();
    show(config({ valuePath: 'on' }), '{"on":true}');
    expect(screen.getByText('true')).toBeTruthy();
    cleanup();
    show(config(), '"quoted"');
    expect(screen.getByText('quoted')).toBeTruthy();
  });

  it('says when no value has arrived yet', () => {
    show(config(), undefined);
    expect(screen.getByText('No value yet')).toBeTruthy();
  });

  it('aligns as configured', () => {
    const { container } = show(config({ align: 'right' }), 'x');
    expect(container.querySelector('.text-value--right')).not.toBeNull();
  });

  it('in number mode shows a non-number as invalid, with the raw text', () => {
    show(config({ mode: 'number' }), 'warm');
    const toggle = screen.getByRole('button', { name: /invalid value/i });
    fireEvent.click(toggle);
    expect(screen.getByText('warm')).toBeTruthy();
    expect(screen.getByText('not a number')).toBeTruthy();
  });

  it('in raw mode shows the payload literally, over several lines', () => {
    const json = '{\n  "a": 1,\n  "b": "<b>x</b>"\n}';
    const { container } = show(config({ mode: 'raw', valuePath: 'a' }), json);
    const pre = screen.getByRole('region', { name: 'Wohnzimmer' }); // scrollable by keyboard
    expect(pre.tabIndex).toBe(0);
    expect(pre.textContent).toBe(json);
    expect(container.querySelector('b')).toBeNull();
  });

  it('in raw mode cuts a 1 MB payload and says how much is left', () => {
    const big = 'x'.repeat(1_000_000);
    const { container } = show(config({ mode: 'raw' }), big);
    const pre = container.querySelector('pre')!;
    expect(pre.textContent!.length).toBeLessThan(RAW_MAX_CHARS + 100);
    expect(pre.textContent).toMatch(/more characters/);
  });
});

describe('text view with bad input', () => {
  const modes = ['auto', 'number', 'raw'] as const;
  const cases: Array<[string, string | Uint8Array]> = [
    ['non-numeric text', 'warm'],
    ['invalid JSON', '{"temp": 21.5'],
    ['binary bytes', binary],
    ['an empty payload', ''],
    ['a 1 MB payload', '9'.repeat(1_000_000)],
    ['unicode', 'Größe 🌡️ 温度'],
    ['HTML/script', evil],
  ];

  for (const mode of modes) {
    for (const [name, payload] of cases) {
      it(`${mode} mode survives ${name}, without HTML`, () => {
        const { container, group } = show(config({ mode }), payload);
        expect(group.textContent!.length).toBeGreaterThan(0);
        expect(container.querySelector('img, script')).toBeNull();
      });
    }
  }

  it('shows text literally in auto mode: unicode and HTML', () => {
    show(config(), 'Größe 🌡️ 温度');
    expect(screen.getByText('Größe 🌡️ 温度')).toBeTruthy();
    cleanup();
    show(config(), evil);
    expect(screen.getByText(evil)).toBeTruthy();
  });

  it('shows invalid for binary in auto and number mode, and its bytes in raw mode', () => {
    show(config(), binary);
    expect(screen.getByRole('button', { name: /invalid value/i }).title).toMatch(/binary/);
    cleanup();
    show(config({ mode: 'number' }), binary);
    expect(screen.getByRole('button', { name: /invalid value/i })).toBeTruthy();
    cleanup();
    const { container } = show(config({ mode: 'raw' }), binary);
    expect(container.querySelector('pre')!.textContent).toBe('binary, 4 bytes: ff fe 00 81');
  });

  it('shows an empty payload and JSON null as no value, in every mode but raw', () => {
    show(config(), '');
    expect(screen.getByText('No value (empty payload)')).toBeTruthy();
    cleanup();
    show(config({ mode: 'number' }), '');
    expect(screen.getByText('No value (empty payload)')).toBeTruthy();
    cleanup();
    // A JSON null is no value: never "null °C".
    show(config({ unit: '°C' }), 'null');
    expect(screen.getByText('No value (null)')).toBeTruthy();
    expect(screen.queryByText('°C')).toBeNull();
    cleanup();
    show(config({ valuePath: 'temp', unit: '°C' }), '{"temp": null}');
    expect(screen.getByText('No value (null)')).toBeTruthy();
    cleanup();
    show(config({ valuePath: 'msg' }), '{"msg": ""}');
    expect(screen.getByText('(empty)')).toBeTruthy();
    cleanup();
    show(config({ mode: 'raw' }), '');
    expect(screen.getByText('(empty payload)')).toBeTruthy();
  });

  it('shows invalid JSON as invalid when a value path needs JSON', () => {
    show(config({ valuePath: 'temp' }), '{"temp": 21.5');
    expect(screen.getByRole('button', { name: /invalid value/i }).title).toMatch(/not JSON/);
  });

  it('shows digits too large for a number as sent, not as ∞', () => {
    const { group } = show(config(), '9'.repeat(400));
    expect(group.textContent).not.toMatch(/∞/);
    expect(group.textContent).toMatch(/9{400}/);
  });

  it('cuts a 1 MB text value', () => {
    const { group } = show(config(), 'y'.repeat(1_000_000));
    expect(group.textContent!.length).toBeLessThan(3000);
  });
});
