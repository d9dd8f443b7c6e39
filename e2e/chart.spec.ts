import type { Locator, Page } from '@playwright/test';
import { dashboardOf, expect, openWithDashboard, test, type Broker } from './fixtures.ts';

// The chart as a wall tablet shows it: real data through the broker (and an hour of history
// in IndexedDB, as if the tablet had been showing it), measured in the real browser.
test.use({ viewport: { width: 800, height: 1280 } });

/** A chart widget of these series, as the dashboard stores it. */
const chartOf = (title: string, series: Array<{ topic: string; label: string }>) =>
  dashboardOf(title, [
    {
      type: 'chart',
      config: {
        title,
        unit: '°C',
        series: series.map((s, i) => ({
          ...s,
          valuePath: '',
          color: ['#1f6feb', '#e8590c'][i],
        })),
      },
    },
  ]);

/**
 * Write an hour of stored history for `topics` into the chart's IndexedDB, from the app's
 * first dashboard (the tutorial's: no chart there holds, and saves over, the history).
 */
async function seedHistory(
  page: Page,
  broker: Broker,
  lines: Array<{ topic: string; everyMs: number; base: number; quiet?: [number, number] }>,
) {
  await page.goto(broker.appUrl);
  await page.evaluate(async (lines) => {
    const now = Date.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tafel-chart');
      open.onupgradeneeded = () => open.result.createObjectStore('series');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('series', 'readwrite');
    for (const { topic, everyMs, base, quiet } of lines) {
      const t: number[] = [];
      const v: number[] = [];
      for (let at = now - 60 * 60_000; at < now - 5000; at += everyMs) {
        const ago = (now - at) / 60_000;
        if (quiet && ago <= quiet[0] && ago >= quiet[1]) continue;
        t.push(at);
        v.push(Math.round((base + Math.sin(at / 300_000)) * 100) / 100);
      }
      const line = { topic, t: Float64Array.from(t), v: Float64Array.from(v) };
      tx.objectStore('series').put(
        { version: 1, savedAt: now, lines: [line] },
        `series:${JSON.stringify([topic, ''])}`,
      );
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, lines);
}

/** The axes' labels with their boxes: times have a colon, values do not. */
async function axisLabels(chart: Locator) {
  const texts = chart.locator('text.recharts-cartesian-axis-tick-value');
  const all = await Promise.all(
    (await texts.all()).map(async (t) => ({
      text: await t.textContent(),
      box: await t.boundingBox(),
    })),
  );
  return {
    times: all.filter((l) => l.text?.includes(':')),
    values: all.filter((l) => !l.text?.includes(':')).map((l) => Number(l.text)),
  };
}

test('a fresh chart: its two points as dots across the plot, nice labels, a tooltip in words', async ({
  page,
  broker,
  sensor,
  syncPrefix,
}) => {
  const topic = `${syncPrefix.replace('dashboards/', 'w/')}temp`;
  await openWithDashboard(page, broker, chartOf('Frisch', [{ topic, label: 'Temperatur' }]));
  const chart = page.getByRole('img', { name: /^Frisch: chart/ });
  await sensor.publishAsync(topic, '21.3');
  await expect(chart).toHaveAttribute('aria-label', /last value 21\.3 °C$/);
  await page.waitForTimeout(2000);
  await sensor.publishAsync(topic, '21.6');
  await expect(chart).toHaveAttribute('aria-label', /last value 21\.6 °C$/);

  // Two dots, apart: not one vertical line at the right edge of an hour.
  const dots = chart.locator('circle.chart__dot');
  await expect(dots).toHaveCount(2);
  const grid = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  const [a, b] = await Promise.all([dots.nth(0).boundingBox(), dots.nth(1).boundingBox()]);
  expect(b!.x - a!.x).toBeGreaterThan(grid.width * 0.1);

  // Nice values (21.30, 21.35 …), and time labels that fit and never overlap.
  const { times, values } = await axisLabels(chart);
  expect(values.length).toBeGreaterThanOrEqual(3);
  const step = Number((values[1]! - values[0]!).toPrecision(6));
  expect([0.01, 0.02, 0.05, 0.1, 0.2]).toContain(Math.abs(step));
  expect(times.length).toBeGreaterThanOrEqual(3);
  const boxes = times.map((t) => t.box!).sort((p, q) => p.x - q.x);
  for (let i = 1; i < boxes.length; i++) {
    expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x + boxes[i - 1]!.width);
  }
  const svg = (await chart.locator('svg.recharts-surface').boundingBox())!;
  expect(boxes.at(-1)!.x + boxes.at(-1)!.width).toBeLessThanOrEqual(svg.x + svg.width);

  // The tooltip: "Temperatur 21.6 °C" under the time in 24 h.
  await page.mouse.move(b!.x + b!.width / 2, b!.y + b!.height / 2);
  const tip = chart.locator('.chart__tooltip');
  await expect(tip.locator('li')).toHaveText(/^Temperatur\s*21\.6 °C$/);
  await expect(tip.locator('.chart__tooltip-time')).toHaveText(/^\d\d:\d\d:\d\d$/);
  expect(await tip.textContent()).not.toContain(' : ');
});

test('an outage leaves a gap in its own line only, and the tooltip leaves that line out', async ({
  page,
  broker,
  sensor,
  syncPrefix,
}) => {
  const base = syncPrefix.replace('dashboards/', 'w/');
  const [kitchen, hall] = [`${base}kueche`, `${base}flur`];
  await seedHistory(page, broker, [
    { topic: kitchen, everyMs: 10_000, base: 21.5, quiet: [35, 25] },
    { topic: hall, everyMs: 7_000, base: 18.4 },
  ]);
  await openWithDashboard(
    page,
    broker,
    chartOf('Ausfall', [
      { topic: kitchen, label: 'Küche' },
      { topic: hall, label: 'Flur' },
    ]),
  );
  await sensor.publishAsync(kitchen, '21.8');
  const chart = page.getByRole('img', { name: /^Ausfall: chart/ });
  await expect(chart).toHaveAttribute('aria-label', /Küche 21\.8 °C/);

  const curves = chart.locator('path.recharts-line-curve');
  await expect(curves).toHaveCount(2);
  const pieces = async (i: number) =>
    ((await curves.nth(i).getAttribute('d')) ?? '').split('M').length - 1;
  await expect.poll(() => pieces(0)).toBe(2);
  expect(await pieces(1)).toBe(1);

  // Half an hour ago, in the kitchen's outage: the tooltip names only the hall.
  const grid = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
  await page.mouse.move(grid.x + grid.width * 0.5, grid.y + grid.height / 2);
  const tip = chart.locator('.chart__tooltip');
  await expect(tip.locator('.chart__tooltip-label')).toHaveText(['Flur']);
  await page.mouse.move(grid.x + grid.width * 0.2, grid.y + grid.height / 2);
  await expect(tip.locator('.chart__tooltip-label')).toHaveText(['Küche', 'Flur']);
});
