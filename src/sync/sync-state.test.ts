import { describe, expect, it } from 'vitest';
import { msg, say } from '@/i18n/message';
import { deriveSyncState, type SyncFacts } from './sync-state';

const facts = (over: Partial<SyncFacts> = {}): SyncFacts => ({
  connected: true,
  subscription: 'granted',
  settled: true,
  filter: 'tafel/dashboards/#',
  ids: ['a', 'b'],
  offers: {},
  busy: new Set(),
  errors: new Map(),
  localChanges: new Set(),
  ...over,
});

describe('the sync state a person sees', () => {
  it('is synced when connected, settled and nothing is on its way', () => {
    expect(deriveSyncState(facts())).toMatchObject({ status: 'synced', reason: null });
  });

  it('is local only without the broker, whatever else holds', () => {
    const s = deriveSyncState(
      facts({ connected: false, errors: new Map([['a', msg('sync:reason.badId', { id: 'x' })]]) }),
    );
    expect(s.status).toBe('local');
    expect(say(s.reason!)).toBe('not connected to the broker');
  });

  it('says a refused subscription, then a dashboard that failed, before being busy', () => {
    expect(say(deriveSyncState(facts({ subscription: 'refused' })).reason!)).toBe(
      'the broker refused the subscription to tafel/dashboards/#',
    );
    const failed = deriveSyncState(
      facts({
        errors: new Map([['b', msg('sync:reason.badId', { id: 'x' })]]),
        busy: new Set(['a']),
      }),
    );
    expect(failed).toMatchObject({
      status: 'error',
      reason: msg('sync:reason.badId', { id: 'x' }),
    });
    expect(failed.dashboards).toMatchObject({ a: { status: 'pending' }, b: { status: 'error' } });
  });

  it('is syncing until settled, and while a dashboard is pending or changed', () => {
    expect(deriveSyncState(facts({ settled: false })).status).toBe('syncing');
    expect(deriveSyncState(facts({ subscription: 'waiting' })).status).toBe('syncing');
    expect(deriveSyncState(facts({ localChanges: new Set(['a']) })).status).toBe('syncing');
  });

  it('marks a dashboard with an offer as a conflict', () => {
    const s = deriveSyncState(
      facts({
        offers: {
          a: {
            kind: 'deleted',
            tombstone: { revision: 3, deletedAt: '2026-01-01T00:00:00Z' },
            dashboardId: 'a',
            receivedAt: 0,
          },
        },
      }),
    );
    expect(s.dashboards.a?.status).toBe('conflict');
    expect(say(s.dashboards.a!.reason!)).toBe('it was deleted on another device');
  });
});
