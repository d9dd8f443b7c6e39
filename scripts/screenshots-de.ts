/**
 * Tafel in German, to look at: German words are longer, and nothing may be cut off or wrap
 * badly. Phone and tablet, light and dark; the header while the broker is away (320, 375,
 * 800 px); edit mode with a widget's settings; Tablet settings at a display scale of 150 %.
 * `npm run screenshot` → docs/screenshots/de/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContextOptions, Page } from '@playwright/test';
import { repoRoot } from '../server/paths.ts';
import { withRunningApp } from './with-running-app.ts';

const outDir = path.join(repoRoot, 'docs', 'screenshots', 'de');
mkdirSync(outDir, { recursive: true });

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 812, deviceScaleFactor: 2 },
  { name: 'tablet', width: 1280, height: 800, deviceScaleFactor: 1 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

const shot = async (page: Page, name: string) => {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(file);
};

await withRunningApp(async ({ appUrl, browser, sensor }) => {
  await sensor.publishAsync('Erdgeschoss/Wohnzimmer/temp', '21.5', { retain: true, qos: 1 });
  const german = `${appUrl}?lang=de`;
  const open = async (options: BrowserContextOptions) => {
    const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(german);
    await page.getByRole('status', { name: 'Verbindung' }).getByText('Verbunden').waitFor();
    await page.getByRole('meter', { name: 'Temperatur' }).locator('svg').first().waitFor();
    return { context, page };
  };

  for (const scheme of SCHEMES) {
    for (const vp of VIEWPORTS) {
      const { context, page } = await open({
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.deviceScaleFactor,
        colorScheme: scheme,
      });
      await page.waitForTimeout(600); // the needle's short animation
      await shot(page, `${vp.name}-${scheme}`);

      // Edit mode, with the gauge's settings open.
      await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
      await page.getByRole('button', { name: 'Einstellungen von Temperatur', exact: true }).click();
      await page.getByRole('complementary', { name: 'Einstellungen: Anzeige' }).waitFor();
      await page.waitForTimeout(400);
      await shot(page, `${vp.name}-edit-${scheme}`);
      await context.close();
    }
  }

  // The header while the broker is away: every socket closes at once (reconnecting).
  for (const scheme of SCHEMES) {
    const context = await browser.newContext({
      viewport: { width: 800, height: 600 },
      colorScheme: scheme,
      reducedMotion: 'reduce',
    });
    await context.routeWebSocket(/\/mqtt$/, (ws) => void ws.close({ code: 1011, reason: 'gone' }));
    const page = await context.newPage();
    await page.goto(german);
    await page.getByRole('status', { name: 'Verbindung' }).getByText('Verbinde neu').waitFor();
    for (const width of [320, 375, 800]) {
      await page.setViewportSize({ width, height: 600 });
      await shot(page, `reconnecting-${width}-${scheme}`);
    }
    await page.getByRole('status', { name: 'Verbindung' }).getByRole('button').click();
    await page.getByRole('group', { name: 'Verbindung: Details' }).waitFor();
    await shot(page, `reconnecting-details-800-${scheme}`);
    await context.close();
  }

  // Tablet settings on a landscape tablet at 150 %.
  const { context, page } = await open({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1.5,
  });
  await page.getByRole('button', { name: 'Tablet-Einstellungen' }).click();
  await page.getByRole('dialog', { name: 'Tablet-Einstellungen' }).waitFor();
  await shot(page, 'tablet-settings-150');
  await context.close();
});
