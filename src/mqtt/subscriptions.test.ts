import { describe, expect, it } from 'vitest';
import { createSubscriptionManager, type QoS } from './subscriptions';

function setup(connected = true) {
  const calls: string[] = [];
  const transport = {
    connected,
    isConnected() {
      return this.connected;
    },
    subscribe: (f: string, q: QoS) => calls.push(`sub ${f} ${q}`),
    unsubscribe: (f: string) => calls.push(`unsub ${f}`),
  };
  return { manager: createSubscriptionManager(transport), calls, transport };
}

describe('subscription manager', () => {
  it('subscribes on the first reference and unsubscribes after the last', () => {
    const { manager, calls } = setup();
    const r1 = manager.acquire('a/b', 0);
    const r2 = manager.acquire('a/b', 0);
    expect(calls).toEqual(['sub a/b 0']);
    r1();
    expect(calls).toEqual(['sub a/b 0']);
    expect(manager.active().get('a/b')).toEqual({ refs: 1, qos: 0 });
    r2();
    expect(calls).toEqual(['sub a/b 0', 'unsub a/b']);
    expect(manager.active().size).toBe(0);
  });

  it('asks for the highest QoS any holder wants, and lowers it when that holder leaves', () => {
    const { manager, calls } = setup();
    const low = manager.acquire('t', 0);
    const high = manager.acquire('t', 2);
    expect(calls).toEqual(['sub t 0', 'sub t 2']);
    high();
    expect(calls.at(-1)).toBe('sub t 0');
    low();
    expect(calls.at(-1)).toBe('unsub t');
  });

  it('ignores a release called twice', () => {
    const { manager, calls } = setup();
    const r1 = manager.acquire('t', 1);
    manager.acquire('t', 1);
    r1();
    r1();
    expect(manager.active().get('t')?.refs).toBe(1);
    expect(calls).toEqual(['sub t 1']);
  });

  it('remembers subscriptions made while offline and restores all on connect', () => {
    const { manager, calls, transport } = setup(false);
    manager.acquire('a', 0);
    manager.acquire('b/#', 2);
    expect(calls).toEqual([]);
    transport.connected = true;
    manager.restore();
    expect(calls).toEqual(['sub a 0', 'sub b/# 2']);
    calls.length = 0;
    manager.restore(); // a reconnect re-subscribes everything again
    expect(calls).toEqual(['sub a 0', 'sub b/# 2']);
  });

  it('tells listeners the filter list when it changes', () => {
    const { manager } = setup();
    const seen: string[][] = [];
    manager.onChange((f) => seen.push(f));
    const r = manager.acquire('x/+', 0);
    manager.acquire('x/+', 0);
    r();
    expect(seen).toEqual([['x/+']]);
  });
});
