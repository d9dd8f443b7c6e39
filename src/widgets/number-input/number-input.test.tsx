// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import type { LiveEntry } from '@/stores/live-store';
import { entry } from '../kit/test-utils';
import { numberInputWidget } from './index';
import { NumberInputView } from './number-input-view';
import { normalize, parseTyped, stepFrom, toInputText } from './number-value';
import { numberInputSchema, type NumberInputConfig } from './schema';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const TOPIC = 'home/heating/setpoint';
const config = (over: Partial<NumberInputConfig> = {}): NumberInputConfig =>
  numberInputSchema.parse({ label: 'Sollwert', topic: TOPIC, ...over });

function mount(c: NumberInputConfig, value: LiveEntry | undefined = entry('20', TOPIC, 0)) {
  const publish = vi.fn<Publish>(() => Promise.resolve());
  const view = (v: LiveEntry | undefined, cc = c) => (
    <>
      <span id="label">{cc.label}</span>
      <NumberInputView config={cc} value={v} publish={publish} labelId="label" />
      <button type="button">elsewhere</button>
    </>
  );
  const utils = render(view(value));
  const input = screen.getByRole('spinbutton', { name: c.label }) as HTMLInputElement;
  const minus = screen.getByRole('button', { name: `Decrease ${c.label}` });
  const plus = screen.getByRole('button', { name: `Increase ${c.label}` });
  const next = (v: LiveEntry | undefined, cc = c) => utils.rerender(view(v, cc));
  return { ...utils, publish, input, minus, plus, next };
}

const sent = (publish: ReturnType<typeof vi.fn<Publish>>) => publish.mock.calls.map((c) => c[1]);
const type = (input: HTMLInputElement, text: string) =>
  fireEvent.change(input, { target: { value: text } });
const enter = (input: HTMLInputElement) => fireEvent.keyDown(input, { key: 'Enter' });

describe('number input schema', () => {
  it('defaults to 0–100 in steps of 1, sending 1 s after − / +', () => {
    expect(numberInputSchema.parse({})).toEqual({
      label: 'Number',
      topic: '',
      stateTopic: '',
      valuePath: '',
      min: 0,
      max: 100,
      step: 1,
      decimals: null,
      payloadTemplate: '',
      qos: 0,
      retain: false,
      sendDelay: 1000,
      staleAfter: null,
    });
  });

  it('refuses max ≤ min, a zero step, a wildcard publish topic and a negative delay', () => {
    expect(numberInputSchema.safeParse({ min: 5, max: 5 }).success).toBe(false);
    expect(numberInputSchema.safeParse({ min: null, max: 5 }).success).toBe(true);
    expect(numberInputSchema.safeParse({ step: 0 }).success).toBe(false);
    expect(numberInputSchema.safeParse({ topic: 'a/+' }).success).toBe(false);
    expect(numberInputSchema.safeParse({ sendDelay: -1 }).success).toBe(false);
  });

  it('subscribes to the state topic, else the publish topic', () => {
    expect(numberInputWidget.subscriptions(config({ qos: 1 }))).toEqual([{ topic: TOPIC, qos: 1 }]);
    const c = config({ stateTopic: 'home/heating/+/state' });
    expect(numberInputWidget.subscriptions(c)).toEqual([{ topic: 'home/heating/+/state', qos: 0 }]);
    expect(numberInputWidget.stateTopic!(c)).toBe('home/heating/+/state');
    expect(numberInputWidget.subscriptions(config({ topic: '' }))).toEqual([]);
  });

  it('converts Node-RED ui_numeric nodes', () => {
    const c = numberInputWidget.nodeRed!.convert({
      node: { label: 'Setpoint', min: '5', max: '30', step: '0.5' },
      publishTo: { topic: 'a/set', qos: 1, retain: true },
      subscribeTo: { topic: 'a/state', qos: 0, valuePath: '', decimals: null, label: '' },
    });
    expect(numberInputSchema.parse(c)).toMatchObject({
      label: 'Setpoint',
      topic: 'a/set',
      stateTopic: 'a/state',
      min: 5,
      max: 30,
      step: 0.5,
      qos: 1,
      retain: true,
    });
  });
});

describe('number values', () => {
  it('reads typed numbers, with a decimal comma too', () => {
    expect(parseTyped(' 21.5 ')).toBe(21.5);
    expect(parseTyped('21,5')).toBe(21.5);
    expect(parseTyped('-3e2')).toBe(-300);
    for (const bad of ['', 'abc', '1,2,3', '0x10', '12abc', 'Infinity', '1e999']) {
      expect(parseTyped(bad)).toBeNull();
    }
  });

  it('clamps, rounds and steps without float noise', () => {
    const c = { min: 0, max: 1, decimals: null, step: 0.1 };
    expect(normalize(5, c)).toBe(1);
    expect(normalize(-5, c)).toBe(0);
    expect(normalize(0.123456, { ...c, decimals: 2 })).toBe(0.12);
    expect(stepFrom(0.2, 1, c)).toBe(0.3);
    expect(stepFrom(0.95, 1, c)).toBe(1);
    expect(stepFrom(0, -1, c)).toBe(0);
    expect(stepFrom(7, 1, { min: null, max: null, decimals: null, step: 0.25 })).toBe(7.25);
    expect(toInputText(21, 1)).toBe('21.0');
  });
});

describe('number input view', () => {
  it('is a spinbutton labelled by the title, showing the state value', () => {
    const { input } = mount(config());
    expect(input.type).toBe('number');
    expect(input.value).toBe('20');
    expect(input.min).toBe('0');
    expect(input.max).toBe('100');
  });

  it('sends typed text on Enter, with the template, QoS and retain', () => {
    const { input, publish } = mount(
      config({ payloadTemplate: '{"setpoint": {value}}', qos: 2, retain: true }),
    );
    type(input, '21.5');
    expect(publish).not.toHaveBeenCalled(); // not on every keystroke
    enter(input);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith(TOPIC, '{"setpoint": 21.5}', { qos: 2, retain: true });
  });

  it('sends on blur only when changed', () => {
    const { input, publish } = mount(config());
    fireEvent.blur(input);
    expect(publish).not.toHaveBeenCalled();
    type(input, '22');
    fireEvent.blur(input);
    expect(sent(publish)).toEqual(['22']);
    fireEvent.blur(input);
    expect(sent(publish)).toEqual(['22']);
  });

  it('clamps to min and max, saying so', () => {
    const { input, publish } = mount(config());
    type(input, '150');
    enter(input);
    expect(sent(publish)).toEqual(['100']);
    expect(input.value).toBe('100');
    expect(screen.getByText('Limited to the maximum, 100.')).toBeTruthy();
    type(input, '-4');
    enter(input);
    expect(sent(publish)).toEqual(['100', '0']);
  });

  it('rounds to the configured decimals', () => {
    const { input, publish } = mount(config({ decimals: 1 }));
    expect(input.value).toBe('20.0');
    type(input, '21.46');
    enter(input);
    expect(sent(publish)).toEqual(['21.5']);
  });

  it('refuses text that is not a number, with a visible message', () => {
    const { input, publish } = mount(config());
    type(input, '');
    enter(input);
    expect(screen.getByRole('alert').textContent).toBe('Enter a number.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.blur(input);
    expect(publish).not.toHaveBeenCalled();
    type(input, '23');
    expect(screen.queryByRole('alert')).toBeNull();
    enter(input);
    expect(sent(publish)).toEqual(['23']);
  });

  it('refuses what the browser flags as bad input (e.g. "1e")', () => {
    const { input, publish } = mount(config());
    type(input, '');
    Object.defineProperty(input, 'validity', { value: { badInput: true }, configurable: true });
    enter(input);
    expect(screen.getByRole('alert').textContent).toBe('Not a number.');
    expect(publish).not.toHaveBeenCalled();
  });

  it('sends after a pause following − and +, once for several presses', () => {
    vi.useFakeTimers();
    const { input, plus, minus, publish } = mount(config({ qos: 1 }));
    fireEvent.click(plus);
    fireEvent.click(plus);
    fireEvent.click(plus);
    expect(input.value).toBe('23');
    act(() => vi.advanceTimersByTime(999));
    expect(publish).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith(TOPIC, '23', { qos: 1, retain: false });
    fireEvent.click(minus);
    act(() => vi.advanceTimersByTime(1000));
    expect(sent(publish)).toEqual(['23', '22']);
  });

  it('uses the configured pause', () => {
    vi.useFakeTimers();
    const { plus, publish } = mount(config({ sendDelay: 300 }));
    fireEvent.click(plus);
    act(() => vi.advanceTimersByTime(300));
    expect(sent(publish)).toEqual(['21']);
  });

  it('with pause 0 sends − / + only on Enter or leaving', () => {
    vi.useFakeTimers();
    const { input, plus, publish } = mount(config({ sendDelay: 0 }));
    fireEvent.click(plus);
    fireEvent.click(plus);
    act(() => vi.advanceTimersByTime(60_000));
    expect(publish).not.toHaveBeenCalled();
    enter(input);
    expect(sent(publish)).toEqual(['22']);
    fireEvent.click(plus);
    fireEvent.blur(plus, { relatedTarget: screen.getByRole('button', { name: 'elsewhere' }) });
    expect(sent(publish)).toEqual(['22', '23']);
  });

  it('moving between the field and its buttons is not leaving', () => {
    const { input, plus, publish } = mount(config());
    type(input, '30');
    fireEvent.blur(input, { relatedTarget: plus });
    expect(publish).not.toHaveBeenCalled();
  });

  it('sends a pending − / + on Enter at once, and not again after the pause', () => {
    vi.useFakeTimers();
    const { input, plus, publish } = mount(config());
    fireEvent.click(plus);
    enter(input);
    act(() => vi.advanceTimersByTime(5000));
    expect(sent(publish)).toEqual(['21']);
  });

  it('sends a pending − / + when it goes away within the pause', () => {
    vi.useFakeTimers();
    const { plus, publish, unmount } = mount(config());
    fireEvent.click(plus);
    unmount();
    expect(sent(publish)).toEqual(['21']);
    act(() => vi.advanceTimersByTime(5000));
    expect(sent(publish)).toEqual(['21']);
  });

  it('stops at the limits', () => {
    vi.useFakeTimers();
    const { input, plus } = mount(config({ max: 21 }), entry('20', TOPIC, 0));
    fireEvent.click(plus);
    fireEvent.click(plus);
    expect(input.value).toBe('21');
  });

  it('follows the state topic, except while the user is editing', () => {
    const { input, next, publish } = mount(config());
    next(entry('25', TOPIC, 1));
    expect(input.value).toBe('25');
    type(input, '30');
    next(entry('26', TOPIC, 2));
    expect(input.value).toBe('30'); // the user's text wins
    enter(input);
    expect(input.value).toBe('30'); // what was sent, until the device answers
    next(entry('29', TOPIC, 3));
    expect(input.value).toBe('29');
    expect(sent(publish)).toEqual(['30']);
  });

  it('Escape drops an unsent change', () => {
    const { input, publish } = mount(config());
    type(input, '77');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('20');
    fireEvent.blur(input);
    expect(publish).not.toHaveBeenCalled();
  });

  it('reads a JSON value path from the state', () => {
    const { input } = mount(config({ valuePath: 'sp' }), entry('{"sp": 19.5}', TOPIC));
    expect(input.value).toBe('19.5');
  });

  it('says when it has no topic, and is disabled', () => {
    const { input, plus } = mount(config({ topic: '' }), undefined);
    expect(input.disabled).toBe(true);
    expect((plus as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('No topic set.')).toBeTruthy();
  });

  it('shows a failed send', async () => {
    const publish = vi.fn<Publish>(() => Promise.reject(new Error('not connected')));
    render(
      <>
        <span id="l">Sollwert</span>
        <NumberInputView config={config()} value={undefined} publish={publish} labelId="l" />
      </>,
    );
    const input = screen.getByRole('spinbutton', { name: 'Sollwert' }) as HTMLInputElement;
    type(input, '5');
    await act(async () => enter(input));
    expect(screen.getByRole('alert').textContent).toBe('Not sent: not connected');
  });
});

describe('number input with a bad state payload', () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const cases: Array<[string, string | Uint8Array]> = [
    ['non-numeric text', 'warm'],
    ['invalid JSON', '{"sp": 1'],
    ['binary bytes', new Uint8Array([0xff, 0xfe, 0x00])],
    ['a 1 MB payload', 'x'.repeat(1_000_000)],
    ['unicode', 'Größe 🌡️ 温度'],
    ['HTML/script', evil],
  ];
  for (const [name, payload] of cases) {
    it(`shows ${name} as invalid, and still sends typed values`, () => {
      const { input, publish, container } = mount(config(), entry(payload, TOPIC));
      expect(input.value).toBe('');
      expect(screen.getByRole('button', { name: /invalid value/i })).toBeTruthy();
      expect(container.querySelector('img, script')).toBeNull();
      type(input, '12');
      enter(input);
      expect(sent(publish)).toEqual(['12']);
    });
  }

  it('shows an empty payload and JSON null as no value (an empty field), not as invalid', () => {
    for (const payload of ['', 'null']) {
      const { input, unmount } = mount(config(), entry(payload, TOPIC));
      expect(input.value).toBe('');
      expect(screen.queryByRole('button', { name: /invalid value/i })).toBeNull();
      unmount();
    }
  });

  it('shows a state outside its limits as it is, marked', () => {
    const { input } = mount(config({ min: 0, max: 30 }), entry('45', TOPIC));
    expect(input.value).toBe('45');
    expect(screen.getByText('Above the maximum (30)')).toBeTruthy();
  });
});
