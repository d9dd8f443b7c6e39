import { describe, expect, it } from 'vitest';
import {
  addDashboard,
  addGroup,
  addPage,
  addWidget,
  deleteDashboard,
  deleteGroup,
  deletePage,
  deleteWidget,
  duplicateDashboard,
  duplicateWidget,
  emptyDashboard,
  findWidget,
  importDashboard,
  moveGroup,
  movePage,
  moveWidgetToGroup,
  putDashboard,
  renameDashboard,
  reorderWidget,
  restoreWidget,
  setLayouts,
  updateGroup,
  updatePage,
  updateWidgetConfig,
  withNewIds,
} from './operations';
import type { Dashboard, DashboardDocument, Group, WidgetEnvelope } from './schema';
import { dashboardSchema } from './schema';
import { findPage } from './slugs';

const widget = (id: string, over: Partial<WidgetEnvelope> = {}): WidgetEnvelope => ({
  id,
  type: 'gauge',
  version: 1,
  config: { title: id, topic: `t/${id}` },
  ...over,
});

const group = (id: string, widgets: WidgetEnvelope[] = []): Group => ({
  id,
  title: id.toUpperCase(),
  width: 6,
  showTitle: true,
  widgets,
});

/**
 * Two dashboards: "a" has pages p1 (groups g1 with w1..w3, g2 with w4) and p2 (group g3, empty);
 * "b" is a bystander every test checks is left alone.
 */
function fixture(): DashboardDocument {
  return {
    schemaVersion: 1,
    dashboards: [
      {
        id: 'a',
        title: 'A',
        revision: 3,
        updatedAt: '2026-01-01T00:00:00.000Z',
        pages: [
          {
            id: 'p1',
            title: 'One',
            groups: [
              group('g1', [
                widget('w1', { layout: { x: 0, y: 0, w: 3, h: 2 } }),
                widget('w2', { layout: { x: 3, y: 0, w: 3, h: 2 } }),
                widget('w3'),
              ]),
              group('g2', [widget('w4')]),
            ],
          },
          { id: 'p2', title: 'Two', groups: [group('g3')] },
        ],
      },
      {
        id: 'b',
        title: 'B',
        revision: 0,
        updatedAt: '2026-01-01T00:00:00.000Z',
        pages: [{ id: 'bp', title: 'Home', groups: [group('bg', [widget('bw')])] }],
      },
    ],
  };
}

const dash = (doc: DashboardDocument, id = 'a'): Dashboard => {
  const d = doc.dashboards.find((x) => x.id === id);
  if (!d) throw new Error(`no dashboard ${id}`);
  return d;
};
const widgetIds = (doc: DashboardDocument, groupId: string): string[] =>
  dash(doc)
    .pages.flatMap((p) => p.groups)
    .find((g) => g.id === groupId)!
    .widgets.map((w) => w.id);

/** The edit changed dashboard "a" and left "b" the very same object. */
function expectOnlyAChanged(before: DashboardDocument, after: DashboardDocument) {
  expect(after).not.toBe(before);
  expect(dash(after)).not.toBe(dash(before));
  expect(dash(after, 'b')).toBe(dash(before, 'b'));
  expect(after.schemaVersion).toBe(before.schemaVersion);
}

describe('unknown ids leave the document as it is (same object)', () => {
  const doc = fixture();
  const cases: Array<[string, (d: DashboardDocument) => DashboardDocument]> = [
    ['renameDashboard', (d) => renameDashboard(d, 'nope', 'X')],
    ['duplicateDashboard', (d) => duplicateDashboard(d, 'nope')],
    ['deleteDashboard', (d) => deleteDashboard(d, 'nope')],
    ['addPage (dashboard)', (d) => addPage(d, 'nope', { id: 'p9', title: 'N', groups: [] })],
    ['updatePage (dashboard)', (d) => updatePage(d, 'nope', 'p1', { title: 'X' })],
    ['updatePage (page)', (d) => updatePage(d, 'a', 'nope', { title: 'X' })],
    ['movePage (dashboard)', (d) => movePage(d, 'nope', 'p1', 1)],
    ['movePage (page)', (d) => movePage(d, 'a', 'nope', 1)],
    ['deletePage (dashboard)', (d) => deletePage(d, 'nope', 'p1')],
    ['deletePage (page)', (d) => deletePage(d, 'a', 'nope')],
    ['addGroup (dashboard)', (d) => addGroup(d, 'nope', 'p1', group('g9'))],
    ['addGroup (page)', (d) => addGroup(d, 'a', 'nope', group('g9'))],
    ['updateGroup (group)', (d) => updateGroup(d, 'a', 'nope', { title: 'X' })],
    ['moveGroup (group)', (d) => moveGroup(d, 'a', 'nope', 1)],
    ['deleteGroup (group)', (d) => deleteGroup(d, 'a', 'nope')],
    ['deleteGroup (other dashboard)', (d) => deleteGroup(d, 'b', 'g1')],
    ['addWidget (group)', (d) => addWidget(d, 'a', 'nope', widget('w9'))],
    ['addWidget (dashboard)', (d) => addWidget(d, 'nope', 'g1', widget('w9'))],
    ['updateWidgetConfig (widget)', (d) => updateWidgetConfig(d, 'a', 'nope', {})],
    ['deleteWidget (widget)', (d) => deleteWidget(d, 'a', 'nope')],
    ['deleteWidget (other dashboard)', (d) => deleteWidget(d, 'b', 'w1')],
    ['duplicateWidget (widget)', (d) => duplicateWidget(d, 'a', 'nope')],
    ['moveWidgetToGroup (widget)', (d) => moveWidgetToGroup(d, 'a', 'nope', 'g2')],
    ['moveWidgetToGroup (dashboard)', (d) => moveWidgetToGroup(d, 'nope', 'w1', 'g2')],
    ['moveWidgetToGroup (target group)', (d) => moveWidgetToGroup(d, 'a', 'w1', 'nope')],
    ['reorderWidget (widget)', (d) => reorderWidget(d, 'a', 'nope', 1)],
    ['setLayouts (group)', (d) => setLayouts(d, 'a', 'nope', { w1: { x: 1, y: 1, w: 1, h: 1 } })],
    ['setLayouts (widget)', (d) => setLayouts(d, 'a', 'g1', { nope: { x: 1, y: 1, w: 1, h: 1 } })],
  ];
  it.each(cases)('%s', (_name, op) => {
    expect(op(doc)).toBe(doc);
  });
});

describe('edits that change nothing keep the document object', () => {
  const doc = fixture();
  const cases: Array<[string, (d: DashboardDocument) => DashboardDocument]> = [
    ['renameDashboard to the same title', (d) => renameDashboard(d, 'a', 'A')],
    ['updatePage with the same values', (d) => updatePage(d, 'a', 'p1', { title: 'One' })],
    ['updatePage with an empty patch', (d) => updatePage(d, 'a', 'p1', {})],
    ['updateGroup with the same values', (d) => updateGroup(d, 'a', 'g1', { width: 6 })],
    ['movePage before the first', (d) => movePage(d, 'a', 'p1', -1)],
    ['movePage after the last', (d) => movePage(d, 'a', 'p2', 5)],
    ['movePage by 0', (d) => movePage(d, 'a', 'p1', 0)],
    ['moveGroup before the first', (d) => moveGroup(d, 'a', 'g1', -1)],
    ['moveGroup after the last', (d) => moveGroup(d, 'a', 'g2', 1)],
    ['reorderWidget before the first', (d) => reorderWidget(d, 'a', 'w1', -1)],
    ['reorderWidget after the last', (d) => reorderWidget(d, 'a', 'w3', 1)],
    ['moveWidgetToGroup into its own group', (d) => moveWidgetToGroup(d, 'a', 'w1', 'g1')],
    [
      'updateWidgetConfig with the same config object',
      (d) => updateWidgetConfig(d, 'a', 'w1', findWidget(dash(d), 'w1')!.widget.config),
    ],
  ];
  it.each(cases)('%s', (_name, op) => {
    expect(op(doc)).toBe(doc);
  });
});

describe('findWidget', () => {
  it('finds a widget with its page and group', () => {
    const found = findWidget(dash(fixture()), 'w4');
    expect(found?.page.id).toBe('p1');
    expect(found?.group.id).toBe('g2');
    expect(found?.widget.id).toBe('w4');
  });

  it('gives undefined for an unknown id', () => {
    expect(findWidget(dash(fixture()), 'nope')).toBeUndefined();
  });
});

describe('withNewIds', () => {
  it('gives every dashboard, page, group and widget a new id, and keeps the content', () => {
    const original = dash(fixture());
    const copy = withNewIds(original, 'Copy');
    const ids = (d: Dashboard) => [
      d.id,
      ...d.pages.flatMap((p) => [
        p.id,
        ...p.groups.flatMap((g) => [g.id, ...g.widgets.map((w) => w.id)]),
      ]),
    ];
    const before = ids(original);
    const after = ids(copy);
    expect(after).toHaveLength(before.length);
    expect(new Set(after).size).toBe(after.length);
    for (const id of after) expect(before).not.toContain(id);

    expect(copy.title).toBe('Copy');
    expect(copy.revision).toBe(0);
    const strip = (d: Dashboard) =>
      d.pages.map((p) => ({
        title: p.title,
        groups: p.groups.map((g) => ({
          title: g.title,
          width: g.width,
          widgets: g.widgets.map(({ id: _id, ...w }) => w),
        })),
      }));
    expect(strip(copy)).toEqual(strip(original));
    expect(dashboardSchema.safeParse(copy).success).toBe(true);
  });

  it('keeps the title when none is given', () => {
    expect(withNewIds(dash(fixture())).title).toBe('A');
  });
});

describe('dashboards', () => {
  it('emptyDashboard has one page and validates', () => {
    const d = emptyDashboard('New');
    expect(d.title).toBe('New');
    expect(d.pages).toHaveLength(1);
    expect(dashboardSchema.safeParse(d).success).toBe(true);
    expect(emptyDashboard('New').id).not.toBe(d.id);
  });

  it('addDashboard appends', () => {
    const doc = fixture();
    const d = emptyDashboard('C');
    const next = addDashboard(doc, d);
    expect(next.dashboards.map((x) => x.id)).toEqual(['a', 'b', d.id]);
    expect(next.dashboards[0]).toBe(doc.dashboards[0]);
    expect(doc.dashboards).toHaveLength(2);
  });

  it('putDashboard replaces in place, or appends a new id', () => {
    const doc = fixture();
    const replacement = { ...dash(doc), title: 'A2' };
    const replaced = putDashboard(doc, replacement);
    expect(replaced.dashboards.map((d) => d.id)).toEqual(['a', 'b']);
    expect(replaced.dashboards[0]).toBe(replacement);
    expect(replaced.dashboards[1]).toBe(doc.dashboards[1]);

    const added = putDashboard(doc, { ...dash(doc), id: 'c' });
    expect(added.dashboards.map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });

  it('renameDashboard changes only that dashboard', () => {
    const doc = fixture();
    const next = renameDashboard(doc, 'a', 'Renamed');
    expectOnlyAChanged(doc, next);
    expect(dash(next).title).toBe('Renamed');
    expect(dash(doc).title).toBe('A');
  });

  it('duplicateDashboard adds a copy with new ids and " (copy)" or the given title', () => {
    const doc = fixture();
    const next = duplicateDashboard(doc, 'a');
    expect(next.dashboards).toHaveLength(3);
    const copy = next.dashboards[2]!;
    expect(copy.title).toBe('A (copy)');
    expect(copy.id).not.toBe('a');
    expect(copy.pages[0]!.id).not.toBe('p1');
    expect(next.dashboards[0]).toBe(doc.dashboards[0]);
    expect(duplicateDashboard(doc, 'a', 'Other').dashboards[2]!.title).toBe('Other');
  });

  it('deleteDashboard removes it', () => {
    const doc = fixture();
    const next = deleteDashboard(doc, 'a');
    expect(next.dashboards.map((d) => d.id)).toEqual(['b']);
    expect(next.dashboards[0]).toBe(doc.dashboards[1]);
  });
});

describe('pages', () => {
  it('addPage appends a page', () => {
    const doc = fixture();
    const next = addPage(doc, 'a', { id: 'p3', title: 'Three', groups: [] });
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    // Unchanged pages are shared, so undo snapshots stay cheap.
    expect(dash(next).pages[0]).toBe(dash(doc).pages[0]);
  });

  it('updatePage patches title and icon', () => {
    const doc = fixture();
    const next = updatePage(doc, 'a', 'p2', { title: 'Zwei', icon: 'home' });
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages[1]).toMatchObject({ id: 'p2', title: 'Zwei', icon: 'home' });
    expect(dash(next).pages[0]).toBe(dash(doc).pages[0]);
  });

  it('movePage moves by delta and clamps at the ends', () => {
    const doc = fixture();
    const next = movePage(doc, 'a', 'p1', 1);
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages.map((p) => p.id)).toEqual(['p2', 'p1']);
    expect(dash(movePage(doc, 'a', 'p2', -10)).pages.map((p) => p.id)).toEqual(['p2', 'p1']);
  });

  it('deletePage removes a page', () => {
    const doc = fixture();
    const next = deletePage(doc, 'a', 'p1');
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages.map((p) => p.id)).toEqual(['p2']);
  });

  it('deletePage keeps at least one page', () => {
    const doc = deletePage(fixture(), 'a', 'p1');
    expect(deletePage(doc, 'a', 'p2')).toBe(doc);
    expect(dash(doc).pages).toHaveLength(1);
    const b = fixture();
    expect(deletePage(b, 'b', 'bp')).toBe(b);
  });
});

describe('groups', () => {
  it('addGroup appends to the page', () => {
    const doc = fixture();
    const next = addGroup(doc, 'a', 'p2', group('g9'));
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages[1]!.groups.map((g) => g.id)).toEqual(['g3', 'g9']);
    expect(dash(next).pages[0]).toBe(dash(doc).pages[0]);
  });

  it('updateGroup patches title, width and showTitle', () => {
    const doc = fixture();
    const next = updateGroup(doc, 'a', 'g2', { title: 'Lights', width: 12, showTitle: false });
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages[0]!.groups[1]).toMatchObject({
      id: 'g2',
      title: 'Lights',
      width: 12,
      showTitle: false,
    });
    expect(dash(next).pages[0]!.groups[0]).toBe(dash(doc).pages[0]!.groups[0]);
    expect(dash(next).pages[1]).toBe(dash(doc).pages[1]);
  });

  it('moveGroup reorders within its page', () => {
    const doc = fixture();
    const next = moveGroup(doc, 'a', 'g2', -1);
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages[0]!.groups.map((g) => g.id)).toEqual(['g2', 'g1']);
    expect(dash(next).pages[1]).toBe(dash(doc).pages[1]);
  });

  it('deleteGroup removes it with its widgets', () => {
    const doc = fixture();
    const next = deleteGroup(doc, 'a', 'g1');
    expectOnlyAChanged(doc, next);
    expect(dash(next).pages[0]!.groups.map((g) => g.id)).toEqual(['g2']);
    expect(findWidget(dash(next), 'w1')).toBeUndefined();
  });
});

describe('widgets', () => {
  it('addWidget appends to the group', () => {
    const doc = fixture();
    const next = addWidget(doc, 'a', 'g2', widget('w9'));
    expectOnlyAChanged(doc, next);
    expect(widgetIds(next, 'g2')).toEqual(['w4', 'w9']);
    expect(dash(next).pages[0]!.groups[0]).toBe(dash(doc).pages[0]!.groups[0]);
  });

  it('updateWidgetConfig replaces the config of that widget only', () => {
    const doc = fixture();
    const config = { title: 'New', topic: 'x' };
    const next = updateWidgetConfig(doc, 'a', 'w2', config);
    expectOnlyAChanged(doc, next);
    const g1 = dash(next).pages[0]!.groups[0]!;
    expect(g1.widgets[1]!.config).toBe(config);
    expect(g1.widgets[1]!.layout).toEqual({ x: 3, y: 0, w: 3, h: 2 });
    expect(g1.widgets[0]).toBe(dash(doc).pages[0]!.groups[0]!.widgets[0]);
    expect(dash(next).pages[0]!.groups[1]).toBe(dash(doc).pages[0]!.groups[1]);
  });

  it('deleteWidget removes it', () => {
    const doc = fixture();
    const next = deleteWidget(doc, 'a', 'w2');
    expectOnlyAChanged(doc, next);
    expect(widgetIds(next, 'g1')).toEqual(['w1', 'w3']);
  });

  it('duplicateWidget puts a copy right after the original, without its layout', () => {
    const doc = fixture();
    const next = duplicateWidget(doc, 'a', 'w1', 'w1-copy');
    expectOnlyAChanged(doc, next);
    expect(widgetIds(next, 'g1')).toEqual(['w1', 'w1-copy', 'w2', 'w3']);
    const copy = findWidget(dash(next), 'w1-copy')!.widget;
    expect(copy.layout).toBeUndefined();
    expect('layout' in copy).toBe(false);
    expect(copy.config).toEqual(findWidget(dash(doc), 'w1')!.widget.config);
    expect(findWidget(dash(next), 'w1')!.widget.layout).toEqual({ x: 0, y: 0, w: 3, h: 2 });
  });

  it('duplicateWidget makes a fresh id when none is given', () => {
    const next = duplicateWidget(fixture(), 'a', 'w4');
    const ids = widgetIds(next, 'g2');
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe('w4');
  });

  it('moveWidgetToGroup moves it to the end of the other group, without its layout', () => {
    const doc = fixture();
    const next = moveWidgetToGroup(doc, 'a', 'w1', 'g3');
    expectOnlyAChanged(doc, next);
    expect(widgetIds(next, 'g1')).toEqual(['w2', 'w3']);
    expect(widgetIds(next, 'g3')).toEqual(['w1']);
    const moved = findWidget(dash(next), 'w1')!;
    expect(moved.page.id).toBe('p2');
    expect('layout' in moved.widget).toBe(false);
    expect(moved.widget.config).toBe(findWidget(dash(doc), 'w1')!.widget.config);
  });

  it('moveWidgetToGroup into a group that does not exist keeps the widget', () => {
    const doc = fixture();
    const next = moveWidgetToGroup(doc, 'a', 'w1', 'bg'); // a group of another dashboard
    expect(next).toBe(doc);
    expect(widgetIds(next, 'g1')).toEqual(['w1', 'w2', 'w3']);
  });

  it('reorderWidget moves it and drops the group’s layouts (order decides)', () => {
    const doc = fixture();
    const next = reorderWidget(doc, 'a', 'w1', 1);
    expectOnlyAChanged(doc, next);
    expect(widgetIds(next, 'g1')).toEqual(['w2', 'w1', 'w3']);
    for (const w of dash(next).pages[0]!.groups[0]!.widgets) expect(w.layout).toBeUndefined();
    expect(dash(next).pages[0]!.groups[1]).toBe(dash(doc).pages[0]!.groups[1]);
  });
});

describe('restoreWidget (the Undo of one deletion)', () => {
  const place = { pageId: 'p1', groupId: 'g1', index: 1 };
  const w2 = () => findWidget(dash(fixture()), 'w2')!.widget;

  it('puts the widget back at its index, with its layout, after later edits', () => {
    const later = renamePage(deleteWidget(fixture(), 'a', 'w2'));
    const next = restoreWidget(later, 'a', place, w2());
    expect(widgetIds(next, 'g1')).toEqual(['w1', 'w2', 'w3']);
    expect(findWidget(dash(next), 'w2')!.widget).toEqual(w2());
    expect(dash(next).pages[0]!.title).toBe('Renamed'); // the later edit stays
  });

  it('its group gone, it goes to the end of the first group of its page, without a layout', () => {
    const gone = deleteGroup(deleteWidget(fixture(), 'a', 'w2'), 'a', 'g1');
    const next = restoreWidget(gone, 'a', place, w2());
    expect(widgetIds(next, 'g2')).toEqual(['w4', 'w2']);
    expect('layout' in findWidget(dash(next), 'w2')!.widget).toBe(false);
  });

  it('changes nothing when the widget is there, or the dashboard is gone', () => {
    const doc = fixture();
    expect(restoreWidget(doc, 'a', place, w2())).toBe(doc);
    const noA = deleteDashboard(deleteWidget(doc, 'a', 'w2'), 'a');
    expect(restoreWidget(noA, 'a', place, w2())).toBe(noA);
  });
});

function renamePage(doc: DashboardDocument): DashboardDocument {
  return updatePage(doc, 'a', 'p1', { title: 'Renamed' });
}

describe('setLayouts', () => {
  it('sets the named widgets’ positions and keeps the others', () => {
    const doc = fixture();
    const next = setLayouts(doc, 'a', 'g1', {
      w2: { x: 0, y: 2, w: 6, h: 3 },
      w3: { x: 0, y: 5, w: 2, h: 2 },
    });
    expectOnlyAChanged(doc, next);
    const [w1, w2, w3] = dash(next).pages[0]!.groups[0]!.widgets;
    expect(w1).toBe(dash(doc).pages[0]!.groups[0]!.widgets[0]);
    expect(w2!.layout).toEqual({ x: 0, y: 2, w: 6, h: 3 });
    expect(w3!.layout).toEqual({ x: 0, y: 5, w: 2, h: 2 });
  });

  it('stores only x, y, w and h (the grid library adds more)', () => {
    const next = setLayouts(fixture(), 'a', 'g1', {
      w3: { x: 1, y: 2, w: 3, h: 4, i: 'w3', moved: false } as never,
    });
    expect(findWidget(dash(next), 'w3')!.widget.layout).toEqual({ x: 1, y: 2, w: 3, h: 4 });
  });

  it('is a no-op when every position is already as given', () => {
    const doc = fixture();
    expect(
      setLayouts(doc, 'a', 'g1', {
        w1: { x: 0, y: 0, w: 3, h: 2 },
        w2: { x: 3, y: 0, w: 3, h: 2 },
      }),
    ).toBe(doc);
    expect(setLayouts(doc, 'a', 'g1', {})).toBe(doc);
  });
});

describe('slugs (the addresses)', () => {
  const named = (doc: DashboardDocument, title: string) =>
    doc.dashboards.find((d) => d.title === title)!;
  const ids = (doc: DashboardDocument) =>
    doc.dashboards.flatMap((d) => [d.id, ...d.pages.map((p) => p.id)]);

  it('a new dashboard gets a slug from its title, unique among the dashboards', () => {
    let doc = fixture();
    for (let i = 0; i < 3; i++) doc = addDashboard(doc, emptyDashboard('Haus'));
    expect(doc.dashboards.slice(2).map((d) => d.slugs)).toEqual([['haus'], ['haus-2'], ['haus-3']]);
    expect(doc.dashboards[2]!.pages[0]!.slugs).toEqual(['home']);
    // Nor one that is another dashboard's id: /d/<id> must keep naming that dashboard.
    expect(addDashboard(doc, emptyDashboard('B')).dashboards.at(-1)!.slugs).toEqual(['b-2']);
  });

  it('renaming a dashboard gives a new slug and keeps the old one; ids stay', () => {
    const doc = addDashboard(fixture(), emptyDashboard('Haus'));
    const before = ids(doc);
    const id = named(doc, 'Haus').id;
    const renamed = renameDashboard(doc, id, 'Ferienhaus');
    expect(dash(renamed, id).slugs).toEqual(['ferienhaus', 'haus']);
    expect(ids(renamed)).toEqual(before);
    // Back again: the old slug is the current one once more, not a third.
    expect(dash(renameDashboard(renamed, id, 'Haus'), id).slugs).toEqual(['haus', 'ferienhaus']);
    // A title that gives the same slug keeps the slugs as they are.
    expect(dash(renameDashboard(doc, id, 'HAUS!'), id).slugs).toEqual(['haus']);
  });

  it('renaming a dashboard to another one’s title gives "-2", and keeps "-2" on small changes', () => {
    const doc = addDashboard(
      addDashboard(fixture(), emptyDashboard('Haus')),
      emptyDashboard('Hof'),
    );
    const hof = named(doc, 'Hof').id;
    const renamed = renameDashboard(doc, hof, 'Haus');
    expect(dash(renamed, hof).slugs).toEqual(['haus-2', 'hof']);
    expect(dash(renameDashboard(renamed, hof, 'Haus.'), hof).slugs).toEqual(['haus-2', 'hof']);
  });

  it('keeps a bounded number of old slugs', () => {
    let doc = addDashboard(fixture(), emptyDashboard('Name 0'));
    const id = doc.dashboards[2]!.id;
    for (let i = 1; i <= 30; i++) doc = renameDashboard(doc, id, `Name ${i}`);
    const slugs = dash(doc, id).slugs!;
    expect(slugs).toHaveLength(20);
    expect(slugs[0]).toBe('name-30');
    expect(slugs.at(-1)).toBe('name-11');
  });

  it('a duplicate gets a slug from its own title; its pages keep theirs', () => {
    const doc = updatePage(fixture(), 'a', 'p1', { title: 'Eins' }); // p1: eins, one
    const next = duplicateDashboard(doc, 'a');
    const copy = next.dashboards[2]!;
    expect(copy.slugs).toEqual(['a-copy']);
    expect(copy.pages.map((p) => p.slugs)).toEqual([['eins'], ['two']]);
    expect(duplicateDashboard(next, 'a').dashboards[3]!.slugs).toEqual(['a-copy-2']);
  });

  it('a new page gets a unique slug in its dashboard, and takes it from an older page', () => {
    let doc = addPage(fixture(), 'a', { id: 'p3', title: 'Wohnzimmer', groups: [] });
    doc = addPage(doc, 'a', { id: 'p4', title: 'Wohnzimmer', groups: [] });
    expect(
      dash(doc)
        .pages.slice(2)
        .map((p) => p.slugs),
    ).toEqual([['wohnzimmer'], ['wohnzimmer-2']]);
    // In another dashboard the same slug is free.
    doc = addPage(doc, 'b', { id: 'bp2', title: 'Wohnzimmer', groups: [] });
    expect(dash(doc, 'b').pages[1]!.slugs).toEqual(['wohnzimmer']);

    // p3 is renamed; a new "Wohnzimmer" takes the free slug, and the old address is its.
    doc = updatePage(doc, 'a', 'p3', { title: 'Stube' });
    expect(dash(doc).pages[2]!.slugs).toEqual(['stube', 'wohnzimmer']);
    doc = addPage(doc, 'a', { id: 'p5', title: 'Wohnzimmer', groups: [] });
    expect(dash(doc).pages[4]!.slugs).toEqual(['wohnzimmer']);
    expect(dash(doc).pages[2]!.slugs).toEqual(['stube']);
  });

  it('renaming a page gives a new slug, and its old address still leads to it', () => {
    const doc = addPage(fixture(), 'a', { id: 'p3', title: 'Wohnzimmer', groups: [] });
    const next = updatePage(doc, 'a', 'p3', { title: 'Stube' });
    const page = dash(next).pages[2]!;
    expect(page).toMatchObject({ id: 'p3', title: 'Stube', slugs: ['stube', 'wohnzimmer'] });
    expect(findPage(dash(next), 'wohnzimmer')).toBe(page);
    expect(findPage(dash(next), 'stube')).toBe(page);
    // Other pages are left as they were.
    expect(dash(next).pages[0]).toBe(dash(doc).pages[0]);
    // A new icon alone changes no slug.
    const iconed = updatePage(next, 'a', 'p3', { icon: '🛋️' });
    expect(dash(iconed).pages[2]!.slugs).toEqual(['stube', 'wohnzimmer']);
    // Renaming to another page's title gives "-2".
    const clash = updatePage(next, 'a', 'p2', { title: 'Stube' });
    expect(dash(clash).pages[1]!.slugs).toEqual(['stube-2', 'two']);
  });

  it('derives the old slug of a page saved before slugs from its title', () => {
    // The fixture's pages have no stored slugs: "One" had the address "one".
    const next = updatePage(fixture(), 'a', 'p1', { title: 'Eins' });
    expect(dash(next).pages[0]!.slugs).toEqual(['eins', 'one']);
  });

  it('an import keeps its slug where free, gets "-2" where another dashboard has it', () => {
    const doc = addDashboard(fixture(), emptyDashboard('Haus'));
    const incoming = { ...emptyDashboard('Haus'), id: 'imported' };
    expect(dash(importDashboard(doc, incoming), 'imported').slugs).toEqual(['haus-2']);
    const free = { ...emptyDashboard('Scheune'), id: 'imported' };
    expect(dash(importDashboard(doc, free), 'imported').slugs).toEqual(['scheune']);
  });

  it('an import that replaces a dashboard keeps the replaced one’s addresses leading to it', () => {
    let doc = addDashboard(fixture(), emptyDashboard('Haus'));
    const id = named(doc, 'Haus').id;
    const pageId = dash(doc, id).pages[0]!.id;
    const exported = dash(doc, id); // exported before the renames
    doc = renameDashboard(doc, id, 'Ferienhaus');
    doc = updatePage(doc, id, pageId, { title: 'Start' });
    const next = importDashboard(doc, exported);
    expect(dash(next, id).title).toBe('Haus');
    expect(dash(next, id).slugs).toEqual(['haus', 'ferienhaus']);
    expect(dash(next, id).pages[0]!.slugs).toEqual(['home', 'start']);
    expect(next.dashboards.map((d) => d.id)).toEqual(doc.dashboards.map((d) => d.id));
  });

  it('putDashboard (the broker sync) puts a copy in exactly as it came', () => {
    const doc = addDashboard(fixture(), emptyDashboard('Haus'));
    const remote = { ...emptyDashboard('Haus'), id: 'remote' };
    expect(dash(putDashboard(doc, remote), 'remote')).toBe(remote);
  });
});
