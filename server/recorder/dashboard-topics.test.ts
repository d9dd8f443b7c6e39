import { describe, expect, it } from 'vitest';
import {
  DashboardTopics,
  MAX_DASHBOARD_BYTES,
  MAX_FILTERS_PER_DASHBOARD,
  filtersOfDashboard,
  isValidFilter,
  isWildcard,
  syncTopicId,
  topicMatches,
} from './dashboard-topics.ts';
import { dashboardMessage, tombstoneMessage, widget } from './test-dashboards.ts';

const PREFIX = 'tafel/dashboards/';
const buf = (s: string) => Buffer.from(s);

/** The recorded filters as plain data: filter → sorted value paths. */
function recorded(d: DashboardTopics): Record<string, string[]> {
  return Object.fromEntries(d.filters().map((f) => [f.filter, [...f.paths].sort()]));
}

/** The example dashboard's shapes: the tutorial's slider and gauge, a chart, a switch. */
const homeWidgets = [
  widget('slider', {
    label: 'Temperatur einstellen',
    topic: 'Erdgeschoss/Wohnzimmer/temp',
    stateTopic: '',
    valuePath: '',
    min: 0,
    max: 100,
  }),
  widget('gauge', { title: 'Temperatur', topic: 'Erdgeschoss/Wohnzimmer/temp', valuePath: '' }),
  widget('chart', {
    title: 'Klima',
    series: [
      { topic: 'haus/+/klima', valuePath: 'temp', label: '', color: '#1f6feb' },
      { topic: 'haus/+/klima', valuePath: 'hum', label: '', color: '#ff0000' },
      { topic: 'wetter/aussen', valuePath: 'sensor.values[0]', label: '', color: '#00ff00' },
    ],
  }),
  widget('switch', {
    label: 'Licht',
    topic: 'licht/set',
    stateTopic: 'licht/state',
    valuePath: 'state',
  }),
];

describe('filtersOfDashboard', () => {
  it('reads topic, stateTopic and series[].topic with their value paths', () => {
    const copy = filtersOfDashboard(dashboardMessage('home', homeWidgets, { revision: 4 }));
    expect(copy?.revision).toBe(4);
    expect(Object.fromEntries([...copy!.filters].map(([f, p]) => [f, [...p].sort()]))).toEqual({
      'Erdgeschoss/Wohnzimmer/temp': [''],
      'haus/+/klima': ['', 'hum', 'temp'],
      'wetter/aussen': ['', 'sensor.values[0]'],
      'licht/set': ['', 'state'],
      'licht/state': ['', 'state'],
    });
  });

  it('reads widgets on every page and group, and skips what names no valid filter', () => {
    const text = JSON.stringify({
      format: 'tafel-dashboard',
      schemaVersion: 1,
      dashboard: {
        id: 'multi',
        title: 'Multi',
        revision: 1,
        pages: [
          {
            id: 'p1',
            title: 'One',
            groups: [{ id: 'g1', widgets: [widget('text', { topic: 'a/1' })] }],
          },
          {
            id: 'p2',
            title: 'Two',
            groups: [
              { id: 'g2', widgets: [widget('text', { topic: ' a/2 ' })] },
              {
                id: 'g3',
                widgets: [
                  widget('text', { topic: 'bad/#/x' }),
                  widget('text', { topic: 'bad+' }),
                  widget('text', { topic: '' }),
                  widget('text', { topic: 42 }),
                  widget('text', { valuePath: 'x' }),
                  { id: 'no-config', type: 'text', version: 1 },
                  null,
                  widget('chart', { series: [null, { topic: 'a/3' }, { valuePath: 'v' }] }),
                ],
              },
            ],
          },
          { id: 'p3', title: 'Empty' },
        ],
      },
    });
    expect([...filtersOfDashboard(text)!.filters.keys()].sort()).toEqual(['a/1', 'a/2', 'a/3']);
  });

  it('is null for what is no dashboard message', () => {
    expect(filtersOfDashboard('not json')).toBeNull();
    expect(filtersOfDashboard('{"format":"other","dashboard":{}}')).toBeNull();
    expect(filtersOfDashboard('{"dashboard":{"pages":[]}}')).toBeNull();
    expect(filtersOfDashboard('null')).toBeNull();
    expect(filtersOfDashboard('42')).toBeNull();
    expect(filtersOfDashboard('{"format":"tafel-dashboard","dashboard":"x"}')).toBeNull();
    expect(filtersOfDashboard('{"format":"tafel-dashboard","dashboard":null}')).toBeNull();
    expect(filtersOfDashboard('{"format":"tafel-dashboard","dashboard":{"pages":{}}}')).toBeNull();
  });

  it('does not read a dashboard larger than the app would', () => {
    const big = dashboardMessage('big', [
      widget('text', { topic: 'a/b', title: 'x'.repeat(MAX_DASHBOARD_BYTES) }),
    ]);
    expect(filtersOfDashboard(big)).toBeNull();
  });

  it('adds at most MAX_FILTERS_PER_DASHBOARD filters from a hostile dashboard', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => widget('gauge', { topic: `flood/${i}` }));
    const copy = filtersOfDashboard(dashboardMessage('hostile', many));
    expect(copy!.filters.size).toBe(MAX_FILTERS_PER_DASHBOARD);
  });

  it('adds at most MAX_FILTERS_PER_DASHBOARD series (filter and path) from a hostile dashboard', () => {
    // One topic, 10,000 value paths: each message on it would otherwise be 10,000 samples.
    const many = Array.from({ length: 10_000 }, (_, i) =>
      widget('gauge', { topic: 'one/topic', valuePath: `v${i}` }),
    );
    const copy = filtersOfDashboard(dashboardMessage('hostile', many));
    let series = 0;
    for (const paths of copy!.filters.values()) series += paths.size;
    expect(series).toBeLessThanOrEqual(MAX_FILTERS_PER_DASHBOARD);
    expect(copy!.filters.get('one/topic')?.has('v0')).toBe(true);
  });
});

describe('DashboardTopics', () => {
  it('records a shared dashboard’s topics, and says when they changed', () => {
    const d = new DashboardTopics(PREFIX);
    expect(d.filters()).toEqual([]);
    expect(d.take(`${PREFIX}home`, buf(dashboardMessage('home', homeWidgets)))).toBe(true);
    expect(d.dashboards).toBe(1);
    expect(recorded(d)).toMatchObject({
      'Erdgeschoss/Wohnzimmer/temp': [''],
      'haus/+/klima': ['', 'hum', 'temp'],
    });
    // The same copy again (a reconnect's replay): nothing changed.
    expect(d.take(`${PREFIX}home`, buf(dashboardMessage('home', homeWidgets)))).toBe(false);
    // Sorted by filter.
    const names = d.filters().map((f) => f.filter);
    expect(names).toEqual([...names].sort());
  });

  it('unites filters of several dashboards and RECORD_TOPICS', () => {
    const d = new DashboardTopics(PREFIX, ['keller/#', 'a/b']);
    d.take(
      `${PREFIX}one`,
      buf(dashboardMessage('one', [widget('gauge', { topic: 'a/b', valuePath: 'x' })])),
    );
    d.take(
      `${PREFIX}two`,
      buf(dashboardMessage('two', [widget('gauge', { topic: 'a/b', valuePath: 'y' })])),
    );
    expect(recorded(d)).toEqual({ 'a/b': ['', 'x', 'y'], 'keller/#': [''] });
    expect(d.dashboards).toBe(2);
  });

  it('never records # from a dashboard (RECORD_TOPICS may), nor the sync prefix itself', () => {
    const d = new DashboardTopics(PREFIX);
    d.take(
      `${PREFIX}explorer`,
      buf(
        dashboardMessage('explorer', [
          widget('text', { topic: '#' }),
          widget('text', { topic: `${PREFIX}#` }),
          widget('text', { topic: `${PREFIX}other` }),
          widget('text', { topic: 'ok/topic' }),
          widget('text', { topic: '+/#' }),
        ]),
      ),
    );
    expect(Object.keys(recorded(d))).toEqual(['+/#', 'ok/topic']);
    expect(Object.keys(recorded(new DashboardTopics(PREFIX, ['#'])))).toEqual(['#']);
  });

  it('forgets a dashboard whose retained copy is cleared (empty payload)', () => {
    const d = new DashboardTopics(PREFIX, ['extra/topic']);
    d.take(`${PREFIX}home`, buf(dashboardMessage('home', homeWidgets)));
    expect(d.take(`${PREFIX}home`, Buffer.alloc(0))).toBe(true);
    expect(recorded(d)).toEqual({ 'extra/topic': [''] });
    expect(d.dashboards).toBe(0);
  });

  it('a tombstone removes a copy at or below its revision, not a newer one', () => {
    const d = new DashboardTopics(PREFIX);
    const at = (revision: number) =>
      buf(dashboardMessage('home', [widget('gauge', { topic: `rev/${revision}` })], { revision }));
    d.take(`${PREFIX}home`, at(3));
    expect(d.take(`${PREFIX}home/deleted`, buf(tombstoneMessage(3)))).toBe(true);
    expect(d.filters()).toEqual([]);
    expect(d.dashboards).toBe(0);
    // An older copy arriving late stays deleted.
    expect(d.take(`${PREFIX}home`, at(2))).toBe(false);
    expect(d.filters()).toEqual([]);
    // Made again after the deletion: a newer revision is live.
    expect(d.take(`${PREFIX}home`, at(4))).toBe(true);
    expect(Object.keys(recorded(d))).toEqual(['rev/4']);

    // The tombstone first, then a newer copy: kept.
    const e = new DashboardTopics(PREFIX);
    e.take(`${PREFIX}x/deleted`, buf(tombstoneMessage(5)));
    e.take(
      `${PREFIX}x`,
      buf(dashboardMessage('x', [widget('gauge', { topic: 'new/one' })], { revision: 6 })),
    );
    expect(Object.keys(recorded(e))).toEqual(['new/one']);
    // A tombstone below the copy's revision removes nothing.
    expect(e.take(`${PREFIX}x/deleted`, buf(tombstoneMessage(5)))).toBe(false);
    expect(Object.keys(recorded(e))).toEqual(['new/one']);
  });

  it('keeps what was there for a stray or invalid message under the prefix', () => {
    const d = new DashboardTopics(PREFIX);
    d.take(`${PREFIX}home`, buf(dashboardMessage('home', homeWidgets, { revision: 2 })));
    d.take(`${PREFIX}old/deleted`, buf(tombstoneMessage(9)));
    d.take(
      `${PREFIX}old`,
      buf(dashboardMessage('old', [widget('gauge', { topic: 'old/t' })], { revision: 9 })),
    );
    const before = recorded(d);
    expect(before['old/t']).toBeUndefined();
    for (const [topic, payload] of [
      [`${PREFIX}home`, 'not json'],
      [`${PREFIX}home`, '{"format":"something-else"}'],
      [`${PREFIX}home`, '{"format":"tafel-dashboard","dashboard":null}'],
      [`${PREFIX}home`, '[1,2,3]'],
      [`${PREFIX}home/other`, dashboardMessage('x', [widget('gauge', { topic: 'stray/1' })])],
      [`${PREFIX}a/b/c`, dashboardMessage('x', [widget('gauge', { topic: 'stray/2' })])],
      [`${PREFIX}+`, dashboardMessage('x', [widget('gauge', { topic: 'stray/3' })])],
      ['elsewhere/home', dashboardMessage('x', [widget('gauge', { topic: 'stray/4' })])],
      // A tombstone that is no tombstone does not bring the deleted dashboard back.
      [`${PREFIX}old/deleted`, 'garbage'],
      [`${PREFIX}old/deleted`, '{"revision":-1}'],
      [`${PREFIX}old/deleted`, '{"revision":"9"}'],
    ] as const) {
      expect(d.take(topic, buf(payload)), `${topic} ${payload.slice(0, 40)}`).toBe(false);
    }
    expect(recorded(d)).toEqual(before);
    expect(d.dashboards).toBe(1);
  });

  it('a cleared tombstone makes the copy it held back count again, as in the app', () => {
    const d = new DashboardTopics(PREFIX);
    d.take(
      `${PREFIX}x`,
      buf(dashboardMessage('x', [widget('gauge', { topic: 'x/t' })], { revision: 1 })),
    );
    d.take(`${PREFIX}x/deleted`, buf(tombstoneMessage(1)));
    expect(d.filters()).toEqual([]);
    expect(d.take(`${PREFIX}x/deleted`, Buffer.alloc(0))).toBe(true);
    expect(Object.keys(recorded(d))).toEqual(['x/t']);
  });

  it('works with another sync prefix', () => {
    const d = new DashboardTopics('haus/sync/');
    d.take('haus/sync/a', buf(dashboardMessage('a', [widget('gauge', { topic: 'p/q' })])));
    d.take(`${PREFIX}b`, buf(dashboardMessage('b', [widget('gauge', { topic: 'r/s' })])));
    expect(Object.keys(recorded(d))).toEqual(['p/q']);
  });
});

describe('topics and filters', () => {
  it('validates filters as MQTT does', () => {
    for (const ok of ['a', 'a/b', '+', '#', 'a/+/c', 'a/#', '+/+', '/a', 'a/', '$SYS/#']) {
      expect(isValidFilter(ok), ok).toBe(true);
    }
    for (const bad of ['', 'a/#/b', 'a+', 'a/b#', '#/a', 'a/+b', 'x'.repeat(1025), 'a\u0000b']) {
      expect(isValidFilter(bad), JSON.stringify(bad.slice(0, 20))).toBe(false);
    }
  });

  it('tells wildcards from topics', () => {
    expect(['+', '#', 'a/+', 'a/#', '+/b', 'a/+/c'].every(isWildcard)).toBe(true);
    expect(['a', 'a/b', 'a+b', 'a#', 'a/b+'].some(isWildcard)).toBe(false);
  });

  it('matches topics by MQTT rules', () => {
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+/c', 'a/b/d')).toBe(false);
    expect(topicMatches('a/+', 'a/b/c')).toBe(false);
    expect(topicMatches('a/#', 'a')).toBe(true);
    expect(topicMatches('a/#', 'a/b/c')).toBe(true);
    expect(topicMatches('#', 'anything/at/all')).toBe(true);
    expect(topicMatches('+', '')).toBe(true);
    expect(topicMatches('#', '$SYS/broker')).toBe(false);
    expect(topicMatches('+/broker', '$SYS/broker')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/broker')).toBe(true);
  });

  it('parses sync topics as the app does', () => {
    expect(syncTopicId(PREFIX, `${PREFIX}home`)).toEqual({ id: 'home', kind: 'dashboard' });
    expect(syncTopicId(PREFIX, `${PREFIX}home/deleted`)).toEqual({ id: 'home', kind: 'tombstone' });
    expect(syncTopicId(PREFIX, `${PREFIX}home/other`)).toBeNull();
    expect(syncTopicId(PREFIX, PREFIX)).toBeNull();
    expect(syncTopicId(PREFIX, `${PREFIX}/deleted`)).toBeNull();
    expect(syncTopicId(PREFIX, 'elsewhere/home')).toBeNull();
  });
});
