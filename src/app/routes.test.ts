import { describe, expect, it } from 'vitest';
import { emptyDashboard, addDashboard, addPage, updatePage } from '@/dashboard/operations';
import type { DashboardDocument } from '@/dashboard/schema';
import { dashboardHref, hrefFor, rememberShown, resolveDashboard, resolvePage } from './routes';

function house(): DashboardDocument {
  let doc: DashboardDocument = { schemaVersion: 1, dashboards: [] };
  doc = addDashboard(doc, { ...emptyDashboard('Haus'), id: 'h1' });
  return addPage(doc, 'h1', { id: 'wz', title: 'Wohnzimmer', groups: [] });
}

describe('addresses', () => {
  it('links by the current slugs, and keeps the query', () => {
    const { dashboards } = house();
    expect(hrefFor(dashboards, 'h1', 'wz', '')).toBe('/d/haus/wohnzimmer');
    expect(hrefFor(dashboards, 'h1', undefined, '?kiosk')).toBe('/d/haus?kiosk');
    expect(hrefFor(dashboards, 'gone', undefined, '')).toBe('/d/gone');
    expect(dashboardHref('a b', 'ü', '')).toBe('/d/a%20b/%C3%BC');
  });

  it('after a rename, links use the new slug and the old address still resolves', () => {
    const doc = updatePage(house(), 'h1', 'wz', { title: 'Stube' });
    const haus = doc.dashboards[0]!;
    expect(hrefFor(doc.dashboards, 'h1', 'wz', '')).toBe('/d/haus/stube');
    expect(resolvePage(haus, 'wohnzimmer')?.id).toBe('wz');
    // Ids, as in addresses from before slugs, resolve too.
    expect(resolveDashboard(doc.dashboards, 'h1')).toBe(haus);
    expect(resolvePage(haus, 'wz')?.id).toBe('wz');
  });

  it('an address shown this visit keeps what it showed when an undo takes its slug away', () => {
    const before = house();
    const renamed = updatePage(before, 'h1', 'wz', { title: 'Stube' });
    rememberShown({ dashboard: 'haus', page: 'stube' }, 'h1', 'wz');
    // Undo puts the page back as it was: without the slug "stube".
    const undone = before.dashboards[0]!;
    expect(resolvePage(undone, 'stube')?.id).toBe('wz');
    expect(resolvePage(renamed.dashboards[0]!, 'stube')?.id).toBe('wz');
    expect(resolvePage(undone, 'nie-gezeigt')).toBeUndefined();
  });
});
