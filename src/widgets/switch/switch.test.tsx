// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import type { LiveEntry } from '@/stores/live-store';
import { entry, spoken } from '../kit/test-utils';
import { convertNodeRedSwitch, switchWidget } from './index';
import { switchSchema, type SwitchConfig } from './schema';
import { readSwitchState } from './switch-state';
import { t } from '@/i18n/i18n';
import { NO_ANSWER, SwitchView } from './switch-view';

const NO_ANSWER_TEXT = t(NO_ANSWER);
const spokenState = (...args: Parameters<typeof readSwitchState>) =>
  spoken(readSwitchState(...args));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const config = (over: Partial<SwitchConfig> = {}) =>
  switchSchema.parse({ label: 'Kitchen light', topic: 'home/kitchen/light', ...over });

function renderSwitch(c: SwitchConfig, value?: LiveEntry, publish = vi.fn<Publish>(resolved)) {
  const view = (v: LiveEntry | undefined) => (
    <>
      <span id="label">{c.label}</span>
      <SwitchView config={c} value={v} publish={publish} labelId="label" />
    </>
  );
  const utils = render(view(value));
  const control = screen.getByRole('switch', { name: c.label });
  return {
    ...utils,
    publish,
    control,
    show: (v: LiveEntry | undefined) => utils.rerender(view(v)),
  };
}

function resolved() {
  return Promise.resolve();
}

const state = (payload: string, over: Partial<SwitchConfig> = {}) =>
  readSwitchState(entry(payload).payload, config(over)).kind;

describe('switch schema', () => {
  it('defaults to boolean true/false, optimistic, a 5 s wait, QoS 0, not retained', () => {
    expect(switchSchema.parse({})).toEqual({
      label: 'Switch',
      topic: '',
      stateTopic: '',
      valuePath: '',
      onPayload: 'true',
      onType: 'boolean',
      offPayload: 'false',
      offType: 'boolean',
      mode: 'optimistic',
      timeout: 5,
      qos: 0,
      retain: false,
      staleAfter: null,
    });
  });

  it('refuses payloads that are not of their type, and equal on and off payloads', () => {
    const issues = (over: Record<string, unknown>) =>
      switchSchema.safeParse(over).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ onPayload: 'abc', onType: 'number' })).toEqual(['onPayload']);
    expect(issues({ offPayload: 'yes', offType: 'boolean' })).toEqual(['offPayload']);
    expect(issues({ onPayload: '{"state": ', onType: 'json' })).toEqual(['onPayload']);
    expect(issues({ onPayload: '1', onType: 'number', offPayload: '1', offType: 'text' })).toEqual([
      'offPayload',
    ]);
    expect(issues({ topic: 'home/+/light' })).toEqual(['topic']);
    expect(issues({ stateTopic: 'home/+/light' })).toBeUndefined();
    expect(issues({ timeout: 0 })).toEqual(['timeout']);
  });
});

describe('switch state matching', () => {
  it('matches booleans, numbers and text by value', () => {
    expect(state('true')).toBe('on');
    expect(state('false')).toBe('off');
    expect(state('"true"')).toBe('on'); // a JSON string
    const num = { onPayload: '1', onType: 'number', offPayload: '0', offType: 'number' } as const;
    expect(state('1', num)).toBe('on');
    expect(state('0', num)).toBe('off');
    expect(state('"1"', num)).toBe('on');
    const text = { onPayload: 'ON', onType: 'text', offPayload: 'OFF', offType: 'text' } as const;
    expect(state('ON', text)).toBe('on');
    expect(state('"OFF"', text)).toBe('off');
    expect(state('ON\n', text)).toBe('on');
    expect(state('on', text)).toBe('unknown');
  });

  it('reads the state through a value path', () => {
    const text = { onPayload: 'ON', onType: 'text', offPayload: 'OFF', offType: 'text' } as const;
    expect(state('{"state":"ON","brightness":80}', { ...text, valuePath: 'state' })).toBe('on');
    expect(state('{"a":{"b":[0,false]}}', { valuePath: 'a.b[1]' })).toBe('off');
  });

  it('compares JSON payloads, at the value path when one is set', () => {
    const json = {
      onPayload: '{"state":"ON"}',
      onType: 'json',
      offPayload: '{"state":"OFF"}',
      offType: 'json',
    } as const;
    expect(state('{ "state": "ON" }', json)).toBe('on');
    expect(state('{"state":"OFF","brightness":3}', json)).toBe('unknown'); // whole objects differ
    expect(state('{"state":"OFF","brightness":3}', { ...json, valuePath: 'state' })).toBe('off');
    expect(state('{"state":"ON","linkquality":90}', { ...json, valuePath: 'state' })).toBe('on');
  });

  it('says why a state is unknown, keeping the raw text', () => {
    expect(spokenState(entry('maybe').payload, config())).toEqual({
      kind: 'unknown',
      reason: 'neither the on nor the off payload',
      raw: 'maybe',
    });
    expect(spokenState(entry('').payload, config())).toMatchObject({ reason: 'empty payload' });
    expect(spokenState(entry('{"x":1}').payload, config({ valuePath: 'state' }))).toEqual({
      kind: 'unknown',
      reason: 'no value at “state”',
      raw: '{"x":1}',
    });
    expect(spokenState(entry(new Uint8Array([0xff, 0xfe])).payload, config())).toMatchObject({
      kind: 'unknown',
      reason: 'binary payload',
      raw: 'binary, 2 bytes: ff fe',
    });
  });
});

describe('switch view', () => {
  it('is a switch named by its title, checked when the state is on', () => {
    const { control, show } = renderSwitch(config(), entry('true'));
    expect(control.tagName).toBe('BUTTON');
    expect(control.getAttribute('aria-checked')).toBe('true');
    expect(control.hasAttribute('aria-busy')).toBe(false);
    expect(control.textContent).toContain('On');
    show(entry('false'));
    expect(control.getAttribute('aria-checked')).toBe('false');
    expect(control.textContent).toContain('Off');
  });

  it('before any state: unchecked, saying it has no state yet', () => {
    const { control } = renderSwitch(config());
    expect(control.getAttribute('aria-checked')).toBe('false');
    expect(control.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('No state yet')).toBeTruthy();
  });

  it('publishes the on and off payloads with QoS and retain', () => {
    const c = config({
      onPayload: '{ "state": "ON" }',
      onType: 'json',
      offPayload: '{"state":"OFF"}',
      offType: 'json',
      valuePath: 'state',
      qos: 1,
      retain: true,
    });
    const { control, publish, show } = renderSwitch(c, entry('{"state":"OFF"}'));
    fireEvent.click(control);
    expect(publish).toHaveBeenLastCalledWith('home/kitchen/light', '{"state":"ON"}', {
      qos: 1,
      retain: true,
    });
    show(entry('{"state":"ON","brightness":254}'));
    fireEvent.click(control);
    expect(publish).toHaveBeenLastCalledWith('home/kitchen/light', '{"state":"OFF"}', {
      qos: 1,
      retain: true,
    });
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it('sends numbers and text as their text', () => {
    const c = config({ onPayload: '1', onType: 'number', offPayload: 'aus', offType: 'text' });
    const { control, publish } = renderSwitch(c, entry('1'));
    fireEvent.click(control);
    expect(publish).toHaveBeenCalledWith('home/kitchen/light', 'aus', { qos: 0, retain: false });
  });

  it('optimistic: flips at once, then follows the next state message', () => {
    const { control, show } = renderSwitch(config({ stateTopic: 'home/kitchen/light/state' }));
    fireEvent.click(control);
    expect(control.getAttribute('aria-checked')).toBe('true');
    expect(control.hasAttribute('aria-busy')).toBe(false);
    show(entry('false', 'home/kitchen/light/state'));
    expect(control.getAttribute('aria-checked')).toBe('false'); // the device's word wins
  });

  it('wait: pending until a state message confirms, then not pending', () => {
    vi.useFakeTimers();
    const c = config({ mode: 'wait' });
    const { control, show, publish } = renderSwitch(c, entry('false'));
    fireEvent.click(control);
    expect(publish).toHaveBeenCalledWith('home/kitchen/light', 'true', { qos: 0, retain: false });
    expect(control.getAttribute('aria-busy')).toBe('true');
    expect(control.textContent).toContain('Switching on…');
    act(() => vi.advanceTimersByTime(2000));
    show(entry('false')); // an old report, not the answer: still waiting
    expect(control.getAttribute('aria-busy')).toBe('true');
    show(entry('true'));
    expect(control.hasAttribute('aria-busy')).toBe(false);
    expect(control.getAttribute('aria-checked')).toBe('true');
    act(() => vi.advanceTimersByTime(10_000));
    expect(control.getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByText(NO_ANSWER_TEXT)).toBeNull();
  });

  it('wait: without an answer in time it goes back to the confirmed state, with a hint', () => {
    vi.useFakeTimers();
    const { control, show } = renderSwitch(config({ mode: 'wait' }), entry('false'));
    fireEvent.click(control);
    expect(control.getAttribute('aria-checked')).toBe('true');
    act(() => vi.advanceTimersByTime(4999));
    expect(control.getAttribute('aria-busy')).toBe('true');
    act(() => vi.advanceTimersByTime(1));
    expect(control.hasAttribute('aria-busy')).toBe(false);
    expect(control.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe(NO_ANSWER_TEXT);
    show(entry('true')); // a late answer: the hint is answered
    expect(control.getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByText(NO_ANSWER_TEXT)).toBeNull();
  });

  it('wait: the timeout is configurable and restarts with each press', () => {
    vi.useFakeTimers();
    const { control, publish } = renderSwitch(config({ mode: 'wait', timeout: 2 }), entry('false'));
    fireEvent.click(control);
    act(() => vi.advanceTimersByTime(1500));
    fireEvent.click(control); // changed their mind: off again
    expect(publish).toHaveBeenLastCalledWith('home/kitchen/light', 'false', {
      qos: 0,
      retain: false,
    });
    expect(control.textContent).toContain('Switching off…');
    act(() => vi.advanceTimersByTime(1500));
    expect(control.getAttribute('aria-busy')).toBe('true');
    act(() => vi.advanceTimersByTime(500));
    expect(control.hasAttribute('aria-busy')).toBe(false);
    expect(screen.getByText(NO_ANSWER_TEXT)).toBeTruthy();
  });

  it('goes back and says so when the message could not be sent', async () => {
    const publish = vi.fn<Publish>(() => Promise.reject(new Error('offline')));
    const { control } = renderSwitch(config({ mode: 'wait' }), entry('false'), publish);
    await act(async () => {
      fireEvent.click(control);
    });
    expect(control.getAttribute('aria-checked')).toBe('false');
    expect(control.hasAttribute('aria-busy')).toBe(false);
    expect(screen.getByRole('alert').textContent).toBe('Not sent: offline');
  });

  it('is disabled without a topic', () => {
    const { control, publish } = renderSwitch(config({ topic: '' }));
    expect((control as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(control);
    expect(publish).not.toHaveBeenCalled();
    expect(screen.getByText('No topic set.')).toBeTruthy();
  });

  it('shows a state that is neither on nor off as unknown, with the raw text', () => {
    const { control } = renderSwitch(config(), entry('dimmed'));
    expect(control.getAttribute('aria-checked')).toBe('false');
    expect(control.closest('.switch')?.classList.contains('switch--unknown')).toBe(true);
    const described = document.getElementById(control.getAttribute('aria-describedby')!);
    expect(described?.textContent).toBe('Unknown state');
    const toggle = screen.getByRole('button', { name: /invalid value/i });
    fireEvent.click(toggle);
    expect(screen.getByText('dimmed')).toBeTruthy();
    expect(screen.getByText('neither the on nor the off payload')).toBeTruthy();
  });

  it('pressing an unknown switch switches it on', () => {
    const { control, publish } = renderSwitch(config(), entry('dimmed'));
    fireEvent.click(control);
    expect(publish).toHaveBeenCalledWith('home/kitchen/light', 'true', { qos: 0, retain: false });
  });

  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const bad: Array<[string, string | Uint8Array]> = [
    ['non-numeric text', 'abc'],
    ['invalid JSON', '{"state": '],
    ['binary', new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28])],
    ['empty', ''],
    ['1 MB', 'x'.repeat(1024 * 1024)],
    ['unicode', 'Grüße 🌡️ 温度 \u202e'],
    ['HTML and script', evil],
    ['JSON with HTML', JSON.stringify({ state: evil })],
  ];
  it.each(bad)('survives %s: an unknown state, text shown as text', (_name, payload) => {
    for (const valuePath of ['', 'state']) {
      const { control, container } = renderSwitch(config({ valuePath }), entry(payload));
      expect(control.getAttribute('aria-checked')).toBe('false');
      expect(screen.getByRole('button', { name: /invalid value/i })).toBeTruthy();
      expect(container.querySelector('img, script')).toBeNull();
      cleanup();
    }
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('switch definition', () => {
  it('subscribes to the state topic, or the command topic when empty', () => {
    const c = config({ qos: 2 });
    expect(switchWidget.subscriptions(c)).toEqual([{ topic: 'home/kitchen/light', qos: 2 }]);
    expect(switchWidget.stateTopic?.(c)).toBe('home/kitchen/light');
    const s = config({ stateTopic: 'home/+/light/state' });
    expect(switchWidget.subscriptions(s)).toEqual([{ topic: 'home/+/light/state', qos: 0 }]);
    expect(switchWidget.stateTopic?.(s)).toBe('home/+/light/state');
    expect(switchWidget.subscriptions(config({ topic: '' }))).toEqual([]);
    expect(switchWidget.staleAfter?.(config({ staleAfter: 60 }))).toBe(60);
    expect(switchWidget.title(c)).toBe('Kitchen light');
  });

  it('converts a Node-RED ui_switch', () => {
    const converted = convertNodeRedSwitch({
      node: {
        type: 'ui_switch',
        label: 'Pumpe',
        onvalue: 'ON',
        onvalueType: 'str',
        offvalue: '{"state":"OFF"}',
        offvalueType: 'json',
        decouple: 'true',
      },
      publishTo: { topic: 'garden/pump/set', qos: 1, retain: true },
      subscribeTo: { topic: 'garden/pump', qos: 2, valuePath: '', decimals: null, label: '' },
    });
    expect(switchSchema.parse(converted)).toMatchObject({
      label: 'Pumpe',
      topic: 'garden/pump/set',
      stateTopic: 'garden/pump',
      onPayload: 'ON',
      onType: 'text',
      offPayload: '{"state":"OFF"}',
      offType: 'json',
      mode: 'wait',
      qos: 1,
      retain: true,
    });
    const plain = switchSchema.parse(
      convertNodeRedSwitch({ node: { type: 'ui_switch', name: 'S', topic: 'a/+' } }),
    );
    expect(plain).toMatchObject({
      label: 'S',
      topic: '', // a wildcard is no publish topic
      onPayload: 'true',
      onType: 'boolean',
      mode: 'optimistic',
    });
    const same = convertNodeRedSwitch({
      node: { type: 'ui_switch', topic: 'x/y', topicType: 'str', onvalue: 1, onvalueType: 'num' },
      subscribeTo: { topic: 'x/y', qos: 0, valuePath: '', decimals: null, label: '' },
    });
    expect(same).toMatchObject({ topic: 'x/y', stateTopic: '', onPayload: '1', onType: 'number' });
  });
});
