// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEntry } from '@/stores/live-store';
import { useNoticeStore } from '@/stores/notice-store';
import { entry } from '../kit/test-utils';
import { notificationWidget } from './index';
import { notificationFor, renderMessage, valueText } from './message';
import { NotificationView } from './notification-view';
import { MAX_MESSAGE_CHARS, notificationSchema, type NotificationConfig } from './schema';

afterEach(() => {
  cleanup();
  useNoticeStore.setState({ notices: [] });
});

const publish = () => Promise.resolve();
const config = (over: Partial<NotificationConfig> = {}): NotificationConfig =>
  notificationSchema.parse({ label: 'Alarme', topic: 'home/alarm', ...over });
const notices = () => useNoticeStore.getState().notices;
const retained = (e: LiveEntry): LiveEntry => ({ ...e, retained: true });

function mount(c: NotificationConfig, first?: LiveEntry, strict = false) {
  const view = (value: LiveEntry | undefined) => {
    const v = <NotificationView config={c} value={value} publish={publish} labelId="l" />;
    return strict ? <StrictMode>{v}</StrictMode> : v;
  };
  const utils = render(view(first));
  return { ...utils, next: (value: LiveEntry | undefined) => utils.rerender(view(value)) };
}

const evil = '<img src=x onerror="window.__pwned=1">';

describe('notification schema', () => {
  it('defaults to info toasts of the value for 5 s, for every message', () => {
    expect(notificationSchema.parse({})).toEqual({
      label: 'Notifications',
      topic: '',
      qos: 0,
      valuePath: '',
      severity: 'info',
      template: '{value}',
      duration: 5,
      rules: [],
      staleAfter: null,
    });
  });

  it('refuses a negative duration, an unknown severity and a bad filter', () => {
    expect(notificationSchema.safeParse({ duration: -1 }).success).toBe(false);
    expect(notificationSchema.safeParse({ severity: 'panic' }).success).toBe(false);
    expect(notificationSchema.safeParse({ topic: 'a/#/b' }).success).toBe(false);
  });

  it('subscribes to its topic only when one is set', () => {
    expect(notificationWidget.subscriptions(config({ qos: 1 }))).toEqual([
      { topic: 'home/alarm', qos: 1 },
    ]);
    expect(notificationWidget.subscriptions(config({ topic: '' }))).toEqual([]);
    expect(notificationWidget.stateTopic!(config())).toBe('home/alarm');
  });

  it('converts Node-RED ui_toast nodes', () => {
    const convert = notificationWidget.nodeRed!.convert;
    const sub = { topic: 'alerts/#', qos: 1 as const, valuePath: '', decimals: null, label: '' };
    expect(
      notificationSchema.parse(convert({ node: { displayTime: '7' }, subscribeTo: sub })),
    ).toMatchObject({ topic: 'alerts/#', qos: 1, duration: 7 });
    expect(
      notificationSchema.parse(convert({ node: { position: 'dialog', displayTime: '3' } })),
    ).toMatchObject({ duration: 0 });
    expect(notificationSchema.parse(convert({ node: { displayTime: '' } }))).toMatchObject({
      duration: 3,
    });
  });
});

describe('notification messages', () => {
  it('fills {value} and {topic}', () => {
    expect(renderMessage('{topic}: {value}!', 'open', 'home/door')).toBe('home/door: open!');
    expect(renderMessage('', 'open', 'x')).toBe('open');
    expect(renderMessage('{other}', 'open', 'x')).toBe('{other}');
  });

  it('cuts long messages', () => {
    expect(renderMessage('{value}', 'a'.repeat(5000), 't')).toHaveLength(MAX_MESSAGE_CHARS + 1);
  });

  it('reads the value at a path, and the whole payload when the path does not fit', () => {
    const p = entry('{"msg":"Door open","n":3}').payload;
    expect(valueText(p, 'msg')).toBe('Door open');
    expect(valueText(p, 'n')).toBe('3');
    expect(valueText(p, 'missing')).toBe('{"msg":"Door open","n":3}');
    expect(valueText(entry('"quoted"').payload, '')).toBe('quoted');
    expect(valueText(entry(new Uint8Array([0xff, 0x00])).payload, '')).toBe(
      'binary, 2 bytes: ff 00',
    );
  });

  it('notifies only when a rule matches, when there are rules', () => {
    const c = config({
      rules: [
        { op: '>', value: '30' },
        { op: 'contains', value: 'alarm' },
      ],
    });
    expect(notificationFor(c, entry('35'))).toBe('35');
    expect(notificationFor(c, entry('fire alarm\n'))).toBe('fire alarm');
    expect(notificationFor(c, entry('20'))).toBeNull();
    expect(notificationFor(config(), entry('20'))).toBe('20');
  });

  it('ignores empty payloads', () => {
    expect(notificationFor(config(), entry(''))).toBeNull();
  });
});

describe('notification alerts (the toasts)', () => {
  const alert = (c: NotificationConfig, e: LiveEntry) => notificationWidget.alert!(c, e);

  it('toasts a message with the template, kind and duration', () => {
    const c = config({ template: '{topic}: {value}', duration: 8 });
    expect(alert(c, entry('Door open', 'home/alarm'))).toEqual({
      kind: 'info',
      text: 'home/alarm: Door open',
      timeoutMs: 8000,
    });
  });

  it('uses the error kind for errors, and no timeout for duration 0', () => {
    expect(alert(config({ severity: 'error', duration: 0 }), entry('Leak!'))).toEqual({
      kind: 'error',
      text: 'Leak!',
    });
    expect(alert(config({ severity: 'warning' }), entry('Battery low'))).toMatchObject({
      kind: 'warning',
    });
  });

  it('never toasts retained messages (a reconnect resends them), empty ones or unmatched ones', () => {
    expect(alert(config(), retained(entry('state again')))).toBeNull();
    expect(alert(config(), entry(''))).toBeNull();
    const rules = config({ rules: [{ op: '>', value: '30' }] });
    expect(alert(rules, entry('20'))).toBeNull();
    expect(alert(rules, entry('35'))).toMatchObject({ text: '35' });
  });

  const bad: Array<[string, string | Uint8Array, string]> = [
    ['non-numeric text', 'warm', 'warm'],
    ['invalid JSON', '{"a": 1', '{"a": 1'],
    ['binary bytes', new Uint8Array([0xff, 0xfe, 0x00]), 'binary, 3 bytes: ff fe 00'],
    ['unicode', 'Größe 🌡️ 温度', 'Größe 🌡️ 温度'],
    ['HTML/script', evil, evil],
  ];
  for (const [name, payload, text] of bad) {
    it(`toasts ${name} as text`, () => {
      expect(alert(config(), entry(payload))?.text).toBe(text);
    });
  }

  it('cuts a 1 MB payload', () => {
    expect(alert(config(), entry('x'.repeat(1_000_000)))?.text).toHaveLength(MAX_MESSAGE_CHARS + 1);
  });

  it('toasts the whole payload when the value path does not fit', () => {
    expect(alert(config({ valuePath: 'msg' }), entry('{"msg": oops'))?.text).toBe('{"msg": oops');
  });
});

describe('notification view (the card)', () => {
  it('says so before any notification', () => {
    mount(config());
    expect(screen.getByText('No notifications yet')).toBeTruthy();
  });

  it('shows the last notification, retained or not, and never toasts by itself', () => {
    const { next } = mount(config({ severity: 'warning' }), retained(entry('old news')));
    expect(screen.getByText('old news')).toBeTruthy();
    act(() => next(entry('Battery low')));
    expect(screen.getByText('Battery low')).toBeTruthy();
    expect(screen.getByText('Warning')).toBeTruthy();
    expect(notices()).toEqual([]);
  });

  it('keeps the last notification when a message matches no rule', () => {
    const { next } = mount(config({ rules: [{ op: '>', value: '30' }] }));
    act(() => next(entry('35')));
    act(() => next(entry('20')));
    expect(screen.getByText('35')).toBeTruthy();
    expect(screen.queryByText('20')).toBeNull();
  });

  it('shows text as text, never as HTML, and ignores an empty payload', () => {
    const { next, container } = mount(config());
    act(() => next(entry('')));
    expect(screen.getByText('No notifications yet')).toBeTruthy();
    act(() => next(entry(evil)));
    expect(screen.getByText(evil)).toBeTruthy();
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('works under StrictMode', () => {
    const { next } = mount(config(), undefined, true);
    act(() => next(entry('one')));
    expect(screen.getByText('one')).toBeTruthy();
  });
});
