// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publish } from '@/mqtt/connection';
import { textInputWidget } from './index';
import { textInputSchema, type TextInputConfig } from './schema';
import { TextInputView } from './text-input-view';

afterEach(cleanup);

const TOPIC = 'home/display/message';
const config = (over: Partial<TextInputConfig> = {}): TextInputConfig =>
  textInputSchema.parse({ label: 'Nachricht', topic: TOPIC, ...over });

function mount(c: TextInputConfig, publish = vi.fn<Publish>(() => Promise.resolve())) {
  const utils = render(
    <>
      <span id="label">{c.label}</span>
      <TextInputView config={c} value={undefined} publish={publish} labelId="label" />
      <button type="button">elsewhere</button>
    </>,
  );
  const input = document.querySelector('input') as HTMLInputElement;
  return { ...utils, publish, input };
}

const sent = (publish: ReturnType<typeof vi.fn<Publish>>) => publish.mock.calls.map((c) => c[1]);
const type = (input: HTMLInputElement, text: string) =>
  fireEvent.change(input, { target: { value: text } });
const enter = (input: HTMLInputElement) => fireEvent.keyDown(input, { key: 'Enter' });

describe('text input schema', () => {
  it('defaults to plain text, QoS 0, not retained, kept after sending', () => {
    expect(textInputSchema.parse({})).toEqual({
      label: 'Text',
      topic: '',
      payloadTemplate: '',
      placeholder: '',
      password: false,
      qos: 0,
      retain: false,
      clearAfterSend: false,
    });
  });

  it('refuses a wildcard topic', () => {
    expect(textInputSchema.safeParse({ topic: 'a/#' }).success).toBe(false);
  });

  it('subscribes to nothing', () => {
    expect(textInputWidget.subscriptions(config())).toEqual([]);
    expect(textInputWidget.stateTopic).toBeUndefined();
  });

  it('converts Node-RED ui_text_input nodes', () => {
    const c = textInputWidget.nodeRed!.convert({
      node: { label: 'PIN', mode: 'password', tooltip: 'four digits' },
      publishTo: { topic: 'door/pin', qos: 1, retain: false },
    });
    expect(textInputSchema.parse(c)).toMatchObject({
      label: 'PIN',
      topic: 'door/pin',
      password: true,
      placeholder: 'four digits',
      qos: 1,
    });
  });
});

describe('text input view', () => {
  it('is a textbox labelled by the title, with the placeholder', () => {
    mount(config({ placeholder: 'Say something' }));
    const box = screen.getByRole('textbox', { name: 'Nachricht' }) as HTMLInputElement;
    expect(box.placeholder).toBe('Say something');
  });

  it('sends on Enter, not on every keystroke, with template, QoS and retain', () => {
    const { input, publish } = mount(
      config({ payloadTemplate: '{"text": {value}}', qos: 1, retain: true }),
    );
    type(input, 'H');
    type(input, 'Hallo "Welt"');
    expect(publish).not.toHaveBeenCalled();
    enter(input);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith(TOPIC, '{"text": "Hallo \\"Welt\\""}', {
      qos: 1,
      retain: true,
    });
    expect(input.value).toBe('Hallo "Welt"');
  });

  it('sends on Enter again, even unchanged', () => {
    const { input, publish } = mount(config());
    type(input, 'ping');
    enter(input);
    enter(input);
    expect(sent(publish)).toEqual(['ping', 'ping']);
  });

  it('sends on blur only when changed since the last send', () => {
    const { input, publish } = mount(config());
    fireEvent.blur(input);
    expect(publish).not.toHaveBeenCalled();
    type(input, 'hello');
    fireEvent.blur(input);
    expect(sent(publish)).toEqual(['hello']);
    fireEvent.blur(input);
    type(input, 'hello');
    fireEvent.blur(input);
    expect(sent(publish)).toEqual(['hello']);
    type(input, 'hello!');
    enter(input);
    fireEvent.blur(input);
    expect(sent(publish)).toEqual(['hello', 'hello!']);
  });

  it('does not send while Enter picks an IME word', () => {
    const { input, publish } = mount(config());
    type(input, 'にほん');
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    expect(publish).not.toHaveBeenCalled();
  });

  it('clears after sending when set', () => {
    const { input, publish } = mount(config({ clearAfterSend: true }));
    type(input, 'next song');
    enter(input);
    expect(input.value).toBe('');
    fireEvent.blur(input); // nothing changed since the send
    expect(sent(publish)).toEqual(['next song']);
  });

  it('hides a password, with a Show toggle that does not send', () => {
    const { input, publish } = mount(config({ password: true }));
    expect(input.type).toBe('password');
    expect(screen.queryByRole('textbox')).toBeNull(); // password fields have no textbox role
    type(input, 's3cret');
    const show = screen.getByRole('button', { name: 'Show' });
    fireEvent.blur(input, { relatedTarget: show });
    fireEvent.click(show);
    expect(show.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBe(input);
    expect(publish).not.toHaveBeenCalled();
    fireEvent.click(show);
    expect(input.type).toBe('password');
    enter(input);
    expect(sent(publish)).toEqual(['s3cret']);
  });

  it('says when it has no topic, and is disabled', () => {
    const { input } = mount(config({ topic: '' }));
    expect(input.disabled).toBe(true);
    expect(screen.getByText('No topic set.')).toBeTruthy();
  });

  it('says when it was sent, and when sending failed', async () => {
    const { input } = mount(config());
    type(input, 'a');
    await act(async () => enter(input));
    expect(screen.getByText(/^Sent /)).toBeTruthy();
    cleanup();
    const failing = mount(
      config(),
      vi.fn<Publish>(() => Promise.reject(new Error('offline'))),
    );
    type(failing.input, 'b');
    await act(async () => enter(failing.input));
    expect(screen.getByRole('alert').textContent).toBe('Not sent: offline');
  });
});

describe('text input with unusual text', () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const cases: Array<[string, string]> = [
    ['unicode', 'Größe 🌡️ 温度'],
    ['HTML/script', evil],
    ['a number', '42'],
    ['JSON', '{"a": 1'],
    ['an empty text', ''],
    ['a 1 MB text', 'x'.repeat(1_000_000)],
  ];
  for (const [name, text] of cases) {
    it(`sends ${name} exactly as typed`, () => {
      const { input, publish, container } = mount(config());
      type(input, text);
      enter(input);
      expect(publish).toHaveBeenCalledWith(TOPIC, text, { qos: 0, retain: false });
      expect(container.querySelector('img, script')).toBeNull();
    });
  }

  it('keeps a JSON template valid whatever is typed', () => {
    const { input, publish } = mount(config({ payloadTemplate: '{"msg": {value}}' }));
    type(input, evil + '\\ "');
    enter(input);
    expect(JSON.parse(sent(publish)[0] as string)).toEqual({ msg: evil + '\\ "' });
  });
});
