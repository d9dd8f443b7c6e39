import { describe, expect, it } from 'vitest';
import type { Dashboard } from '@/dashboard/schema';
import { createIngest } from '@/mqtt/ingest';
import { watchAlerts } from './alerts';
import type { WidgetAlert } from './types';

const bytes = (s: string) => new TextEncoder().encode(s);

/** A dashboard with a notification widget on its second page and a gauge on its first. */
const dashboard: Dashboard = {
  id: 'd',
  title: 'Haus',
  revision: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  pages: [
    {
      id: 'p1',
      title: 'Wohnzimmer',
      groups: [
        {
          id: 'g1',
          title: '',
          width: 6,
          showTitle: true,
          widgets: [{ id: 'w1', type: 'gauge', version: 1, config: { topic: 'bell' } }],
        },
      ],
    },
    {
      id: 'p2',
      title: 'Flur',
      groups: [
        {
          id: 'g2',
          title: '',
          width: 6,
          showTitle: true,
          widgets: [
            {
              id: 'w2',
              type: 'notification',
              version: 1,
              config: { topic: 'bell', template: 'Es klingelt: {value}' },
            },
          ],
        },
      ],
    },
  ],
};

function setup() {
  const feed = createIngest({ sink: { write: () => {} }, schedule: () => {} });
  feed.keepHistory('#');
  const shown: WidgetAlert[] = [];
  return {
    feed,
    shown,
    send: (p: string, retained = false) => feed.handle('bell', bytes(p), retained),
  };
}

describe('alerts', () => {
  it('toast from a notification widget on any page of the dashboard, every message', () => {
    const { feed, shown, send } = setup();
    const stop = watchAlerts(dashboard, feed, (a) => shown.push(a));
    send('Tür');
    send('Tür'); // the same frame: both ring
    send('Garten', true); // retained: state, not an event
    expect(shown.map((a) => a.text)).toEqual(['Es klingelt: Tür', 'Es klingelt: Tür']);
    stop();
    send('später');
    expect(shown).toHaveLength(2);
  });

  it('do not repeat what arrived before they were watched', () => {
    const { feed, shown, send } = setup();
    send('gestern');
    watchAlerts(dashboard, feed, (a) => shown.push(a));
    expect(shown).toEqual([]);
  });

  it('watch nothing without a dashboard', () => {
    const { feed } = setup();
    expect(() => watchAlerts(undefined, feed, () => {})()).not.toThrow();
  });
});
