// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '@/i18n/i18n';
import { createIngest } from '@/mqtt/ingest';
import { useConnectionStore } from '@/stores/connection-store';
import { liveStoreSink, useLiveStore } from '@/stores/live-store';
import { Freshness, freshness, OFFLINE_STALE_MS } from './freshness';
import { entry } from './kit/test-utils';
import { WidgetFrame } from './widget-frame';

const T = Date.UTC(2026, 11, 1, 7, 22, 0);
const live = { receivedAt: T, retained: false };

describe('freshness', () => {
  it('is fresh within its stale time, and says when the value came', () => {
    const f = freshness(live, 60, null, T + 30_000);
    expect(f.staleFrom).toBeNull();
    expect(f.text).toMatch(/^Last update .*, 30 sec\. ago$/);
  });

  it('without a clock that ticks, says when the value came and no age (a frozen "now")', () => {
    const f = freshness(live, null, null, T, false);
    expect(f.text).toMatch(/^Last update \d\d:\d\d:\d\d( [AP]M)?$/);
  });

  it('with "stale after", is stale from the moment that time ran out — not later, not earlier', () => {
    expect(freshness(live, 60, null, T + 90_000).staleFrom).toBe(T + 60_000);
  });

  it('without the broker, is stale from when the broker went, not from the last message', () => {
    const gone = T + 10 * 60_000;
    const f = freshness(live, null, gone, gone + OFFLINE_STALE_MS + 1000);
    expect(f.staleFrom).toBe(gone);
  });

  it('with both, is stale from whichever came first (never a time in the future)', () => {
    const gone = T + 5000;
    const now = gone + OFFLINE_STALE_MS + 1000;
    const f = freshness(live, 3600, gone, now);
    expect(f.staleFrom).toBe(gone);
    expect(f.staleFrom!).toBeLessThanOrEqual(now);
  });

  it('says a retained value was retained, not that it is "just now"', () => {
    const f = freshness({ receivedAt: T, retained: true }, null, null, T + 500);
    expect(f.text).toMatch(
      /^Retained value, received .* \(the broker does not say how old it is\)$/,
    );
    expect(f.text).not.toMatch(/just now/);
  });
});

// The recorder's last value (src/recorder/last-values.ts): its own time, to the minute, until a
// message comes. Local times, so the test says the same in every time zone and at any hour;
// each test on a later day of December (the page's shared clock, use-now.ts, never goes back).
const recordedOn = (day: number) => new Date(2026, 11, day, 6, 12, 40).getTime();
const laterOn = (day: number) => new Date(2026, 11, day, 9, 30, 0).getTime();
const RECORDED = recordedOn(3);
const LATER = laterOn(3);

describe('freshness of a recorded value', () => {
  // The broker is there (else every value goes stale after a few seconds).
  beforeEach(() => useConnectionStore.setState({ disconnectedAt: null }));
  afterEach(() => {
    cleanup();
    useLiveStore.setState({ entries: {} });
    setLanguage('en');
    vi.useRealTimers();
  });

  it('says it is the server’s value from a time, with its age, never “last update”', () => {
    const f = freshness(
      { receivedAt: RECORDED, retained: false, recorded: true },
      null,
      null,
      LATER,
    );
    expect(f.text).toMatch(/^Recorded 06:12 AM, 3 hr\. ago: the server's last value/);
    expect(f.text).not.toMatch(/Last update/);
    act(() => setLanguage('de'));
    expect(
      freshness({ receivedAt: RECORDED, retained: true, recorded: true }, null, null, LATER).text,
    ).toMatch(/^Aufgezeichnet 06:12, vor 3 Std\.: der letzte Wert des Servers/);
  });

  it('the badge shows “from 06:12” / “Stand 06:12” and says “Recorded …” to a screen reader', () => {
    vi.useFakeTimers({ now: laterOn(4) });
    render(
      <Freshness
        receivedSecond={Math.floor(recordedOn(4) / 1000)}
        retained={false}
        recorded
        staleAfter={null}
      />,
    );
    const badge = screen.getByRole('button', { name: /^Recorded 06:12 AM, 3 hr\. ago/ });
    expect(badge.textContent).toBe('from 06:12 AM');
    act(() => setLanguage('de'));
    expect(
      screen.getByRole('button', { name: /^Aufgezeichnet 06:12, vor 3 Std\./ }).textContent,
    ).toBe('Stand 06:12');
    // Its age goes on as the clock ticks.
    act(() => vi.advanceTimersByTime(2 * 3_600_000));
    expect(screen.getByRole('button', { name: /^Aufgezeichnet 06:12, vor 5 Std\./ })).toBeTruthy();
  });

  it('with “stale after”, an old recorded value is marked stale', () => {
    vi.useFakeTimers({ now: laterOn(5) });
    render(
      <Freshness
        receivedSecond={Math.floor(recordedOn(5) / 1000)}
        retained={false}
        recorded
        staleAfter={60}
      />,
    );
    expect(screen.getByRole('button').textContent).toMatch(/^Stale since/);
  });

  it('a live message through the ingest removes the mark', async () => {
    vi.useFakeTimers({ now: laterOn(6), toFake: ['Date', 'setInterval', 'clearInterval'] });
    useLiveStore.setState({
      entries: { 'haus/temp': { ...entry('21.5', 'haus/temp', recordedOn(6)), recorded: true } },
    });
    const frames: Array<() => void> = [];
    const ingest = createIngest({ schedule: (f) => frames.push(f), sink: liveStoreSink() });
    render(
      <WidgetFrame
        widget={{
          id: 'w',
          type: 'gauge',
          version: 1,
          config: { title: 'Wohnzimmer', topic: 'haus/temp' },
        }}
        publish={() => Promise.resolve()}
      />,
    );
    expect((await screen.findByRole('meter')).getAttribute('aria-valuenow')).toBe('21.5');
    expect(screen.getByRole('button', { name: /^Recorded/ }).textContent).toBe('from 06:12 AM');
    ingest.handle('haus/temp', new TextEncoder().encode('22'), false);
    act(() => frames.splice(0).forEach((f) => f()));
    expect(useLiveStore.getState().entries['haus/temp']?.recorded).toBeUndefined();
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('22');
    expect(screen.queryByRole('button', { name: /^Recorded/ })).toBeNull();
    expect(screen.getByRole('group', { name: 'Wohnzimmer' }).textContent).not.toContain('from');
  });

  it('a value from yesterday says its day too', () => {
    vi.useFakeTimers({ now: laterOn(8) });
    render(
      <Freshness
        receivedSecond={Math.floor(recordedOn(7) / 1000)}
        retained={false}
        recorded
        staleAfter={null}
      />,
    );
    expect(screen.getByRole('button').textContent).toBe('from Dec 7, 06:12 AM');
  });
});
