// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import { decodePayload } from '@/mqtt/payload';
import { entry, spoken } from '../kit/test-utils';
import {
  formatColor,
  parseColorText,
  readableOn,
  readColor,
  renderColorPayload,
  toHex,
  type ColorFormat,
  type Rgb,
} from './color';
import { ColorPickerView } from './color-picker-view';
import { colorPickerWidget } from './index';
import { colorPickerSchema, type ColorPickerConfig } from './schema';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const TOPIC = 'home/lamp/color';
const ORANGE: Rgb = { r: 255, g: 136, b: 0 };

const config = (over: Partial<ColorPickerConfig> = {}) =>
  colorPickerSchema.parse({ label: 'Lampe', topic: TOPIC, ...over });

const read = (payload: string | Uint8Array, path = '') => {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return spoken(readColor(decodePayload(bytes), path));
};

function renderPicker(c: ColorPickerConfig, value: ReturnType<typeof entry> | undefined) {
  const publish = vi.fn<Publish>(() => Promise.resolve());
  const view = (v: ReturnType<typeof entry> | undefined) => (
    <>
      <span id="label">{c.label}</span>
      <ColorPickerView config={c} value={v} publish={publish} labelId="label" />
    </>
  );
  const utils = render(view(value));
  const input = screen.getByLabelText(c.label) as HTMLInputElement;
  const swatch = utils.container.querySelector('output')!;
  return {
    ...utils,
    publish,
    input,
    swatch,
    rerenderWith: (v: typeof value) => utils.rerender(view(v)),
  };
}

/** The user moving through colours in the picker (input events), then closing it (change). */
const pick = (input: HTMLInputElement, hex: string) =>
  fireEvent.input(input, { target: { value: hex } });
const commit = (input: HTMLInputElement) =>
  input.dispatchEvent(new Event('change', { bubbles: true }));

describe('colour parsing and formatting', () => {
  it('reads hex, r,g,b, rgb(…) and JSON objects', () => {
    for (const text of [
      '#ff8800',
      '#FF8800',
      'ff8800',
      '  #ff8800 ',
      '#f80',
      '255,136,0',
      '255, 136, 0',
      'rgb(255, 136, 0)',
      'rgb(255 136 0)',
      'RGBA(255,136,0,0.5)',
      'rgb(255 136 0 / 50%)',
    ]) {
      expect(parseColorText(text), text).toEqual(ORANGE);
    }
    expect(read('{"r":255,"g":136,"b":0}')).toEqual({ ok: true, rgb: ORANGE });
    expect(read('{"r":"255","g":136,"b":0,"a":1}')).toEqual({ ok: true, rgb: ORANGE });
    expect(read('"#ff8800"')).toEqual({ ok: true, rgb: ORANGE });
    expect(read('123456')).toEqual({ ok: true, rgb: { r: 0x12, g: 0x34, b: 0x56 } });
  });

  it('reads through a value path', () => {
    expect(read('{"state":{"color":{"r":255,"g":136,"b":0}}}', 'state.color')).toEqual({
      ok: true,
      rgb: ORANGE,
    });
    expect(read('{"color":"255,136,0"}', 'color')).toEqual({ ok: true, rgb: ORANGE });
    expect(read('{"color":"#ff8800"}', 'colour')).toMatchObject({
      ok: false,
      reason: 'no value at “colour”',
    });
    expect(read('#ff8800', 'color')).toMatchObject({ ok: false, reason: 'not JSON' });
    expect(read('{"a":1}', 'a[')).toMatchObject({ ok: false, reason: 'invalid value path “a[”' });
  });

  it('refuses what is not a colour', () => {
    for (const text of [
      '',
      'orange',
      '#ff88',
      '#ggg',
      '255',
      '256,0,0',
      '-1,0,0',
      '1,2',
      '1,2,3,4',
      'rgb(1,2)',
      '#ff8800; drop',
    ]) {
      expect(parseColorText(text), text).toBeNull();
    }
    for (const json of [
      '{"r":300,"g":0,"b":0}',
      '{"r":1,"g":2}',
      '[255,136,0]',
      'null',
      'true',
      '{"r":"x","g":0,"b":0}',
    ]) {
      expect(read(json), json).toMatchObject({ ok: false });
    }
  });

  it('formats each output format', () => {
    expect(formatColor(ORANGE, 'hex')).toBe('#ff8800');
    expect(formatColor(ORANGE, 'rgb')).toBe('255,136,0');
    expect(formatColor(ORANGE, 'json')).toBe('{"r":255,"g":136,"b":0}');
    expect(toHex({ r: 0, g: 10, b: 255 })).toBe('#000aff');
  });

  it('round-trips every format through the state reader', () => {
    const colors: Rgb[] = [
      { r: 0, g: 0, b: 0 },
      { r: 255, g: 255, b: 255 },
      ORANGE,
      { r: 1, g: 2, b: 3 },
      { r: 18, g: 52, b: 86 },
    ];
    for (let i = 0; i < 50; i++) {
      colors.push({ r: (i * 37) % 256, g: (i * 101) % 256, b: (i * 211) % 256 });
    }
    for (const rgb of colors) {
      for (const format of ['hex', 'rgb', 'json'] as ColorFormat[]) {
        expect(read(formatColor(rgb, format))).toEqual({ ok: true, rgb });
      }
      expect(parseColorText(toHex(rgb))).toEqual(rgb);
    }
  });

  it('puts the colour into payload templates', () => {
    expect(renderColorPayload('', ORANGE, 'json')).toBe('{"r":255,"g":136,"b":0}');
    expect(renderColorPayload('{"color": {value}}', ORANGE, 'hex')).toBe('{"color": "#ff8800"}');
    expect(renderColorPayload('Color {value}', ORANGE, 'rgb')).toBe('Color 255,136,0');
    expect(renderColorPayload('rgb({value})', ORANGE, 'rgb')).toBe('rgb(255,136,0)');
    // JSON goes in as an object, so zigbee2mqtt-style templates stay valid JSON…
    const nested = renderColorPayload('{"color": {value}, "state": "ON"}', ORANGE, 'json');
    expect(JSON.parse(nested)).toEqual({ color: ORANGE, state: 'ON' });
    // …unless the template quotes the placeholder: then it is a JSON string.
    const quoted = renderColorPayload('{"color": "{value}"}', ORANGE, 'json');
    expect(JSON.parse(quoted)).toEqual({ color: '{"r":255,"g":136,"b":0}' });
  });

  it('picks readable text for the swatch', () => {
    expect(readableOn({ r: 255, g: 255, b: 255 })).toBe('#000000');
    expect(readableOn({ r: 255, g: 136, b: 0 })).toBe('#000000');
    expect(readableOn({ r: 0, g: 0, b: 0 })).toBe('#ffffff');
    expect(readableOn({ r: 0, g: 0, b: 255 })).toBe('#ffffff');
  });
});

describe('colour picker schema and definition', () => {
  it('defaults to hex, no template, QoS 0, not retained', () => {
    expect(colorPickerSchema.parse({})).toEqual({
      label: 'Colour',
      topic: '',
      stateTopic: '',
      valuePath: '',
      format: 'hex',
      payloadTemplate: '',
      qos: 0,
      retain: false,
      staleAfter: null,
    });
  });

  it('refuses a wildcard publish topic and an unknown format', () => {
    expect(colorPickerSchema.safeParse({ topic: 'a/+' }).success).toBe(false);
    expect(colorPickerSchema.safeParse({ stateTopic: 'a/#/b' }).success).toBe(false);
    expect(colorPickerSchema.safeParse({ format: 'hsl' }).success).toBe(false);
  });

  it('subscribes to the state topic, or else the publish topic, and to nothing without one', () => {
    const w = colorPickerWidget;
    expect(w.subscriptions(config({ qos: 1 }))).toEqual([{ topic: TOPIC, qos: 1 }]);
    expect(w.stateTopic?.(config({ stateTopic: 'home/lamp/+' }))).toBe('home/lamp/+');
    expect(w.subscriptions(config({ topic: '' }))).toEqual([]);
    expect(w.stateTopic?.(config({ topic: '' }))).toBeUndefined();
    expect(w.title(config())).toBe('Lampe');
    expect(w.staleAfter?.(config({ staleAfter: 60 }))).toBe(60);
    const keys = w.fields.map((f) => f.key).sort();
    expect(keys).toEqual(Object.keys(colorPickerSchema.parse({})).sort());
  });

  it('imports a Node-RED ui_colour_picker', () => {
    const convert = colorPickerWidget.nodeRed!.convert;
    const out = (node: Record<string, unknown>, extra = {}) =>
      colorPickerSchema.parse(
        convert({
          node,
          publishTo: { topic: 'lamp/set', qos: 1, retain: true },
          ...extra,
        }),
      );
    expect(out({ label: 'Lamp', format: 'hex' })).toMatchObject({
      label: 'Lamp',
      topic: 'lamp/set',
      stateTopic: '',
      format: 'hex',
      payloadTemplate: '',
      qos: 1,
      retain: true,
    });
    expect(out({ format: 'rgb', outformat: 'object' })).toMatchObject({ format: 'json' });
    expect(out({ format: 'rgb', outformat: 'string' })).toMatchObject({
      format: 'rgb',
      payloadTemplate: 'rgb({value})',
    });
    expect(out({ format: 'hsl' }, { subscribeTo: { topic: 'lamp/state', qos: 0 } })).toMatchObject({
      label: 'Colour',
      format: 'hex',
      stateTopic: 'lamp/state',
    });
  });
});

describe('colour picker view', () => {
  it('is a native colour input labelled by its title, with a swatch and the value as text', () => {
    const { input, swatch } = renderPicker(config(), entry('#ff8800', TOPIC));
    expect(input.type).toBe('color');
    expect(input.value).toBe('#ff8800');
    expect(swatch.textContent).toBe('#ff8800');
    expect(swatch.style.background).not.toBe('');
  });

  it('follows state in any format, shown in the configured one', () => {
    const c = config({ format: 'rgb' });
    const { input, swatch, rerenderWith } = renderPicker(c, entry('#ff8800', TOPIC, 1));
    expect(swatch.textContent).toBe('255,136,0');
    rerenderWith(entry('{"r":0,"g":128,"b":255}', TOPIC, 2));
    expect(input.value).toBe('#0080ff');
    expect(swatch.textContent).toBe('0,128,255');
    rerenderWith(entry('rgb(1, 2, 3)', TOPIC, 3));
    expect(input.value).toBe('#010203');
    rerenderWith(entry('10,20,30', TOPIC, 4));
    expect(input.value).toBe('#0a141e');
  });

  it('shows a dash before the first colour', () => {
    const { swatch, container } = renderPicker(config(), undefined);
    expect(swatch.textContent).toBe('—');
    expect(container.querySelector('.color-picker--empty')).not.toBeNull();
  });

  it.each([
    ['hex', '', '#ff8800'],
    ['rgb', '', '255,136,0'],
    ['json', '', '{"r":255,"g":136,"b":0}'],
    ['hex', '{"color": {value}}', '{"color": "#ff8800"}'],
    [
      'json',
      '{"color": {value}, "state": "ON"}',
      '{"color": {"r":255,"g":136,"b":0}, "state": "ON"}',
    ],
  ] as const)('publishes a pick as %s with template %j', (format, payloadTemplate, payload) => {
    const { input, publish } = renderPicker(
      config({ format, payloadTemplate, qos: 2, retain: true }),
      undefined,
    );
    pick(input, '#ff8800');
    commit(input);
    expect(publish.mock.calls).toEqual([[TOPIC, payload, { qos: 2, retain: true }]]);
  });

  it('sends at most every 100 ms while the colour changes, and the final colour always', () => {
    vi.useFakeTimers();
    const { input, publish } = renderPicker(config(), undefined);
    const sentAt: number[] = [];
    publish.mockImplementation(() => {
      sentAt.push(performance.now());
      return Promise.resolve();
    });
    // Dragging in the browser's picker: an input event every 10 ms for 290 ms.
    for (let i = 1; i <= 30; i++) {
      pick(input, toHex({ r: i, g: 0, b: 0 }));
      act(() => vi.advanceTimersByTime(10));
    }
    act(() => vi.advanceTimersByTime(500));
    const sent = publish.mock.calls.map((c) => c[1]);
    expect(sent[0]).toBe('#010000'); // the first change goes out at once
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < sentAt.length; i++) {
      expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(100);
    }
    expect(sent.at(-1)).toBe('#1e0000'); // the trailing send carries the newest colour

    // Closing the picker right after another change sends that final colour at once.
    pick(input, '#abcdef');
    pick(input, '#123456');
    commit(input);
    expect(publish.mock.calls.at(-1)?.[1]).toBe('#123456');
    const count = publish.mock.calls.length;
    act(() => vi.advanceTimersByTime(1000));
    expect(publish.mock.calls.length).toBe(count); // and nothing stale after it
  });

  it('does not send twice when the final colour was already sent', () => {
    const { input, publish } = renderPicker(config(), undefined);
    pick(input, '#00ff00');
    commit(input);
    expect(publish.mock.calls.map((c) => c[1])).toEqual(['#00ff00']);
  });

  it('keeps the user’s pick against echoes, and follows a new state message later', () => {
    const c = config();
    const now = Date.now();
    const { input, rerenderWith } = renderPicker(c, entry('#000000', TOPIC, now - 5000));
    pick(input, '#ff0000');
    pick(input, '#ff8800');
    rerenderWith(entry('#ff0000', TOPIC, Date.now() + 10)); // the echo of an intermediate pick
    expect(input.value).toBe('#ff8800');
    rerenderWith(entry('#00ff00', TOPIC, Date.now() + 10_000)); // the device, later
    expect(input.value).toBe('#00ff00');
  });

  it('says when it has no topic, and is disabled', () => {
    const { input } = renderPicker(config({ topic: '' }), undefined);
    expect(input.disabled).toBe(true);
    expect(screen.getByText('No topic set.')).toBeTruthy();
  });

  it('shows a send failure', async () => {
    const { input, publish } = renderPicker(config(), undefined);
    publish.mockImplementation(() => Promise.reject(new Error('offline')));
    pick(input, '#ff8800');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Not sent: offline');
  });
});

describe('colour picker with bad input', () => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const bad: Array<[string, string | Uint8Array, string]> = [
    ['non-colour text', 'orange', 'not a colour'],
    ['a number', '42', 'not a colour'],
    ['invalid JSON', '{"r": 255, ', 'not a colour'],
    ['out-of-range JSON', '{"r":256,"g":0,"b":0}', 'not a colour'],
    ['binary (not UTF-8)', new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28]), 'binary payload'],
    ['empty', '', 'empty payload'],
    ['1 MB', '#'.repeat(1024 * 1024), 'not a colour'],
    ['unicode', 'Grüße 🎨 颜色 \u202e', 'not a colour'],
    ['HTML and script', evil, 'not a colour'],
    ['JSON with HTML inside', JSON.stringify({ r: evil, g: 0, b: 0 }), 'not a colour'],
  ];

  it.each(bad)('shows %s as an invalid value, as text', (_name, payload, reason) => {
    const { container, input, swatch } = renderPicker(config(), entry(payload, TOPIC));
    const toggle = screen.getByRole('button', { name: /invalid value/i });
    expect(toggle.getAttribute('title')).toContain(reason);
    fireEvent.click(toggle);
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(input.value).toBe('#000000'); // still a usable picker
    expect(swatch.textContent).toBe('—');
  });

  it('shows the raw text of an HTML payload literally', () => {
    renderPicker(config(), entry(evil, TOPIC));
    fireEvent.click(screen.getByRole('button', { name: /invalid value/i }));
    expect(screen.getByText(evil)).toBeTruthy();
  });

  it('keeps the last good colour on the input when a bad message follows', () => {
    const { input, rerenderWith } = renderPicker(config(), entry('#ff8800', TOPIC, 1));
    pick(input, '#00ff00');
    rerenderWith(entry('garbage', TOPIC, Date.now() + 10_000));
    expect(input.value).toBe('#00ff00');
    expect(screen.getByRole('button', { name: /invalid value/i })).toBeTruthy();
  });
});
