import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addPage, putDashboard, renameDashboard } from '@/dashboard/operations';
import type { Dashboard, DashboardDocument } from '@/dashboard/schema';
import { bumpRevisions, selectDashboard, useDashboardStore } from './dashboard-store';

const T0 = '2026-01-01T00:00:00.000Z';
const dashboard = (id: string, revision = 0, title = id.toUpperCase()): Dashboard => ({
  id,
  title,
  revision,
  updatedAt: T0,
  pages: [{ id: `${id}-p`, title: 'Home', groups: [] }],
});
const start = (): DashboardDocument => ({
  schemaVersion: 1,
  dashboards: [dashboard('a', 5), dashboard('b', 2)],
});

const store = () => useDashboardStore.getState();
const get = (id: string) => store().document.dashboards.find((d) => d.id === id)!;
const titles = () => store().document.dashboards.map((d) => d.title);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-25T10:00:00.000Z') });
  store().load(start());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('dashboard store', () => {
  it('load replaces everything without history', () => {
    store().edit((d) => renameDashboard(d, 'a', 'X'));
    store().load(start());
    expect(store().history.past).toEqual([]);
    expect(store().lastSource).toBe('load');
    expect(get('a').title).toBe('A');
  });

  it('an edit bumps revision and updatedAt of the changed dashboard only', () => {
    const b = get('b');
    store().edit((d) => renameDashboard(d, 'a', 'Renamed'));
    expect(get('a')).toMatchObject({
      title: 'Renamed',
      revision: 6,
      updatedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(get('b')).toBe(b);
    expect(store().lastSource).toBe('local');
  });

  it('a new dashboard gets a revision above its own', () => {
    store().edit((d) => putDashboard(d, dashboard('c', 7)));
    expect(get('c').revision).toBe(8);
    expect(get('a').revision).toBe(5);
  });

  it('a replaced dashboard ends above both the old and the incoming revision', () => {
    store().edit((d) => putDashboard(d, dashboard('a', 1, 'Imported')));
    expect(get('a')).toMatchObject({ title: 'Imported', revision: 6 });
    store().edit((d) => putDashboard(d, dashboard('a', 40, 'Again')));
    expect(get('a').revision).toBe(41);
  });

  it('an edit that changes nothing records nothing', () => {
    const before = store().document;
    store().edit((d) => d);
    store().edit((d) => renameDashboard(d, 'a', 'A'));
    store().edit((d) => renameDashboard(d, 'nope', 'X'));
    expect(store().document).toBe(before);
    expect(store().history.past).toEqual([]);
    expect(store().lastSource).toBe('load');
  });

  it('applyRemote keeps the revisions as they came, and can be undone', () => {
    const remote = { ...dashboard('a', 9, 'From the tablet'), updatedAt: '2026-11-24T00:00:00Z' };
    store().applyRemote((d) => putDashboard(d, remote));
    expect(get('a')).toBe(remote);
    expect(store().lastSource).toBe('remote');
    expect(store().history.past).toHaveLength(1);

    store().undo();
    expect(get('a').title).toBe('A');
    expect(get('a').revision).toBe(10); // forward from the remote's 9
  });

  it('applyRemote that changes nothing records nothing', () => {
    store().applyRemote((d) => d);
    expect(store().history.past).toEqual([]);
  });

  it('undo and redo restore the content and move revisions forward, never back', () => {
    store().edit((d) => renameDashboard(d, 'a', 'One')); // rev 6
    store().edit((d) => addPage(d, 'a', { id: 'p2', title: 'Two', groups: [] })); // rev 7
    expect(get('a').revision).toBe(7);
    const b = get('b');

    const revisions = [get('a').revision];
    store().undo();
    expect(get('a').title).toBe('One');
    expect(get('a').pages).toHaveLength(1);
    revisions.push(get('a').revision);

    store().undo();
    expect(get('a').title).toBe('A');
    revisions.push(get('a').revision);

    store().redo();
    expect(get('a').title).toBe('One');
    expect(get('a').pages).toHaveLength(1);
    revisions.push(get('a').revision);

    store().redo();
    expect(get('a').pages.map((p) => p.title)).toEqual(['Home', 'Two']);
    revisions.push(get('a').revision);

    expect(revisions).toEqual([7, 8, 9, 10, 11]);
    expect(get('b')).toBe(b); // untouched by any of it
    expect(store().lastSource).toBe('local');
  });

  it('undo and redo with nothing to do change nothing', () => {
    const before = store().document;
    store().undo();
    store().redo();
    expect(store().document).toBe(before);
  });

  it('a new edit after undo clears redo', () => {
    store().edit((d) => renameDashboard(d, 'a', 'One'));
    store().undo();
    store().edit((d) => renameDashboard(d, 'b', 'Other'));
    const before = store().document;
    store().redo();
    expect(store().document).toBe(before);
    expect(titles()).toEqual(['A', 'Other']);
  });

  it('undoes 50 edits, back to where it started', () => {
    for (let i = 1; i <= 50; i++) store().edit((d) => renameDashboard(d, 'a', `Title ${i}`));
    expect(get('a').revision).toBe(55);
    for (let i = 0; i < 50; i++) store().undo();
    expect(get('a').title).toBe('A');
    expect(get('a').revision).toBe(105);
    for (let i = 0; i < 50; i++) store().redo();
    expect(get('a').title).toBe('Title 50');
    expect(get('a').revision).toBe(155);
  });
});

describe('bumpRevisions', () => {
  it('returns the same document when no dashboard changed', () => {
    const doc = start();
    expect(bumpRevisions(doc, { ...doc })).toEqual(doc);
    const same = { ...doc, dashboards: [...doc.dashboards] };
    expect(bumpRevisions(doc, same)).toBe(same);
  });
});

describe('selectDashboard', () => {
  it('finds by id, falling back to the first', () => {
    expect(selectDashboard(store(), 'b')?.id).toBe('b');
    expect(selectDashboard(store(), 'nope')?.id).toBe('a');
    expect(selectDashboard(store())?.id).toBe('a');
    store().load({ schemaVersion: 1, dashboards: [] });
    expect(selectDashboard(store())).toBeUndefined();
  });

  it('undo reverts only what the undone edit changed, not what another device changed since', () => {
    store().edit((d) => renameDashboard(d, 'a', 'Mine'));
    store().applyRemote((d) => putDashboard(d, { ...dashboard('b', 9), title: 'Theirs' }));
    store().applyRemote((d) => putDashboard(d, dashboard('c', 4))); // new here
    store().undo(); // undoes the remote replacement of b (recorded: it replaced a local copy)
    expect(titles()).toEqual(['Mine', 'B', 'C']);
    store().undo(); // my rename of a; c (new from elsewhere) stays
    expect(titles()).toEqual(['A', 'B', 'C']);
    expect(get('c').revision).toBe(4);
    expect(store().history.past).toEqual([]);
  });

  it('a dashboard that is only new here is not an undo step (undo would delete it everywhere)', () => {
    store().applyRemote((d) => putDashboard(d, dashboard('c', 1)));
    expect(store().history.past).toEqual([]);
    store().undo();
    expect(titles()).toEqual(['A', 'B', 'C']);
  });

  it('undo puts a deleted dashboard back in its place', () => {
    store().edit((d) => ({ ...d, dashboards: d.dashboards.filter((x) => x.id !== 'a') }));
    expect(titles()).toEqual(['B']);
    store().undo();
    expect(titles()).toEqual(['A', 'B']);
    expect(get('a').revision).toBe(6); // above the deletion's tombstone (5), so it wins the sync
  });
});
