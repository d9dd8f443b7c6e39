/**
 * The app icons (PWA manifest, home screen) rendered from public/favicon.svg by Chromium:
 * `node --import tsx scripts/icons.ts` → public/icons/. Run again when the logo changes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { repoRoot } from '../server/paths.ts';

const svg = readFileSync(path.join(repoRoot, 'public', 'favicon.svg'), 'utf8');
const out = path.join(repoRoot, 'public', 'icons');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu'],
});
try {
  for (const { size, name, padding } of [
    { size: 192, name: 'icon-192.png', padding: 0 },
    { size: 512, name: 'icon-512.png', padding: 0 },
    // Maskable: the platform crops to a circle or squircle, so the logo keeps a safe zone.
    { size: 512, name: 'maskable-512.png', padding: 0.1 },
    { size: 180, name: 'apple-touch-icon.png', padding: 0 },
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = Math.round(size * (1 - 2 * padding));
    await page.setContent(
      `<body style="margin:0;background:#1f6feb;display:grid;place-items:center;width:${size}px;height:${size}px">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    await page.screenshot({ path: path.join(out, name), omitBackground: false });
    await page.close();
    console.log(path.join(out, name));
  }
} finally {
  await browser.close();
}
