/**
 * Screenshots of the running app for the README and for looking at: phone, tablet (both
 * orientations) and desktop, light and dark. `npm run screenshot` → docs/screenshots/
 * and docs/screenshot.png (the README's).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/paths.ts';
import { withRunningApp } from './with-running-app.ts';

const outDir = path.join(repoRoot, 'docs', 'screenshots');
const viewports = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'tablet-portrait', width: 800, height: 1280 },
  { name: 'tablet-landscape', width: 1280, height: 800 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

mkdirSync(outDir, { recursive: true });

await withRunningApp(async ({ appUrl, browser, sensor }) => {
  // Retained, so every page opened below shows it at once.
  await sensor.publishAsync('Erdgeschoss/Wohnzimmer/temp', '21.5', { retain: true, qos: 1 });
  for (const scheme of ['light', 'dark'] as const) {
    for (const vp of viewports) {
      const page = await browser.newPage({
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.name === 'phone' ? 2 : 1,
        colorScheme: scheme,
      });
      await page.goto(appUrl);
      await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
      await page.getByRole('meter', { name: 'Temperatur' }).locator('svg').first().waitFor();
      await page.waitForTimeout(600); // the needle's short animation
      const file = path.join(outDir, `${vp.name}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
  // Kiosk mode on a wall tablet: portrait and landscape, light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    for (const vp of [
      { name: 'kiosk-portrait', width: 800, height: 1280 },
      { name: 'kiosk-landscape', width: 1280, height: 800 },
    ]) {
      const page = await browser.newPage({
        viewport: { width: vp.width, height: vp.height },
        colorScheme: scheme,
      });
      await page.goto(`${appUrl}?kiosk`);
      await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
      await page.getByRole('meter', { name: 'Temperatur' }).locator('svg').first().waitFor();
      await page.waitForTimeout(600);
      await page.screenshot({ path: path.join(outDir, `${vp.name}-${scheme}.png`) });
      await page.close();
    }
  }
  // Edit mode, with a widget's settings open: a phone and a laptop.
  for (const vp of [
    { name: 'edit-phone', width: 375, height: 812 },
    { name: 'edit-desktop', width: 1280, height: 800 },
  ]) {
    const page = await browser.newPage({ viewport: { width: vp.width, height: vp.height } });
    await page.goto(appUrl);
    await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('meter', { name: 'Temperatur' }).locator('svg').first().waitFor();
    await page.screenshot({ path: path.join(outDir, `${vp.name}.png`) });
    await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(outDir, `${vp.name}-settings.png`) });
    console.log(path.join(outDir, `${vp.name}*.png`));
    await page.close();
  }
});

// The README's picture: a tablet on the wall, landscape, light.
copyFileSync(
  path.join(outDir, 'tablet-landscape-light.png'),
  path.join(repoRoot, 'docs', 'screenshot.png'),
);
