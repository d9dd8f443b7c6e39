// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import { entry } from '../kit/test-utils';
import { ButtonView, SENT_SHOWN_MS } from './button-view';
import { iconFromNodeRed } from './icons';
import { buttonWidget, convertNodeRedButton } from './index';
import { textColorOn } from './payload';
import { buttonSchema, type ButtonConfig } from './schema';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const config = (over: Partial<ButtonConfig> = {}) =>
  buttonSchema.parse({ label: 'Restart', topic: 'home/server/restart', ...over });

function renderButton(c: ButtonConfig, publish = vi.fn<Publish>(() => Promise.resolve())) {
  const utils = render(
    <>
      <span id="label">{c.label}</span>
      <ButtonView config={c} value={undefined} publish={publish} labelId="label" />
    </>,
  );
  return { ...utils, publish, button: screen.getByRole('button', { name: c.label }) };
}

describe('button schema', () => {
  it('defaults to a text payload "pressed", QoS 0, not retained, no question', () => {
    expect(buttonSchema.parse({})).toEqual({
      label: 'Button',
      icon: 'none',
      color: '#1f6feb',
      topic: '',
      payload: 'pressed',
      payloadType: 'text',
      qos: 0,
      retain: false,
      confirm: '',
    });
  });

  it('refuses a payload not of its type, a wildcard topic, an unknown icon, a bad colour', () => {
    const paths = (over: Record<string, unknown>) =>
      buttonSchema.safeParse(over).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ payload: 'ten', payloadType: 'number' })).toEqual(['payload']);
    expect(paths({ payload: '{"a":', payloadType: 'json' })).toEqual(['payload']);
    expect(paths({ payload: 'yes', payloadType: 'boolean' })).toEqual(['payload']);
    expect(paths({ topic: 'a/#' })).toEqual(['topic']);
    expect(paths({ icon: 'rocket' })).toEqual(['icon']);
    expect(paths({ color: 'red' })).toEqual(['color']);
  });
});

describe('button colour', () => {
  it('puts black or white text on the background, whichever reads better', () => {
    expect(textColorOn('#1f6feb')).toBe('#ffffff');
    expect(textColorOn('#000000')).toBe('#ffffff');
    expect(textColorOn('#ffffff')).toBe('#000000');
    expect(textColorOn('#e6e600')).toBe('#000000');
    expect(textColorOn('#ca3838')).toBe('#ffffff');
  });
});

describe('button view', () => {
  it('is a button named by its label, in its colour, with its icon', () => {
    const { button } = renderButton(config({ icon: 'power', color: '#e6e600' }));
    expect(button.tagName).toBe('BUTTON');
    expect(button.style.background).toContain('#e6e600');
    expect(button.style.color).toBe('#000000');
    expect(button.querySelector('svg[aria-hidden="true"] path')?.getAttribute('d')).toMatch(
      /^M13 3/,
    );
  });

  it('publishes the payload with QoS and retain on a press, and says "Sent"', async () => {
    vi.useFakeTimers();
    const { button, publish } = renderButton(
      config({ payload: '{ "cmd": "restart" }', payloadType: 'json', qos: 2, retain: true }),
    );
    await act(async () => {
      fireEvent.click(button);
    });
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith('home/server/restart', '{"cmd":"restart"}', {
      qos: 2,
      retain: true,
    });
    expect(screen.getByRole('status').textContent).toBe('Sent');
    act(() => vi.advanceTimersByTime(SENT_SHOWN_MS));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('sends a number as its text', () => {
    const { button, publish } = renderButton(config({ payload: '1', payloadType: 'number' }));
    fireEvent.click(button);
    fireEvent.click(button);
    expect(publish.mock.calls).toEqual([
      ['home/server/restart', '1', { qos: 0, retain: false }],
      ['home/server/restart', '1', { qos: 0, retain: false }],
    ]);
  });

  it('with a question, asks in a dialog: Cancel sends nothing, Confirm sends', () => {
    const { button, publish } = renderButton(config({ confirm: 'Really restart?' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button);
    expect(publish).not.toHaveBeenCalled();
    const dialog = screen.getByRole('dialog', { name: 'Really restart?' }) as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.open).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(dialog.open).toBe(false);
    expect(publish).not.toHaveBeenCalled();

    fireEvent.click(button);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(dialog.open).toBe(false);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith('home/server/restart', 'pressed', {
      qos: 0,
      retain: false,
    });
  });

  it('says when a press could not be sent', async () => {
    const publish = vi.fn<Publish>(() => Promise.reject(new Error('not connected')));
    const { button } = renderButton(config(), publish);
    await act(async () => {
      fireEvent.click(button);
    });
    expect(screen.getByRole('alert').textContent).toBe('Not sent: not connected');
  });

  it('is disabled without a topic, and says so', () => {
    const { button, publish } = renderButton(config({ topic: '', confirm: 'Sure?' }));
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button);
    expect(publish).not.toHaveBeenCalled();
    expect(screen.getByText('No topic set.')).toBeTruthy();
  });

  it('shows its label and question as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const { button, container } = renderButton(config({ label: evil, confirm: evil }));
    expect(button.textContent).toBe(evil);
    fireEvent.click(button);
    expect(screen.getByRole('dialog', { name: evil })).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('keeps a name when it shows only an icon', () => {
    render(
      <ButtonView
        config={config({ label: '', icon: 'power' })}
        value={undefined}
        publish={() => Promise.resolve()}
        labelId="l"
      />,
    );
    expect(screen.getByRole('button', { name: 'Power' })).toBeTruthy();
  });
});

describe('button with whatever arrives', () => {
  // The button subscribes to nothing; a value handed to it anyway (a frame bug, a future
  // state topic) must change nothing and never become HTML.
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  const bad: Array<[string, string | Uint8Array]> = [
    ['non-numeric text', 'abc'],
    ['invalid JSON', '{"a": '],
    ['binary', new Uint8Array([0xff, 0xfe, 0x00, 0x80])],
    ['empty', ''],
    ['1 MB', 'x'.repeat(1024 * 1024)],
    ['unicode', 'Grüße 🌡️ 温度 \u202e'],
    ['HTML and script', evil],
  ];
  it.each(bad)('ignores %s', (_name, payload) => {
    const publish = vi.fn<Publish>(() => Promise.resolve());
    const { container } = render(
      <ButtonView config={config()} value={entry(payload)} publish={publish} labelId="l" />,
    );
    expect(screen.getByRole('button', { name: 'Restart' }).textContent).toBe('Restart');
    expect(container.querySelector('img, script')).toBeNull();
    expect(publish).not.toHaveBeenCalled();
  });
});

describe('button definition', () => {
  it('subscribes to nothing', () => {
    expect(buttonWidget.subscriptions(config())).toEqual([]);
    expect(buttonWidget.stateTopic).toBeUndefined();
    expect(buttonWidget.title(config())).toBe('Restart');
  });

  it('maps Node-RED icon names', () => {
    expect(iconFromNodeRed('fa-power-off')).toBe('power');
    expect(iconFromNodeRed('fa-unlock-alt')).toBe('unlock');
    expect(iconFromNodeRed('lock_open')).toBe('unlock');
    expect(iconFromNodeRed('fa-lock')).toBe('lock');
    expect(iconFromNodeRed('fa-refresh')).toBe('refresh');
    expect(iconFromNodeRed('play_arrow')).toBe('play');
    expect(iconFromNodeRed('fa-lightbulb-o')).toBe('light');
    expect(iconFromNodeRed('fa-rocket')).toBe('none');
    expect(iconFromNodeRed(undefined)).toBe('none');
  });

  it('converts a Node-RED ui_button', () => {
    const c = buttonSchema.parse(
      convertNodeRedButton({
        node: {
          type: 'ui_button',
          label: 'Neustart',
          payload: '{"cmd":"restart"}',
          payloadType: 'json',
          bgcolor: '#C00',
          icon: 'fa-refresh',
          topic: 'ignored/when/wired',
        },
        publishTo: { topic: 'server/cmd', qos: 1, retain: false },
      }),
    );
    expect(c).toMatchObject({
      label: 'Neustart',
      topic: 'server/cmd',
      payload: '{"cmd":"restart"}',
      payloadType: 'json',
      color: '#cc0000',
      icon: 'refresh',
      qos: 1,
    });
    const loose = buttonSchema.parse(
      convertNodeRedButton({
        node: { type: 'ui_button', name: 'B', payload: 'abc', payloadType: 'num', topic: 'x/y' },
      }),
    );
    expect(loose).toMatchObject({
      label: 'B',
      topic: 'x/y',
      payload: 'abc',
      payloadType: 'text',
      color: '#1f6feb',
    });
  });
});
