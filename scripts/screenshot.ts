/**
 * Screenshots of the running app for the README and for looking at: phone, tablet (both
 * orientations) and desktop, light and dark. `npm run screenshot` → docs/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import mqtt from 'mqtt';
import { ensureBuild } from '../server/build.ts';
import { defaultDistDir, repoRoot } from '../server/paths.ts';
import { startServer } from '../server/server.ts';

const outDir = path.join(repoRoot, 'docs', 'screenshots');
const viewports = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'tablet-portrait', width: 800, height: 1280 },
  { name: 'tablet-landscape', width: 1280, height: 800 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

ensureBuild({ root: repoRoot, log: console.log });
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(path.join(tmpdir(), 'tafel-shot-'));
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  mqttPort: 0,
  dataDir,
  distDir: defaultDistDir,
  broker: true,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
});
const sensor = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`);
try {
  // Retained, so every page opened below shows it at once.
  await sensor.publishAsync('Erdgeschoss/Wohnzimmer/temp', '21.5', { retain: true, qos: 1 });
  for (const scheme of ['light', 'dark'] as const) {
    for (const vp of viewports) {
      const page = await browser.newPage({
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.name === 'phone' ? 2 : 1,
        colorScheme: scheme,
      });
      await page.goto(`http://127.0.0.1:${server.httpPort}/`);
      await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
      await page.getByRole('meter', { name: 'Temperatur' }).locator('svg').first().waitFor();
      await page.waitForTimeout(600); // the needle's short animation
      const file = path.join(outDir, `${vp.name}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await sensor.endAsync();
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
