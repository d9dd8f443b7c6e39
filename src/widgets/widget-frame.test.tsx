// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { setLanguage } from '@/i18n/i18n';
import { createIngest } from '@/mqtt/ingest';
import { useConnectionStore } from '@/stores/connection-store';
import { liveStoreSink, useLiveStore } from '@/stores/live-store';
import { entry } from './kit/test-utils';
import { WidgetFrame } from './widget-frame';

afterEach(() => {
  cleanup();
  useLiveStore.setState({ entries: {} });
  setLanguage('en');
});

const publish = () => Promise.resolve();
const gauge = (id: string, topic: string) => ({
  id,
  type: 'gauge',
  version: 1,
  config: { title: id, topic },
});
const slider = (id: string, topic: string) => ({
  id,
  type: 'slider',
  version: 1,
  config: { label: id, topic },
});

describe('widget frame', () => {
  it('is a group named by the widget title', () => {
    render(<WidgetFrame widget={gauge('Temperatur', 'a')} publish={publish} />);
    expect(screen.getByRole('group', { name: 'Temperatur' })).toBeTruthy();
  });

  it('says a widget without any topic needs one, instead of showing an empty value', () => {
    render(
      <>
        <WidgetFrame widget={gauge('Unbound', '')} publish={publish} />
        <WidgetFrame widget={slider('Dimmer', '')} publish={publish} />
        <WidgetFrame widget={gauge('Bound', 'a/b')} publish={publish} />
      </>,
    );
    const hint = 'No topic set — open its settings.';
    expect(screen.getByRole('group', { name: 'Unbound' }).textContent).toContain(hint);
    expect(screen.getByRole('group', { name: 'Dimmer' }).textContent).toContain(hint);
    expect(screen.queryByRole('slider')).toBeNull();
    expect(screen.getByRole('group', { name: 'Bound' }).textContent).not.toContain(hint);
  });

  it('shows an error card with the reason for an invalid config, and for an unknown type', () => {
    render(
      <>
        <WidgetFrame
          widget={{ id: 'x', type: 'gauge', version: 1, config: { min: 5, max: 1 } }}
          publish={publish}
        />
        <WidgetFrame
          widget={{ id: 'y', type: 'teleporter', version: 1, config: {} }}
          publish={publish}
        />
      </>,
    );
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts[0]).toMatch(/max: Max must be greater than min/);
    expect(alerts[1]).toMatch(/Unknown widget type “teleporter”/);
  });

  it('re-renders a widget only when its own topic gets a message', async () => {
    const renders: Record<string, number> = { a: 0, b: 0 };
    const frames: Array<() => void> = [];
    const ingest = createIngest({ schedule: (f) => frames.push(f), sink: liveStoreSink() });
    // Sliders: their views have no inner library that renders on its own (the gauge's dial does).
    render(
      <>
        <Profiler id="a" onRender={() => renders.a!++}>
          <WidgetFrame widget={slider('A', 'topic/a')} publish={publish} />
        </Profiler>
        <Profiler id="b" onRender={() => renders.b!++}>
          <WidgetFrame widget={slider('B', 'topic/b')} publish={publish} />
        </Profiler>
      </>,
    );
    // The views are lazy: measure from when both are really there.
    await screen.findByRole('slider', { name: 'A' });
    await screen.findByRole('slider', { name: 'B' });
    const before = { ...renders };
    for (let i = 0; i < 100; i++)
      ingest.handle('topic/a', new TextEncoder().encode(String(i)), false);
    act(() => frames.splice(0).forEach((f) => f()));
    expect(renders.a! - before.a!).toBe(1); // 100 messages, one frame, one render
    expect(renders.b! - before.b!).toBe(0);
    expect((screen.getByRole('slider', { name: 'A' }) as HTMLInputElement).value).toBe('99');
  });

  it('marks the recorder’s value with its time until a message comes, in English and German', async () => {
    // 08:30 local time, the value from 06:12 the same day (at any hour the test runs).
    const today = new Date();
    const day = [today.getFullYear(), today.getMonth(), today.getDate()] as const;
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(...day, 8, 30) });
    onTestFinished(() => void vi.useRealTimers());
    // Connected: without the broker every value would also be marked stale.
    const offline = useConnectionStore.getState().disconnectedAt;
    useConnectionStore.setState({ disconnectedAt: null });
    onTestFinished(() => useConnectionStore.setState({ disconnectedAt: offline }));
    const at = new Date(...day, 6, 12);
    useLiveStore.setState({
      entries: { 'haus/temp': { ...entry('21.5', 'haus/temp', at.getTime()), recorded: true } },
    });
    render(<WidgetFrame widget={gauge('Wohnzimmer', 'haus/temp')} publish={publish} />);
    const group = screen.getByRole('group', { name: 'Wohnzimmer' });
    expect((await screen.findByRole('meter')).getAttribute('aria-valuenow')).toBe('21.5');
    const badge = screen.getByRole('button', { name: /^Recorded 06:12 AM, .+ ago/ });
    expect(badge.textContent).toBe('from 06:12 AM');
    act(() => setLanguage('de'));
    expect(screen.getByRole('button', { name: /^Aufgezeichnet 06:12/ }).textContent).toBe(
      'Stand 06:12',
    );
    // A live message: no longer marked.
    act(() => useLiveStore.setState({ entries: { 'haus/temp': entry('22', 'haus/temp') } }));
    expect(group.textContent).not.toContain('Stand');
    expect(screen.queryByRole('button', { name: /^Aufgezeichnet/ })).toBeNull();
  });
});
