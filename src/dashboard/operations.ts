import type {
  Dashboard,
  DashboardDocument,
  Group,
  Page,
  WidgetEnvelope,
  WidgetLayout,
} from './schema';
import { t } from '@/i18n/i18n';
import { newId } from './ids';
import {
  claimedSlugs,
  dashboardSlugList,
  pageSlugLists,
  renamedSlugs,
  slugOf,
  withSlugs,
  type Addressable,
} from './slugs';

/**
 * Every edit of the dashboard document, as pure functions returning a new document (unchanged
 * parts shared, so undo snapshots are cheap and "changed" is a reference comparison).
 * Unknown ids leave the document as it is.
 *
 * Slugs (the addresses, slugs.ts) are kept right here: a dashboard or page that is made,
 * renamed, copied or imported gets a current slug that no other one in its place has, and
 * keeps its earlier ones, so an old address still leads to it. Ids never change.
 */

type Doc = DashboardDocument;

function mapDashboard(doc: Doc, id: string, fn: (d: Dashboard) => Dashboard): Doc {
  let changed = false;
  const dashboards = doc.dashboards.map((d) => {
    if (d.id !== id) return d;
    const next = fn(d);
    changed ||= next !== d;
    return next;
  });
  return changed ? { ...doc, dashboards } : doc;
}

function mapPages(d: Dashboard, fn: (p: Page) => Page): Dashboard {
  let changed = false;
  const pages = d.pages.map((p) => {
    const next = fn(p);
    changed ||= next !== p;
    return next;
  });
  return changed ? { ...d, pages } : d;
}

function mapGroups(d: Dashboard, fn: (g: Group) => Group): Dashboard {
  return mapPages(d, (p) => {
    let changed = false;
    const groups = p.groups.map((g) => {
      const next = fn(g);
      changed ||= next !== g;
      return next;
    });
    return changed ? { ...p, groups } : p;
  });
}

function mapGroup(d: Dashboard, groupId: string, fn: (g: Group) => Group): Dashboard {
  return mapGroups(d, (g) => (g.id === groupId ? fn(g) : g));
}

/** The same list when nothing moves (unknown item, already at the end), so callers can tell. */
function moveItem<T>(list: readonly T[], index: number, delta: number): readonly T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  if (index < 0 || to === index) return list;
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** Whether applying `patch` to `target` would change any value (a same-value edit is no edit). */
function changes<T extends object>(target: T, patch: Partial<T>): boolean {
  return (Object.keys(patch) as Array<keyof T>).some((k) => patch[k] !== target[k]);
}

/** Find a widget and where it lives. */
export function findWidget(
  d: Dashboard,
  widgetId: string,
): { page: Page; group: Group; widget: WidgetEnvelope } | undefined {
  for (const page of d.pages)
    for (const group of page.groups)
      for (const widget of group.widgets)
        if (widget.id === widgetId) return { page, group, widget };
  return undefined;
}

/**
 * A deep copy with fresh ids everywhere (duplicate, "keep both" on import). Its pages keep
 * their current slugs (they are unique within the copy too) but not the earlier ones: the old
 * addresses are the original's. The dashboard's own slug comes from the new title, and
 * {@link addDashboard} makes it unique.
 */
export function withNewIds(d: Dashboard, title = d.title): Dashboard {
  const pageSlugs = pageSlugLists(d.pages);
  return {
    ...d,
    id: newId(),
    title,
    slugs: [slugOf(title, 'dashboard')],
    revision: 0,
    pages: d.pages.map((p, i) => ({
      ...p,
      id: newId(),
      slugs: pageSlugs[i]!.slice(0, 1),
      groups: p.groups.map((g) => ({
        ...g,
        id: newId(),
        widgets: g.widgets.map((w) => ({ ...w, id: newId() })),
      })),
    })),
  };
}

// Dashboards

/** A new dashboard with one page, "Home"; {@link addDashboard} makes its slug unique. */
export function emptyDashboard(title: string): Dashboard {
  return {
    id: newId(),
    title,
    slugs: [slugOf(title, 'dashboard')],
    revision: 0,
    updatedAt: new Date().toISOString(),
    pages: [{ id: newId(), title: 'Home', slugs: ['home'], groups: [] }],
  };
}

/** The dashboards' slugs as they are in use (derived where a dashboard has none stored). */
const dashboardAddresses = (dashboards: readonly Dashboard[]): Addressable[] =>
  dashboards.map((d) => ({ id: d.id, title: d.title, slugs: dashboardSlugList(d) }));

/**
 * `dashboard` with a current slug that no other dashboard in `doc` has: it keeps its own when
 * that is free, else gets "-2", "-3" (a dashboard made, copied or imported here).
 */
function withOwnSlug(doc: Doc, dashboard: Dashboard): Dashboard {
  const own = dashboardSlugList(dashboard);
  const others = dashboardAddresses(doc.dashboards.filter((d) => d.id !== dashboard.id));
  const slugs = claimedSlugs(others, own, dashboard.title, 'dashboard');
  const same =
    dashboard.slugs?.length === slugs.length && slugs.every((x, i) => x === dashboard.slugs?.[i]);
  return same ? dashboard : { ...dashboard, slugs: [...slugs] };
}

/** Add a dashboard made here (new, copied, imported); its slug is made unique. */
export const addDashboard = (doc: Doc, dashboard: Dashboard): Doc => ({
  ...doc,
  dashboards: [...doc.dashboards, withOwnSlug(doc, dashboard)],
});

/**
 * Put `dashboard` in place of the one with its id, or add it, exactly as given: the broker
 * sync's copies must stay as every other browser has them.
 */
export const putDashboard = (doc: Doc, dashboard: Dashboard): Doc =>
  doc.dashboards.some((d) => d.id === dashboard.id)
    ? { ...doc, dashboards: doc.dashboards.map((d) => (d.id === dashboard.id ? dashboard : d)) }
    : { ...doc, dashboards: [...doc.dashboards, dashboard] };

/**
 * Put an imported dashboard in (replacing the one with its id, if any), with a slug no other
 * dashboard has. A replaced dashboard's addresses still lead to it: its slugs, and its pages'
 * (by page id), are kept behind the imported ones.
 */
export function importDashboard(doc: Doc, dashboard: Dashboard): Doc {
  const existing = doc.dashboards.find((d) => d.id === dashboard.id);
  let incoming = dashboard;
  if (existing) {
    const merge = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
    const before = pageSlugLists(existing.pages);
    const earlier = new Map(existing.pages.map((p, i) => [p.id, before[i]!]));
    const lists = pageSlugLists(dashboard.pages);
    // withSlugs cuts the merged lists to size and keeps the pages' current slugs unique.
    incoming = withSlugs({
      ...dashboard,
      slugs: merge(dashboardSlugList(dashboard), dashboardSlugList(existing)),
      pages: dashboard.pages.map((p, i) => ({
        ...p,
        slugs: merge(lists[i]!, earlier.get(p.id) ?? []),
      })),
    });
  }
  return putDashboard(doc, withOwnSlug(doc, incoming));
}

/** A new title; the dashboard gets a new slug from it and keeps the old ones as addresses. */
export const renameDashboard = (doc: Doc, id: string, title: string): Doc =>
  mapDashboard(doc, id, (d) => {
    if (d.title === title) return d;
    const own = dashboardSlugList(d);
    const others = dashboardAddresses(doc.dashboards.filter((x) => x.id !== id));
    return { ...d, title, slugs: [...renamedSlugs(others, own, title, 'dashboard')] };
  });

/** A copy with new ids after the others, titled "… (copy)" / "… (Kopie)"; its own slug from that title. */
export function duplicateDashboard(doc: Doc, id: string, title?: string): Doc {
  const d = doc.dashboards.find((x) => x.id === id);
  return d
    ? addDashboard(doc, withNewIds(d, title ?? t('common:copyOf', { title: d.title })))
    : doc;
}

export const deleteDashboard = (doc: Doc, id: string): Doc =>
  doc.dashboards.some((d) => d.id === id)
    ? { ...doc, dashboards: doc.dashboards.filter((d) => d.id !== id) }
    : doc;

// Pages

/** The pages' slugs as they are in use (derived where a page has none stored). */
function pageAddresses(pages: readonly Page[]): Addressable[] {
  const lists = pageSlugLists(pages);
  return pages.map((p, i) => ({ id: p.id, title: p.title, slugs: lists[i]! }));
}

/**
 * The other pages, with `slug` no longer among their earlier slugs: the page that now has it
 * is the one its address leads to. Pages without it stay the same objects.
 */
function releaseSlug(pages: readonly Page[], slug: string, exceptId: string): Page[] {
  return pages.map((p) =>
    p.id !== exceptId && (p.slugs?.indexOf(slug) ?? -1) > 0
      ? { ...p, slugs: p.slugs!.filter((s) => s !== slug) }
      : p,
  );
}

/** Add a page at the end; its slug (from its title where it has none) is made unique. */
export const addPage = (doc: Doc, dashboardId: string, page: Page): Doc =>
  mapDashboard(doc, dashboardId, (d) => {
    const own = page.slugs?.length ? page.slugs : [slugOf(page.title, 'page')];
    const slugs = [...claimedSlugs(pageAddresses(d.pages), own, page.title, 'page')];
    return { ...d, pages: [...releaseSlug(d.pages, slugs[0]!, page.id), { ...page, slugs }] };
  });

/** Change a page's title or icon; a new title gives a new slug, the old ones still lead to it. */
export const updatePage = (
  doc: Doc,
  dashboardId: string,
  pageId: string,
  patch: Partial<Pick<Page, 'title' | 'icon'>>,
): Doc =>
  mapDashboard(doc, dashboardId, (d) => {
    const i = d.pages.findIndex((p) => p.id === pageId);
    const page = d.pages[i];
    if (!page || !changes(page, patch)) return d;
    const { title } = patch;
    if (title === undefined || title === page.title) {
      return mapPages(d, (p) => (p.id === pageId ? { ...p, ...patch } : p));
    }
    const addresses = pageAddresses(d.pages);
    const own = addresses[i]!.slugs!;
    const slugs = [
      ...renamedSlugs(
        addresses.filter((p) => p.id !== pageId),
        own,
        title,
        'page',
      ),
    ];
    const pages = releaseSlug(d.pages, slugs[0]!, pageId);
    pages[i] = { ...page, ...patch, slugs };
    return { ...d, pages };
  });

export const movePage = (doc: Doc, dashboardId: string, pageId: string, delta: number): Doc =>
  mapDashboard(doc, dashboardId, (d) => {
    const pages = moveItem(
      d.pages,
      d.pages.findIndex((p) => p.id === pageId),
      delta,
    );
    return pages === d.pages ? d : { ...d, pages: [...pages] };
  });

/** A dashboard keeps at least one page. */
export const deletePage = (doc: Doc, dashboardId: string, pageId: string): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    d.pages.length <= 1 || !d.pages.some((p) => p.id === pageId)
      ? d
      : { ...d, pages: d.pages.filter((p) => p.id !== pageId) },
  );

// Groups

export const addGroup = (doc: Doc, dashboardId: string, pageId: string, group: Group): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapPages(d, (p) => (p.id === pageId ? { ...p, groups: [...p.groups, group] } : p)),
  );

export const updateGroup = (
  doc: Doc,
  dashboardId: string,
  groupId: string,
  patch: Partial<Pick<Group, 'title' | 'width' | 'showTitle'>>,
): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapGroup(d, groupId, (g) => (changes(g, patch) ? { ...g, ...patch } : g)),
  );

export const moveGroup = (doc: Doc, dashboardId: string, groupId: string, delta: number): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapPages(d, (p) => {
      const groups = moveItem(
        p.groups,
        p.groups.findIndex((g) => g.id === groupId),
        delta,
      );
      return groups === p.groups ? p : { ...p, groups: [...groups] };
    }),
  );

export const deleteGroup = (doc: Doc, dashboardId: string, groupId: string): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapPages(d, (p) =>
      p.groups.some((g) => g.id === groupId)
        ? { ...p, groups: p.groups.filter((g) => g.id !== groupId) }
        : p,
    ),
  );

// Widgets

export const addWidget = (
  doc: Doc,
  dashboardId: string,
  groupId: string,
  widget: WidgetEnvelope,
): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapGroup(d, groupId, (g) => ({ ...g, widgets: [...g.widgets, widget] })),
  );

export const updateWidgetConfig = (
  doc: Doc,
  dashboardId: string,
  widgetId: string,
  config: unknown,
): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapGroups(d, (g) =>
      g.widgets.some((w) => w.id === widgetId && w.config !== config)
        ? { ...g, widgets: g.widgets.map((w) => (w.id === widgetId ? { ...w, config } : w)) }
        : g,
    ),
  );

export const deleteWidget = (doc: Doc, dashboardId: string, widgetId: string): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapGroups(d, (g) =>
      g.widgets.some((w) => w.id === widgetId)
        ? { ...g, widgets: g.widgets.filter((w) => w.id !== widgetId) }
        : g,
    ),
  );

/**
 * Put a deleted widget back where it was (its group, its index), as its own edit: the toast's
 * "Undo" for one deletion, which must not revert any later step. Its group gone meanwhile, it
 * goes to the first group of the page it was on, else the dashboard's first group; with no
 * group left, or its id taken again, nothing changes.
 */
export function restoreWidget(
  doc: Doc,
  dashboardId: string,
  place: { pageId: string; groupId: string; index: number },
  widget: WidgetEnvelope,
): Doc {
  const d = doc.dashboards.find((x) => x.id === dashboardId);
  if (!d || findWidget(d, widget.id)) return doc;
  const groups = d.pages.flatMap((p) => p.groups.map((g) => ({ page: p, group: g })));
  const target =
    groups.find((x) => x.group.id === place.groupId) ??
    groups.find((x) => x.page.id === place.pageId) ??
    groups[0];
  if (!target) return doc;
  const sameGroup = target.group.id === place.groupId;
  return mapDashboard(doc, dashboardId, (dash) =>
    mapGroup(dash, target.group.id, (g) => {
      const widgets = [...g.widgets];
      const at = sameGroup ? Math.min(place.index, widgets.length) : widgets.length;
      // Elsewhere its old place means nothing: it goes below the others.
      const { layout, ...rest } = widget;
      widgets.splice(at, 0, sameGroup && layout ? { ...rest, layout } : rest);
      return { ...g, widgets };
    }),
  );
}

/** A copy right after the original, placed below the group's other widgets. */
export function duplicateWidget(
  doc: Doc,
  dashboardId: string,
  widgetId: string,
  copyId = newId(),
): Doc {
  return mapDashboard(doc, dashboardId, (d) =>
    mapGroups(d, (g) => {
      const i = g.widgets.findIndex((w) => w.id === widgetId);
      if (i < 0) return g;
      const { layout: _layout, ...original } = g.widgets[i] as WidgetEnvelope;
      const widgets = [...g.widgets];
      widgets.splice(i + 1, 0, { ...original, id: copyId });
      return { ...g, widgets };
    }),
  );
}

/** Move a widget to the end of another group (its size is kept, its place is found anew). */
export function moveWidgetToGroup(
  doc: Doc,
  dashboardId: string,
  widgetId: string,
  toGroupId: string,
): Doc {
  const d = doc.dashboards.find((x) => x.id === dashboardId);
  const found = d && findWidget(d, widgetId);
  if (!d || !found || found.group.id === toGroupId) return doc;
  // Without this, a target that is not in the dashboard would delete the widget.
  if (!d.pages.some((p) => p.groups.some((g) => g.id === toGroupId))) return doc;
  const { layout: _layout, ...widget } = found.widget;
  return addWidget(deleteWidget(doc, dashboardId, widgetId), dashboardId, toGroupId, widget);
}

/** Move a widget one place earlier or later in its group's order (keyboard reordering). */
export const reorderWidget = (
  doc: Doc,
  dashboardId: string,
  widgetId: string,
  delta: number,
): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapGroups(d, (g) => {
      const widgets = moveItem(
        g.widgets,
        g.widgets.findIndex((w) => w.id === widgetId),
        delta,
      );
      if (widgets === g.widgets) return g;
      // Order is what counts after a reorder: positions are recomputed from it.
      return { ...g, widgets: widgets.map(({ layout: _l, ...w }) => w) };
    }),
  );

/** Positions from the grid editor, by widget id; widgets not named keep theirs. */
export const setLayouts = (
  doc: Doc,
  dashboardId: string,
  groupId: string,
  layouts: Readonly<Record<string, WidgetLayout>>,
): Doc =>
  mapDashboard(doc, dashboardId, (d) =>
    mapGroup(d, groupId, (g) => {
      let changed = false;
      const widgets = g.widgets.map((w) => {
        const l = layouts[w.id];
        if (
          !l ||
          (w.layout &&
            w.layout.x === l.x &&
            w.layout.y === l.y &&
            w.layout.w === l.w &&
            w.layout.h === l.h)
        ) {
          return w;
        }
        changed = true;
        return { ...w, layout: { x: l.x, y: l.y, w: l.w, h: l.h } };
      });
      return changed ? { ...g, widgets } : g;
    }),
  );
