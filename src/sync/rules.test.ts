import { describe, expect, it } from 'vitest';
import type { Dashboard } from '@/dashboard/schema';
import { slugify } from '@/dashboard/slugs';
import {
  canonicalJson,
  compareCopies,
  decide,
  encodeDashboard,
  encodeTombstone,
  fingerprint,
  parseDashboardPayload,
  parseSyncTopic,
  parseTombstonePayload,
  type BrokerCopy,
  type KnownDeletion,
  type SyncDecision,
  type SyncSituation,
} from './rules';

const dash = (
  revision: number,
  title = 'Home',
  updatedAt = '2025-01-01T00:00:00.000Z',
): Dashboard => ({
  id: 'd1',
  title,
  // As the app holds a dashboard: with the slugs that reading fills in.
  slugs: [slugify(title)],
  revision,
  updatedAt,
  pages: [{ id: 'p1', title: 'Home', slugs: ['home'], groups: [] }],
});

const copy = (d: Dashboard): BrokerCopy => ({ kind: 'dashboard', dashboard: d });
const deletion = (revision: number, onBroker = true): KnownDeletion => ({
  tombstone: { revision, deletedAt: '2025-02-01T00:00:00.000Z' },
  onBroker,
});

function situation(s: Partial<SyncSituation>): SyncSituation {
  return {
    local: undefined,
    broker: undefined,
    deletion: undefined,
    settled: true,
    localChange: false,
    editing: false,
    offer: undefined,
    ...s,
  };
}

/** Run one side's decision to its end: the broker copy a winner publishes, or what a loser adopts. */
function afterDecision(
  local: Dashboard,
  d: SyncDecision,
  remote: Dashboard,
): { local: Dashboard; published?: Dashboard } {
  if (d.action === 'apply') return { local: d.dashboard };
  if (d.action === 'publish') return { local, published: local };
  return { local: d.action === 'none' ? local : remote };
}

describe('sync rules: wire format', () => {
  it('round-trips a dashboard and rejects what is not one', () => {
    const d = dash(3);
    expect(parseDashboardPayload(encodeDashboard(d), 'd1')).toEqual(copy(d));
    expect(parseDashboardPayload('', 'd1')).toEqual({ kind: 'empty' });
    expect(parseDashboardPayload('{', 'd1')).toMatchObject({ kind: 'invalid', reason: 'not JSON' });
    expect(parseDashboardPayload('{"format":"other"}', 'd1')).toMatchObject({ kind: 'invalid' });
    expect(
      parseDashboardPayload(
        JSON.stringify({
          format: 'tafel-dashboard',
          schemaVersion: 1,
          dashboard: { ...d, pages: [] },
        }),
        'd1',
      ),
    ).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('pages') });
  });

  it('never takes a copy from a newer Tafel, or one filed under another id', () => {
    const newer = JSON.stringify({
      format: 'tafel-dashboard',
      schemaVersion: 99,
      dashboard: dash(1),
    });
    expect(parseDashboardPayload(newer, 'd1')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('newer Tafel'),
    });
    expect(parseDashboardPayload(encodeDashboard(dash(1)), 'other')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('“d1”'),
    });
  });

  it('reads tombstones', () => {
    const t = { revision: 4, deletedAt: '2025-02-01T00:00:00.000Z' };
    expect(parseTombstonePayload(encodeTombstone(t))).toEqual({ kind: 'tombstone', tombstone: t });
    expect(parseTombstonePayload('')).toEqual({ kind: 'empty' });
    expect(parseTombstonePayload('{"revision":-1,"deletedAt":"x"}')).toMatchObject({
      kind: 'invalid',
    });
    expect(parseTombstonePayload('nope')).toMatchObject({ kind: 'invalid' });
  });

  it('knows which topics under the prefix are dashboards and tombstones', () => {
    const p = 'tafel/dashboards/';
    expect(parseSyncTopic(p, 'tafel/dashboards/abc')).toEqual({ id: 'abc', kind: 'dashboard' });
    expect(parseSyncTopic(p, 'tafel/dashboards/abc/deleted')).toEqual({
      id: 'abc',
      kind: 'tombstone',
    });
    expect(parseSyncTopic(p, 'tafel/dashboards/abc/other')).toBeNull();
    expect(parseSyncTopic(p, 'tafel/dashboards/')).toBeNull();
    expect(parseSyncTopic(p, 'tafel/other/abc')).toBeNull();
  });
});

describe('sync rules: ordering', () => {
  it('compares content whatever the key order, and with defaults filled in', () => {
    const a = dash(1);
    const reordered = {
      pages: a.pages,
      updatedAt: a.updatedAt,
      revision: 1,
      slugs: a.slugs,
      title: 'Home',
      id: 'd1',
    };
    expect(canonicalJson(a)).toBe(canonicalJson(reordered));
    expect(compareCopies(a, reordered)).toBe(0);
    // The same copy after a trip through the broker.
    const back = parseDashboardPayload(encodeDashboard(a), 'd1');
    expect(back.kind === 'dashboard' && fingerprint(back.dashboard)).toBe(fingerprint(a));
  });

  it('a copy without slugs (from a Tafel before them) is the same as ours with derived slugs', () => {
    // A Tafel that does not know `slugs` drops them; this one derives the same from the
    // titles, so neither browser sees a different copy and they do not publish back and forth.
    const { slugs: _s, ...older } = {
      ...dash(4),
      pages: [{ id: 'p1', title: 'Home', groups: [] }],
    };
    const heard = parseDashboardPayload(encodeDashboard(older as Dashboard), 'd1');
    expect(heard).toEqual(copy(dash(4)));
    expect(compareCopies(older as Dashboard, dash(4))).toBe(0);
    // And what this Tafel sends is still schema 1, which an older one reads.
    expect(JSON.parse(encodeDashboard(dash(4)))).toMatchObject({ schemaVersion: 1 });
  });

  it('orders by revision, then updatedAt, then content, and is antisymmetric', () => {
    const copies = [
      dash(1),
      dash(2),
      dash(2, 'Other'),
      dash(2, 'Home', '2025-01-02T00:00:00.000Z'),
      dash(2, 'Zzz', 'not a date'),
      dash(3, 'A', '2024-01-01T00:00:00.000Z'),
    ];
    expect(compareCopies(dash(2), dash(1))).toBeGreaterThan(0);
    expect(compareCopies(dash(2, 'A', '2025-01-02T00:00:00Z'), dash(2, 'Z'))).toBeGreaterThan(0);
    expect(compareCopies(dash(2, 'B'), dash(2, 'A'))).not.toBe(0);
    expect(compareCopies(dash(2, 'x', 'not a date'), dash(2, 'y'))).toBeLessThan(0);
    for (const a of copies)
      for (const b of copies)
        expect(Math.sign(compareCopies(a, b))).toBe(-Math.sign(compareCopies(b, a)) || 0);
  });
});

describe('sync rules: decide', () => {
  it('applies a newer broker copy', () => {
    expect(decide(situation({ local: dash(1), broker: copy(dash(2, 'New')) }))).toEqual({
      action: 'apply',
      dashboard: dash(2, 'New'),
    });
  });

  it('takes a dashboard it does not have', () => {
    expect(decide(situation({ broker: copy(dash(1)) }))).toEqual({
      action: 'apply',
      dashboard: dash(1),
    });
    expect(decide(situation({ broker: copy(dash(1)), settled: false }))).toMatchObject({
      action: 'apply',
    });
  });

  it('offers a newer copy instead of applying it while the person edits that dashboard', () => {
    expect(
      decide(situation({ local: dash(1), broker: copy(dash(2, 'New')), editing: true })),
    ).toEqual({
      action: 'offer',
      offer: { kind: 'newer', dashboard: dash(2, 'New') },
    });
  });

  it('re-publishes when the broker copy is older', () => {
    expect(decide(situation({ local: dash(3), broker: copy(dash(2)) }))).toEqual({
      action: 'publish',
    });
    expect(decide(situation({ local: dash(3), broker: copy(dash(2)), editing: true }))).toEqual({
      action: 'publish',
    });
  });

  it('does nothing when both hold the same revision and content', () => {
    const reordered = JSON.parse(encodeDashboard(dash(2))).dashboard as Dashboard;
    expect(decide(situation({ local: dash(2), broker: copy(reordered) }))).toEqual({
      action: 'none',
      why: 'in-sync',
    });
  });

  it('breaks a tie of equal revisions the same way on both sides, and the two converge', () => {
    const pairs: Array<[Dashboard, Dashboard]> = [
      [dash(5, 'Mine'), dash(5, 'Theirs')], // same time: content decides
      [dash(5, 'Early', '2025-01-01T00:00:00.000Z'), dash(5, 'Late', '2025-01-03T00:00:00.000Z')],
      [dash(5, 'Zzz', '2025-01-03T00:00:00.000Z'), dash(5, 'Aaa', '2025-01-01T00:00:00.000Z')],
    ];
    for (const [a, b] of pairs) {
      const onA = decide(situation({ local: a, broker: copy(b) }));
      const onB = decide(situation({ local: b, broker: copy(a) }));
      // One side adopts, the other publishes its own copy again.
      expect([onA.action, onB.action].sort()).toEqual(['apply', 'publish']);
      const endA = afterDecision(a, onA, b);
      const endB = afterDecision(b, onB, a);
      expect(endA.local).toEqual(endB.local);
      const brokerCopy = endA.published ?? endB.published!;
      expect(brokerCopy).toEqual(endA.local);
      // Afterwards both agree with the broker: nothing more happens.
      for (const local of [endA.local, endB.local])
        expect(decide(situation({ local, broker: copy(brokerCopy) }))).toEqual({
          action: 'none',
          why: 'in-sync',
        });
      // The later updatedAt wins where the times differ.
      if (a.updatedAt !== b.updatedAt)
        expect(endA.local.updatedAt).toBe([a.updatedAt, b.updatedAt].sort().at(-1));
    }
  });

  it('offers the winner of a tie instead of applying it while editing', () => {
    const [a, b] = [
      dash(5, 'A', '2025-01-01T00:00:00.000Z'),
      dash(5, 'B', '2025-01-02T00:00:00.000Z'),
    ];
    expect(decide(situation({ local: a, broker: copy(b), editing: true }))).toMatchObject({
      action: 'offer',
    });
  });

  it('publishes a copy missing on the broker once retained messages have settled', () => {
    expect(decide(situation({ local: dash(1), settled: false }))).toEqual({
      action: 'none',
      why: 'waiting',
    });
    expect(decide(situation({ local: dash(1), settled: true }))).toEqual({ action: 'publish' });
    // A person's change goes out at once, settled or not.
    expect(decide(situation({ local: dash(1), settled: false, localChange: true }))).toEqual({
      action: 'publish',
    });
    // Cleared while we watched, without a deletion: missing too.
    expect(decide(situation({ local: dash(1), broker: { kind: 'empty' } }))).toEqual({
      action: 'publish',
    });
  });

  it('ignores an invalid broker copy, and overwrites it only with a local change', () => {
    const invalid: BrokerCopy = { kind: 'invalid', reason: 'not JSON' };
    expect(decide(situation({ broker: invalid }))).toEqual({ action: 'none', why: 'nothing' });
    expect(decide(situation({ local: dash(1), broker: invalid }))).toEqual({
      action: 'none',
      why: 'unreadable',
    });
    expect(decide(situation({ local: dash(1), broker: invalid, localChange: true }))).toEqual({
      action: 'publish',
    });
  });

  describe('tombstones', () => {
    it('a deletion at the local revision removes the local copy (equal)', () => {
      expect(decide(situation({ local: dash(3), deletion: deletion(3) }))).toEqual({
        action: 'remove',
      });
    });

    it('a deletion above the local revision removes it too (newer)', () => {
      expect(
        decide(situation({ local: dash(2), deletion: deletion(3), broker: { kind: 'empty' } })),
      ).toEqual({
        action: 'remove',
      });
    });

    it('a local copy edited after the deletion wins and is published (older tombstone)', () => {
      expect(decide(situation({ local: dash(4), deletion: deletion(3) }))).toEqual({
        action: 'publish',
      });
      // Also over a dead copy still on the broker.
      expect(
        decide(situation({ local: dash(4), deletion: deletion(3), broker: copy(dash(3)) })),
      ).toEqual({
        action: 'publish',
      });
      // Before settling, the copy may still come: the person's change goes at once.
      expect(decide(situation({ local: dash(4), deletion: deletion(3), settled: false }))).toEqual({
        action: 'none',
        why: 'waiting',
      });
    });

    it('a copy at or below the deletion never brings the dashboard back', () => {
      expect(decide(situation({ broker: copy(dash(3)), deletion: deletion(3) }))).toEqual({
        action: 'none',
        why: 'deleted',
      });
      expect(
        decide(situation({ local: dash(2), broker: copy(dash(3)), deletion: deletion(3) })),
      ).toEqual({
        action: 'remove',
      });
    });

    it('a copy edited after the deletion elsewhere comes back', () => {
      expect(decide(situation({ broker: copy(dash(4)), deletion: deletion(3) }))).toEqual({
        action: 'apply',
        dashboard: dash(4),
      });
      expect(
        decide(situation({ local: dash(3), broker: copy(dash(4)), deletion: deletion(3) })),
      ).toEqual({
        action: 'apply',
        dashboard: dash(4),
      });
    });

    it('publishes a deletion the broker does not hold (its own, or after a broker reset)', () => {
      expect(
        decide(situation({ deletion: deletion(3, false), localChange: true, settled: false })),
      ).toEqual({
        action: 'publish-deletion',
      });
      expect(decide(situation({ deletion: deletion(3, false), settled: false }))).toEqual({
        action: 'none',
        why: 'deleted',
      });
      expect(decide(situation({ deletion: deletion(3, false), settled: true }))).toEqual({
        action: 'publish-deletion',
      });
      expect(decide(situation({ deletion: deletion(3, true) }))).toEqual({
        action: 'none',
        why: 'deleted',
      });
      // …unless someone re-created it since.
      expect(
        decide(situation({ deletion: deletion(3, false), broker: copy(dash(4)) })),
      ).toMatchObject({
        action: 'apply',
      });
    });

    it('offers a deletion instead of removing the dashboard being edited', () => {
      expect(decide(situation({ local: dash(3), deletion: deletion(3), editing: true }))).toEqual({
        action: 'offer',
        offer: { kind: 'deleted', tombstone: deletion(3).tombstone },
      });
    });
  });

  describe('offers', () => {
    const offer = { kind: 'newer' as const, dashboard: dash(2, 'Theirs') };

    it('holds everything while an offer waits, in edit mode or not', () => {
      for (const editing of [true, false]) {
        expect(
          decide(situation({ local: dash(1), broker: copy(dash(2, 'Theirs')), offer, editing })),
        ).toEqual({
          action: 'none',
          why: 'held',
        });
        expect(
          decide(
            situation({
              local: dash(3),
              broker: copy(dash(2, 'Theirs')),
              offer,
              editing,
              localChange: true,
            }),
          ),
        ).toEqual({
          action: 'none',
          why: 'held',
        });
      }
    });

    it('replaces the offer with a still newer copy', () => {
      expect(decide(situation({ local: dash(1), broker: copy(dash(3, 'Newest')), offer }))).toEqual(
        {
          action: 'offer',
          offer: { kind: 'newer', dashboard: dash(3, 'Newest') },
        },
      );
    });

    it('a deletion does not override a newer offer, but replaces an older one', () => {
      expect(decide(situation({ local: dash(1), deletion: deletion(1), offer }))).toEqual({
        action: 'none',
        why: 'held',
      });
      expect(decide(situation({ local: dash(1), deletion: deletion(2), offer }))).toEqual({
        action: 'offer',
        offer: { kind: 'deleted', tombstone: deletion(2).tombstone },
      });
    });

    it('a copy edited after an offered deletion replaces that offer', () => {
      const deleted = { kind: 'deleted' as const, tombstone: deletion(2).tombstone };
      expect(decide(situation({ local: dash(2), deletion: deletion(2), offer: deleted }))).toEqual({
        action: 'none',
        why: 'held',
      });
      expect(
        decide(
          situation({
            local: dash(2),
            deletion: deletion(2),
            broker: copy(dash(3)),
            offer: deleted,
          }),
        ),
      ).toEqual({ action: 'offer', offer: { kind: 'newer', dashboard: dash(3) } });
    });
  });
});
