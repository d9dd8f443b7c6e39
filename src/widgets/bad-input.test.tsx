// @vitest-environment happy-dom
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLiveStore } from '@/stores/live-store';
import { widgetTypes } from './registry';
import { entry } from './kit/test-utils';
import { WidgetFrame } from './widget-frame';

afterEach(() => {
  cleanup();
  useLiveStore.setState({ entries: {} });
});

const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const bad: Record<string, string | Uint8Array> = {
  'non-numeric text': 'abc',
  'invalid JSON': '{"temp": ',
  'binary (not UTF-8)': new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28]),
  empty: '',
  '1 MB': 'x'.repeat(1024 * 1024),
  unicode: 'Grüße 🌡️ 温度 \u202e',
  'HTML and script': evil,
  'JSON with HTML inside': JSON.stringify({ temp: evil, value: evil }),
};

/**
 * The bad-input matrix for EVERY registered widget type, through the real frame: whatever
 * arrives on its topic, the widget shows something (an invalid state or the text), never
 * crashes into its error card, and never turns message text into HTML.
 */
describe.each(widgetTypes.map((w) => [w.type, w] as const))('%s widget', (_type, definition) => {
  const config = {
    ...(definition.schema.parse({}) as Record<string, unknown>),
    topic: 'bad/in',
    stateTopic: '',
    // The chart reads its series' topics, not `topic`.
    ...(definition.type === 'chart'
      ? { series: [{ topic: 'bad/in', valuePath: '', label: '', color: '#1f6feb' }] }
      : {}),
  };
  const topic = definition.stateTopic?.(definition.schema.parse(config)) ?? 'bad/in';

  it.each(Object.entries(bad))('survives %s', async (_name, payload) => {
    const { container } = render(
      <WidgetFrame
        widget={{ id: 'w', type: definition.type, version: definition.version, config }}
        publish={() => Promise.resolve()}
      />,
    );
    // Views may be lazy: test the real one, not its placeholder.
    await waitFor(() => expect(container.querySelector('.widget__loading')).toBeNull());
    act(() => useLiveStore.setState({ entries: { [topic]: entry(payload, topic) } }));
    expect(container.querySelector('.widget--error')).toBeNull();
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
