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
    const sub = { topic: 'alerts/#', qos: 1 as const };
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

describe('notification view', () => {
  it('says so before any notification', () => {
    mount(config());
    expect(screen.getByText('No notifications yet')).toBeTruthy();
    expect(notices()).toEqual([]);
  });

  it('does not toast the message already there (retained or not), but shows it', () => {
    const old = retained(entry('old news', 'home/alarm', 1000));
    const first = mount(config(), old);
    expect(screen.getByText('old news')).toBeTruthy();
    act(() => first.next(old));
    expect(notices()).toEqual([]);
    cleanup();
    const earlier = entry('earlier', 'home/alarm', 1000); // live, before a page switch
    const second = mount(config(), earlier);
    act(() => second.next(earlier));
    expect(notices()).toEqual([]);
    act(() => second.next(entry('now', 'home/alarm')));
    expect(notices().map((n) => n.text)).toEqual(['now']);
  });

  it('toasts each new message once, with the template, kind and duration', () => {
    const { next } = mount(config({ template: '{topic}: {value}', duration: 8 }));
    const e = entry('Door open', 'home/alarm', Date.now());
    act(() => next(e));
    expect(notices()).toMatchObject([
      { kind: 'info', text: 'home/alarm: Door open', timeoutMs: 8000 },
    ]);
    expect(screen.getByText('home/alarm: Door open')).toBeTruthy();
    act(() => next(e)); // same message, re-rendered
    expect(notices()).toHaveLength(1);
    act(() => next(entry('Door closed', 'home/alarm')));
    expect(notices().map((n) => n.text)).toEqual([
      'home/alarm: Door open',
      'home/alarm: Door closed',
    ]);
  });

  it('toasts once per message under StrictMode', () => {
    const { next } = mount(config(), undefined, true);
    act(() => next(entry('one')));
    act(() => next(entry('two')));
    expect(notices().map((n) => n.text)).toEqual(['one', 'two']);
  });

  it('does not toast again when the settings change after a message', () => {
    const e = entry('Door open');
    const first = mount(config());
    act(() => first.next(e));
    cleanup();
    // The same live entry, seen by a re-rendered view whose duration changed in edit mode.
    const { rerender } = render(
      <NotificationView config={config()} value={undefined} publish={publish} labelId="l" />,
    );
    rerender(<NotificationView config={config()} value={e} publish={publish} labelId="l" />);
    rerender(
      <NotificationView config={config({ duration: 9 })} value={e} publish={publish} labelId="l" />,
    );
    expect(notices()).toHaveLength(2); // one per view instance, none for the settings change
  });

  it('uses the error kind for errors, and no timeout for duration 0', () => {
    const { next } = mount(config({ severity: 'error', duration: 0 }));
    act(() => next(entry('Leak!')));
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatchObject({ kind: 'error', text: 'Leak!' });
    expect(notices()[0]!.timeoutMs).toBeUndefined();
    expect(screen.getByText('Error')).toBeTruthy();
  });

  it('shows warnings as warning toasts, marked Warning on the card', () => {
    const { next } = mount(config({ severity: 'warning' }));
    act(() => next(entry('Battery low')));
    expect(notices()[0]).toMatchObject({ kind: 'warning', text: 'Battery low' });
    expect(screen.getByText('Warning')).toBeTruthy();
  });

  it('does not toast retained messages arriving later (a reconnect), but shows them', () => {
    const { next } = mount(config());
    act(() => next(retained(entry('state again'))));
    expect(notices()).toEqual([]);
    expect(screen.getByText('state again')).toBeTruthy();
  });

  it('ignores messages no rule matches, keeping the last notification', () => {
    const { next } = mount(config({ rules: [{ op: '>', value: '30' }] }));
    act(() => next(entry('35')));
    act(() => next(entry('20')));
    expect(notices().map((n) => n.text)).toEqual(['35']);
    expect(screen.getByText('35')).toBeTruthy();
    expect(screen.queryByText('20')).toBeNull();
  });
});

describe('notification view with bad input', () => {
  const cases: Array<[string, string | Uint8Array, string]> = [
    ['non-numeric text', 'warm', 'warm'],
    ['invalid JSON', '{"a": 1', '{"a": 1'],
    ['binary bytes', new Uint8Array([0xff, 0xfe, 0x00]), 'binary, 3 bytes: ff fe 00'],
    ['unicode', 'Größe 🌡️ 温度', 'Größe 🌡️ 温度'],
    ['HTML/script', evil, evil],
  ];
  for (const [name, payload, text] of cases) {
    it(`toasts ${name} as text`, () => {
      const { next, container } = mount(config());
      act(() => next(entry(payload)));
      expect(notices().map((n) => n.text)).toEqual([text]);
      expect(screen.getByText(text)).toBeTruthy();
      expect(container.querySelector('img, script')).toBeNull();
    });
  }

  it('cuts a 1 MB payload', () => {
    const { next } = mount(config());
    act(() => next(entry('x'.repeat(1_000_000))));
    expect(notices()[0]!.text).toHaveLength(MAX_MESSAGE_CHARS + 1);
  });

  it('does not toast an empty payload', () => {
    const { next } = mount(config());
    act(() => next(entry('')));
    expect(notices()).toEqual([]);
    expect(screen.getByText('No notifications yet')).toBeTruthy();
  });

  it('toasts the whole payload when the value path does not fit', () => {
    const { next } = mount(config({ valuePath: 'msg' }));
    act(() => next(entry('{"msg": oops')));
    expect(notices().map((n) => n.text)).toEqual(['{"msg": oops']);
  });
});
