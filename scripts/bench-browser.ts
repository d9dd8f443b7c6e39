/**
 * The whole live path under a flood, in Chromium: a sensor floods the gauge's topic over TCP
 * through the embedded broker; how fast the page takes it and how many DOM updates it costs.
 * Prints numbers, asserts nothing. Part of `npm run bench` (after src/mqtt/ingest.bench.ts).
 */
import { withRunningApp } from './with-running-app.ts';

await withRunningApp(async ({ appUrl, browser, sensor }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(appUrl);
  await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
  const gauge = page.getByRole('meter', { name: 'Temperatur' });
  await gauge.locator('svg').first().waitFor();

  for (const count of [10_000, 50_000]) {
    // Count DOM mutations of the gauge's number: one per React commit that changed it.
    await page.evaluate(() => {
      const w = window as unknown as { __mutations: number; __obs?: MutationObserver };
      w.__obs?.disconnect();
      w.__mutations = 0;
      const target = document.querySelector('.gauge__readout')!;
      w.__obs = new MutationObserver((m) => (w.__mutations += m.length));
      w.__obs.observe(target, { subtree: true, childList: true, characterData: true });
    });
    const last = String(count + 0.5);
    const t0 = performance.now();
    for (let i = 1; i < count; i++) sensor.publish('Erdgeschoss/Wohnzimmer/temp', String(i % 100));
    sensor.publish('Erdgeschoss/Wohnzimmer/temp', last);
    await page.waitForFunction(
      (v) => document.querySelector('[role=meter]')?.getAttribute('aria-valuenow') === v,
      last,
      { timeout: 120_000, polling: 50 },
    );
    const ms = performance.now() - t0;
    const mutations = await page.evaluate(
      () => (window as unknown as { __mutations: number }).__mutations,
    );
    console.log(
      `browser: ${count} msgs to one gauge: last value shown after ${ms.toFixed(0)} ms ` +
        `(${Math.round(count / (ms / 1000)).toLocaleString('en')} msgs/s end to end), ` +
        `${mutations} DOM updates of the number (≈ frames, not messages)`,
    );
  }

  // A chart holding 100,000 points: flooded live, then drawn again after a reload from
  // IndexedDB. The time is until its accessible label names the last value (data loaded,
  // downsampled and drawn), so it includes the history's load.
  const chartPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const chart = {
    id: 'bench',
    title: 'Bench',
    revision: 1,
    updatedAt: new Date().toISOString(),
    pages: [
      {
        id: 'p',
        title: 'Home',
        groups: [
          {
            id: 'g',
            title: 'Chart',
            width: 12,
            showTitle: true,
            widgets: [
              {
                id: 'c',
                type: 'chart',
                version: 1,
                config: {
                  title: 'Flood',
                  windowSeconds: 600,
                  maxPoints: 200_000,
                  series: [{ topic: 'bench/flood', valuePath: '', label: '', color: '#1f6feb' }],
                },
                layout: { x: 0, y: 0, w: 12, h: 8 },
              },
            ],
          },
        ],
      },
    ],
  };
  await chartPage.addInitScript((d) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('tafel.dashboards', JSON.stringify({ schemaVersion: 1, dashboards: [d] }));
    localStorage.setItem(
      'tafel.sync',
      JSON.stringify({ enabled: false, prefix: 'tafel/dashboards/' }),
    );
  }, chart);
  await chartPage.goto(`${appUrl}d/bench`);
  await chartPage.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
  const plot = chartPage.getByRole('img', { name: /^Flood: chart/ });
  await plot.waitFor();
  const points = 100_000;
  const t0 = performance.now();
  for (let i = 1; i < points; i++)
    sensor.publish('bench/flood', String(20 + Math.sin(i / 500) * 5));
  sensor.publish('bench/flood', '99.5');
  await chartPage.waitForFunction(
    () =>
      /last value 99\.5/.test(
        document.querySelector('[role=img][aria-label^="Flood"]')?.getAttribute('aria-label') ?? '',
      ),
    null,
    { timeout: 120_000, polling: 50 },
  );
  console.log(
    `browser: a chart took ${points.toLocaleString('en')} points live in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  // One redraw with all the points: resize the window, so the chart draws again at a new width.
  const redraw = await chartPage.evaluate(async () => {
    const el = document.querySelector('.chart__plot svg');
    const before = el?.getAttribute('width');
    const start = performance.now();
    window.dispatchEvent(new Event('resize'));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { ms: performance.now() - start, before };
  });
  await chartPage.setViewportSize({ width: 1000, height: 800 });
  const r0 = performance.now();
  await chartPage.waitForFunction(
    () => Number(document.querySelector('.chart__plot svg')?.getAttribute('width')) < 1000,
    null,
    { polling: 'raf' },
  );
  console.log(
    `browser: redrawing it at a new width took ${(performance.now() - r0).toFixed(0)} ms (rAF probe ${redraw.ms.toFixed(0)} ms)`,
  );
  await chartPage.waitForTimeout(3000); // let the history reach IndexedDB
  const l0 = performance.now();
  await chartPage.reload();
  await chartPage.waitForFunction(
    () =>
      /last value 99\.5/.test(
        document.querySelector('[role=img][aria-label^="Flood"]')?.getAttribute('aria-label') ?? '',
      ),
    null,
    { timeout: 60_000, polling: 50 },
  );
  console.log(
    `browser: after a reload, the chart with ${points.toLocaleString('en')} points from IndexedDB was drawn in ${(performance.now() - l0).toFixed(0)} ms (page load included)`,
  );
});
