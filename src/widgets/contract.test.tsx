// @vitest-environment happy-dom
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLiveStore } from '@/stores/live-store';
import { entry } from './kit/test-utils';
import { widgetTypes } from './registry';
import { WidgetFrame } from './widget-frame';

afterEach(() => {
  cleanup();
  useLiveStore.setState({ entries: {} });
});

/**
 * The widget contract, checked once for EVERY registered type (a new type gets all of it by
 * its one registry line): defaults, settings fields, subscriptions, the Node-RED converter,
 * and the bad-input matrix through the real frame.
 */
describe.each(widgetTypes.map((w) => [w.type, w] as const))('%s widget contract', (_t, def) => {
  const defaults = def.schema.parse({}) as Record<string, unknown>;

  it('has defaults for everything, a title, a picker entry and a size', () => {
    expect(typeof def.title(defaults)).toBe('string');
    expect(def.name).not.toBe('');
    expect(def.description).not.toBe('');
    expect(def.icon).toMatch(/^M/);
    expect(def.defaultSize.h).toBeGreaterThan(0);
  });

  it('offers a settings field for every config key, and list items that fit the schema', () => {
    expect(def.fields.map((f) => f.key).sort()).toEqual(Object.keys(defaults).sort());
    for (const f of def.fields) {
      if (f.kind !== 'list') continue;
      expect(def.schema.safeParse({ ...defaults, [f.key]: [f.newItem] }).success).toBe(true);
    }
  });

  it('subscribes to nothing without a topic, and to its state topic with one', () => {
    expect(def.subscriptions(defaults)).toEqual([]);
    const withTopic = def.schema.parse(
      def.type === 'chart'
        ? { series: [{ topic: 'c/t', valuePath: '', label: '', color: '#1f6feb' }] }
        : { topic: 'c/t' },
    );
    const state = def.stateTopic?.(withTopic);
    const topics = def.subscriptions(withTopic).map((s) => s.topic);
    if (state) expect(topics).toContain(state);
    else expect(topics).toEqual([]);
  });

  it('imports a Node-RED node without settings as a valid config', () => {
    if (!def.nodeRed) return;
    expect(def.schema.safeParse(def.nodeRed.convert({ node: {} })).success).toBe(true);
  });
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
 * The bad-input matrix for every type that shows what arrives, through the real frame:
 * whatever comes on its topic reaches the widget (its freshness badge appears), which shows
 * something (an invalid state or the text), never crashes into its error card, and never
 * turns message text into HTML. Types without a state topic (button, text input) read nothing.
 */
const subscribing = widgetTypes.filter((w) => w.stateTopic);
describe.each(subscribing.map((w) => [w.type, w] as const))('%s widget', (_type, definition) => {
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
    expect(container.querySelector('.freshness')).not.toBeNull();
    expect(container.querySelector('.widget--error')).toBeNull();
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
