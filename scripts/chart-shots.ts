/**
 * Screenshots of the chart widget with real data, for looking at: a fresh chart with two
 * points, a dense hour, an hour with a 10-minute outage, and several lines, on a phone and a
 * tablet (both orientations), light and dark, plus one with the tooltip open.
 *
 *   node --import tsx scripts/chart-shots.ts [out-dir]     (default: reports/chart-shots)
 *
 * The older points are written into the chart's IndexedDB history (as if the tablet had been
 * showing the chart for an hour); the newest arrive live, published over TCP through the
 * embedded broker.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from '../server/paths.ts';
import { withRunningApp } from './with-running-app.ts';

const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'reports', 'chart-shots'));
mkdirSync(outDir, { recursive: true });

const MIN = 60_000;
const viewports = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'tablet-portrait', width: 800, height: 1280 },
  { name: 'tablet-landscape', width: 1280, height: 800 },
] as const;

const chart = (
  title: string,
  topic: string,
  layout: { x?: number; y: number; w?: number },
  over: Record<string, unknown> = {},
) => ({
  id: `w-${layout.y}-${layout.x ?? 0}`,
  type: 'chart',
  version: 1,
  config: {
    title,
    unit: '°C',
    series: [{ topic, valuePath: '', label: topic.includes('+') ? '' : 'Temperatur' }],
    ...over,
  },
  layout: { x: layout.x ?? 0, y: layout.y, w: layout.w ?? 12, h: 6 },
});

const dashboard = {
  id: 'charts',
  title: 'Charts',
  revision: 1,
  updatedAt: new Date().toISOString(),
  pages: [
    {
      id: 'p1',
      title: 'Home',
      groups: [
        {
          id: 'g1',
          title: 'Charts',
          width: 12,
          showTitle: false,
          widgets: [
            chart('Two points', 'shots/two', { y: 0 }),
            chart('Dense hour', 'shots/dense', { y: 6 }),
            chart('Outage', 'shots/outage', { y: 12 }),
            chart('Several lines', 'shots/rooms/+/t', { y: 18 }),
            chart('Area outage', 'shots/outage', { y: 24, w: 6 }, { kind: 'area' }),
            chart('Step outage', 'shots/outage', { y: 24, x: 6, w: 6 }, { kind: 'step' }),
            chart('Narrow', 'shots/dense', { y: 30, w: 4 }),
            chart('A day', 'shots/day', { y: 30, x: 4, w: 8 }, { windowSeconds: 86_400 }),
          ],
        },
      ],
    },
  ],
};

/** Stored history relative to the page's clock: [key, record] for the chart's IndexedDB. */
function history(now: number) {
  const line = (
    topic: string,
    everyMs: number,
    base: number,
    skip?: [number, number],
    spanMin = 60,
  ) => {
    const t: number[] = [];
    const v: number[] = [];
    for (let at = now - spanMin * MIN; at < now - 5000; at += everyMs) {
      const ago = now - at;
      if (skip && ago <= skip[0] * MIN && ago >= skip[1] * MIN) continue;
      t.push(at);
      v.push(
        Math.round(
          // A slow swing and a small fast one, both scaled to the span shown.
          (base +
            0.6 * Math.sin((at / 600_000) * (60 / spanMin)) +
            0.15 * Math.sin((at / 37_000) * (60 / spanMin)) +
            0.0001) *
            100,
        ) / 100,
      );
    }
    return { topic, t, v };
  };
  const record = (lines: ReturnType<typeof line>[]) => ({ version: 1, savedAt: now, lines });
  const key = (topic: string) => `series:${JSON.stringify([topic, ''])}`;
  return [
    [key('shots/dense'), record([line('shots/dense', 10_000, 20.5)])],
    [key('shots/day'), record([line('shots/day', 120_000, 19.5, [600, 540], 24 * 60 - 2)])],
    [key('shots/outage'), record([line('shots/outage', 10_000, 20.5, [35, 25])])],
    [
      key('shots/rooms/+/t'),
      record([
        line('shots/rooms/kueche/t', 10_000, 21.5),
        line('shots/rooms/flur/t', 30_000, 18.4, [20, 12]),
        line('shots/rooms/bad/t', 60_000, 23.1),
      ]),
    ],
  ] as const;
}

async function seed(page: Page, appUrl: string) {
  // A page of the same origin that is not the app, so no chart holds (and saves) the history.
  await page.goto(new URL('/healthz', appUrl).href);
  await page.evaluate(
    async ({ d, records }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('tafel-chart');
        open.onupgradeneeded = () => open.result.createObjectStore('series');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('series', 'readwrite');
        for (const [k, r] of records) {
          // Typed arrays, as the app stores them.
          const lines = r.lines.map((l) => ({
            ...l,
            t: Float64Array.from(l.t),
            v: Float64Array.from(l.v),
          }));
          tx.objectStore('series').put({ ...r, lines }, k);
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      localStorage.setItem(
        'tafel.dashboards',
        JSON.stringify({ schemaVersion: 1, dashboards: [d] }),
      );
      localStorage.setItem('tafel.last-dashboard', d.id);
      localStorage.setItem(
        'tafel.sync',
        JSON.stringify({ enabled: false, prefix: 'tafel/dashboards/' }),
      );
    },
    { d: dashboard, records: history(Date.now()) },
  );
  await page.goto(appUrl);
  await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
}

await withRunningApp(async ({ appUrl, browser, sensor }) => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const vp of viewports) {
      const page = await browser.newPage({
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.name === 'phone' ? 2 : 1,
        colorScheme: scheme,
      });
      await seed(page, appUrl);
      await page
        .getByRole('img', { name: /^Dense hour: chart/ })
        .locator('svg')
        .waitFor();
      // Live: the fresh chart's two points, and the newest point of every other line.
      await sensor.publishAsync('shots/two', '21.3');
      for (const [topic, value] of [
        ['shots/dense', '20.9'],
        ['shots/outage', '20.9'],
        ['shots/rooms/kueche/t', '21.8'],
        ['shots/rooms/flur/t', '18.1'],
        ['shots/rooms/bad/t', '23.3'],
        ['shots/day', '20.1'],
      ] as const) {
        await sensor.publishAsync(topic, value);
      }
      await page.waitForTimeout(2000);
      await sensor.publishAsync('shots/two', '21.6');
      await page.waitForTimeout(800);
      const file = (what: string) => path.join(outDir, `${vp.name}-${scheme}-${what}.png`);
      for (const w of dashboard.pages[0]!.groups[0]!.widgets) {
        const group = page.getByRole('group', { name: w.config.title, exact: true });
        await group.scrollIntoViewIfNeeded();
        await group.screenshot({ path: file(w.config.title.toLowerCase().replace(/ /g, '-')) });
      }
      // The tooltip, a third of the way into the outage chart and in the several lines one.
      for (const title of ['Outage', 'Several lines']) {
        const plot = page.getByRole('img', { name: new RegExp(`^${title}: chart`) });
        await plot.scrollIntoViewIfNeeded();
        const box = (await plot.boundingBox())!;
        await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
        await page.waitForTimeout(300);
        await page
          .getByRole('group', { name: title, exact: true })
          .screenshot({ path: file(`${title.toLowerCase().replace(/ /g, '-')}-tooltip`) });
      }
      await page.mouse.move(0, 0);
      console.log(file('*'));
      await page.close();
    }
  }
});
