/**
 * For tests: dashboard sync messages as the app publishes them (src/sync/rules.ts's
 * encodeDashboard and encodeTombstone), with widgets in the shapes of src/dashboard/schema.ts.
 */

let widgetCount = 0;

/** A widget envelope as the dashboard stores it. */
export function widget(type: string, config: Record<string, unknown>) {
  widgetCount++;
  return { id: `w${widgetCount}`, type, version: 1, config };
}

/** The retained message at `<prefix><id>`: one page, one group holding `widgets`. */
export function dashboardMessage(
  id: string,
  widgets: readonly unknown[],
  { revision = 1 }: { revision?: number } = {},
): string {
  return JSON.stringify({
    format: 'tafel-dashboard',
    schemaVersion: 1,
    dashboard: {
      id,
      title: `Dashboard ${id}`,
      revision,
      updatedAt: new Date(0).toISOString(),
      pages: [
        {
          id: 'main',
          title: 'Main',
          groups: [{ id: 'g', title: 'Group', width: 6, showTitle: true, widgets }],
        },
      ],
    },
  });
}

/** The retained message at `<prefix><id>/deleted`. */
export function tombstoneMessage(revision: number): string {
  return JSON.stringify({ revision, deletedAt: new Date(0).toISOString() });
}
