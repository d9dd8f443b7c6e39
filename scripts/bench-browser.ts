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
});
