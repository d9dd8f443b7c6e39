/**
 * How soon a chart shows its history (issue 12's target: a chart with 24 h of history shows
 * its first points ≤ 300 ms after the page is interactive). 24 h of one sample a second
 * (86,400 rows) are written through the recorder into a fresh history.db; the real server
 * then serves the built app with its embedded broker and recorder, and a dashboard with
 * one chart is shared. Each run opens a new browser context (nothing in IndexedDB, the
 * recorder is the only source) and takes, from the page's own clock, the time from
 * `domInteractive` to the first drawn line of the chart, and how long `/api/history` took:
 * once for a browser that knows the dashboard (its charts' IndexedDB deleted), and once for
 * a new browser, where the dashboard itself arrives through the broker first.
 * Prints numbers and one JSON line; asserts nothing. `npm run bench:chart-history`
 * (`BENCH_RUNS`, default 7; `BENCH_TIMELINE=1` lists every request of the measured load).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import mqtt from 'mqtt';
import { ensureBuild } from '../server/build.ts';
import { defaultDistDir, repoRoot } from '../server/paths.ts';
import { Recorder } from '../server/recorder/recorder.ts';
import { startServer } from '../server/server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TOPIC = 'bench/wohnzimmer/temp';
const DAY = 86_400_000;

ensureBuild({ root: repoRoot, log: console.log });
const dataDir = mkdtempSync(path.join(tmpdir(), 'tafel-bench-chart-'));

// 24 h of 1-second samples, written as the recorder writes them (a flush a minute of data).
const end = Date.now() - 5_000;
let now = end - DAY;
const seeding = performance.now();
const recorder = new Recorder({
  file: path.join(dataDir, 'history.db'),
  now: () => now,
  timers: false,
  extraTopics: [TOPIC],
});
let i = 0;
for (; now < end; now += 1000, i++) {
  const v = 20.5 + 1.8 * Math.sin((i / 86_400) * 2 * Math.PI) + 0.2 * Math.sin(i / 300);
  recorder.take(TOPIC, Buffer.from(v.toFixed(2)), false);
  if (i % 60 === 59) recorder.flush();
}
recorder.flush();
recorder.close();
console.log(`seeded ${i} samples over 24 h in ${Math.round(performance.now() - seeding)} ms`);

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  mqttPort: 0,
  dataDir,
  distDir: defaultDistDir,
  broker: true,
  recorder: {
    enabled: true,
    from: null,
    username: null,
    password: null,
    topics: [],
    syncPrefix: 'tafel/dashboards/',
    rawDays: 10,
    minuteDays: 90,
    maxBytes: 1024 * 1024 * 1024,
  },
});
const appUrl = `http://127.0.0.1:${server.httpPort}`;
const dashboard = {
  id: 'd-bench-history',
  title: 'History',
  revision: 1,
  updatedAt: new Date().toISOString(),
  pages: [
    {
      id: 'p1',
      title: 'Home',
      groups: [
        {
          id: 'g1',
          title: 'Widgets',
          width: 12,
          showTitle: true,
          widgets: [
            {
              id: 'w1',
              type: 'chart',
              version: 1,
              config: {
                title: 'Temperature',
                unit: '°C',
                windowSeconds: 86_400,
                series: [{ topic: TOPIC, valuePath: '', label: 'Living room', color: '#1f6feb' }],
              },
              layout: { x: 0, y: 0, w: 12, h: 5 },
            },
          ],
        },
      ],
    },
  ],
};
const sensor = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`);
await sensor.publishAsync(
  `tafel/dashboards/${dashboard.id}`,
  JSON.stringify({ format: 'tafel-dashboard', schemaVersion: 1, dashboard }),
  { retain: true, qos: 1 },
);
await sensor.endAsync();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
});
const results: Array<{
  interactive: number;
  firstPoints: number;
  afterInteractive: number;
  newBrowser: number;
  api: number;
}> = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    // A string, not a function: tsx names functions with a helper the page does not have.
    await context.addInitScript({
      content: `
        localStorage.setItem('tafel.sync', JSON.stringify({ enabled: true, prefix: 'tafel/dashboards/' }));
        // The first frame with a drawn line in the chart, on the page's clock.
        (function seen() {
          const line = document.querySelector('[role="img"] .recharts-line-curve');
          if (line && (line.getAttribute('d') || '').length > 10) window.__firstPoints = performance.now();
          else requestAnimationFrame(seen);
        })();`,
    });
    const page = await context.newPage();
    // A browser that knows the dashboard (a wall tablet switched on in the morning) but has
    // no chart history of its own: the first visit brings the dashboard through the sync,
    // then the charts' IndexedDB is deleted and the page loaded again, and measured.
    await page.goto(`${appUrl}/d/history`);
    await page.waitForFunction(
      () => (window as unknown as { __firstPoints?: number }).__firstPoints,
    );
    const newBrowser = await page.evaluate(
      () =>
        (window as unknown as { __firstPoints: number }).__firstPoints -
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
          .domInteractive,
    );
    await page.evaluate(async () => {
      for (const db of await indexedDB.databases()) {
        if (db.name) indexedDB.deleteDatabase(db.name);
      }
    });
    await page.reload();
    await page.waitForFunction(
      () => (window as unknown as { __firstPoints?: number }).__firstPoints,
      null,
      { timeout: 30_000 },
    );
    if (process.env.BENCH_TIMELINE)
      console.log(
        await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map(
              (e) =>
                `${e.startTime.toFixed(0).padStart(6)} → ${(e as PerformanceResourceTiming).responseEnd.toFixed(0).padStart(6)}  ${e.name.replace(location.origin, '')}`,
            )
            .join('\n'),
        ),
      );
    const r = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const api = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/history?'))
        .map((e) => e.duration);
      const firstPoints = (window as unknown as { __firstPoints: number }).__firstPoints;
      return {
        interactive: nav.domInteractive,
        firstPoints,
        afterInteractive: firstPoints - nav.domInteractive,
        api: api[0] ?? NaN,
      };
    });
    // The first run warms the server's caches and the disk; it is reported, not counted.
    console.log(
      `run ${run + 1}: interactive at ${r.interactive.toFixed(0)} ms, first points at ` +
        `${r.firstPoints.toFixed(0)} ms (${r.afterInteractive.toFixed(0)} ms after), ` +
        `/api/history ${r.api.toFixed(0)} ms; in a new browser (the dashboard comes through ` +
        `the sync) ${newBrowser.toFixed(0)} ms after${run === 0 ? ' (warm-up)' : ''}`,
    );
    if (run > 0) results.push({ ...r, newBrowser });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const summary = {
  runs: results.length,
  afterInteractiveMedianMs: Math.round(median(results.map((r) => r.afterInteractive))),
  afterInteractiveMaxMs: Math.round(Math.max(...results.map((r) => r.afterInteractive))),
  apiHistoryMedianMs: Math.round(median(results.map((r) => r.api))),
  newBrowserMedianMs: Math.round(median(results.map((r) => r.newBrowser))),
};
console.log(
  `A chart with 24 h of history (86,400 samples): first points ${summary.afterInteractiveMedianMs} ms ` +
    `after the page is interactive (median of ${summary.runs}, max ${summary.afterInteractiveMaxMs}; ` +
    `target ≤ 300 ms); /api/history ${summary.apiHistoryMedianMs} ms; in a new browser, ` +
    `whose dashboard comes through the sync first, ${summary.newBrowserMedianMs} ms`,
);
console.log(JSON.stringify({ benchChartHistory: summary }));
