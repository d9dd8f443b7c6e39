/**
 * The widget gallery: one dashboard holding every widget type, with live values, on a phone
 * and a tablet, light and dark → docs/screenshots/gallery-*.png (the README shows one).
 * `npm run screenshot` runs it after the main screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/paths.ts';
import { withRunningApp } from './with-running-app.ts';

const outDir = path.join(repoRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

const t = (name: string) => `gallery/${name}`;
const widget = (
  type: string,
  config: Record<string, unknown>,
  layout: { x: number; y: number; w: number; h: number },
) => ({
  id: `${type}-${layout.x}-${layout.y}`,
  type,
  version: 1,
  config,
  layout,
});

const group = (id: string, title: string, widgets: ReturnType<typeof widget>[]) => ({
  id,
  title,
  width: 6,
  showTitle: true,
  widgets,
});

const dashboard = {
  id: 'gallery',
  title: 'Gallery',
  revision: 1,
  updatedAt: new Date().toISOString(),
  pages: [
    {
      id: 'home',
      title: 'Home',
      groups: [
        group('g-show', 'Show', [
          widget(
            'gauge',
            {
              title: 'Temperature',
              topic: t('temp'),
              unit: '°C',
              min: 0,
              max: 40,
              seg1: 18,
              seg2: 26,
            },
            { x: 0, y: 0, w: 3, h: 4 },
          ),
          widget(
            'gauge',
            {
              title: 'Tank',
              topic: t('tank'),
              unit: '%',
              variant: 'level',
              colors: ['#ca3838', '#e6e600', '#00b500'],
            },
            { x: 3, y: 0, w: 3, h: 4 },
          ),
          widget(
            'gauge',
            { title: 'Humidity', topic: t('hum'), unit: '%', variant: 'donut' },
            { x: 0, y: 4, w: 3, h: 4 },
          ),
          widget(
            'gauge',
            { title: 'Wind', topic: t('wind'), unit: '°', variant: 'compass' },
            { x: 3, y: 4, w: 3, h: 4 },
          ),
          widget(
            'text',
            { label: 'Power', topic: t('power'), unit: 'W', decimals: 0 },
            { x: 0, y: 8, w: 3, h: 2 },
          ),
          widget(
            'indicator',
            { label: 'Heating', topic: t('heating') },
            { x: 3, y: 8, w: 3, h: 2 },
          ),
          widget(
            'chart',
            {
              title: 'Temperatures',
              unit: '°C',
              windowSeconds: 600,
              series: [{ topic: t('+/t'), valuePath: '', label: '', color: '#1f6feb' }],
            },
            { x: 0, y: 10, w: 6, h: 6 },
          ),
          widget(
            'notification',
            { label: 'Doorbell', topic: t('door'), template: 'Someone at the door', duration: 0 },
            { x: 0, y: 16, w: 6, h: 2 },
          ),
        ]),
        group('g-control', 'Control', [
          widget('slider', { label: 'Dimmer', topic: t('dim') }, { x: 0, y: 0, w: 6, h: 2 }),
          widget(
            'switch',
            { label: 'Ceiling light', topic: t('light') },
            { x: 0, y: 2, w: 3, h: 2 },
          ),
          widget(
            'button',
            { label: 'Restart', topic: t('restart'), icon: 'refresh', confirm: 'Really restart?' },
            { x: 3, y: 2, w: 3, h: 1 },
          ),
          widget(
            'number-input',
            { label: 'Setpoint', topic: t('setpoint'), min: 5, max: 30, step: 0.5 },
            { x: 0, y: 4, w: 3, h: 2 },
          ),
          widget(
            'dropdown',
            {
              label: 'Mode',
              topic: t('mode'),
              options: [
                { label: 'Eco', value: 'eco' },
                { label: 'Comfort', value: 'comfort' },
              ],
            },
            { x: 3, y: 4, w: 3, h: 2 },
          ),
          widget(
            'text-input',
            { label: 'Display text', topic: t('display'), placeholder: 'Type and press Enter' },
            { x: 0, y: 6, w: 6, h: 2 },
          ),
          widget(
            'color-picker',
            { label: 'LED colour', topic: t('led') },
            { x: 0, y: 8, w: 3, h: 2 },
          ),
          widget(
            'slider',
            { label: 'Blind', topic: t('blind'), orientation: 'vertical' },
            { x: 3, y: 8, w: 3, h: 4 },
          ),
        ]),
      ],
    },
  ],
};

await withRunningApp(async ({ appUrl, browser, sensor }) => {
  const retained = async (topic: string, payload: string) =>
    sensor.publishAsync(t(topic), payload, { retain: true, qos: 1 });
  for (const [topic, payload] of [
    ['temp', '22.4'],
    ['tank', '63'],
    ['hum', '48'],
    ['wind', '250'],
    ['power', '1432'],
    ['heating', 'on'],
    ['dim', '70'],
    ['light', 'true'],
    ['setpoint', '21.5'],
    ['mode', 'comfort'],
    ['led', '#ff8800'],
    ['blind', '40'],
  ] as const) {
    await retained(topic, payload);
  }
  for (const scheme of ['light', 'dark'] as const) {
    for (const vp of [
      { name: 'phone', width: 375, height: 1600, scale: 2 },
      { name: 'tablet', width: 800, height: 1280, scale: 1 },
    ]) {
      const context = await browser.newContext({
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.scale,
        colorScheme: scheme,
      });
      await context.addInitScript((d) => {
        localStorage.setItem(
          'tafel.dashboards',
          JSON.stringify({ schemaVersion: 1, dashboards: [d] }),
        );
        localStorage.setItem(
          'tafel.sync',
          JSON.stringify({ enabled: false, prefix: 'tafel/dashboards/' }),
        );
      }, dashboard);
      const page = await context.newPage();
      await page.goto(`${appUrl}d/gallery`);
      await page.getByRole('status', { name: 'Connection' }).getByText('Connected').waitFor();
      // A few chart points and a notification while the page is open.
      for (let i = 0; i < 12; i++) {
        await sensor.publishAsync(t('kitchen/t'), String(21 + Math.sin(i / 2)));
        await sensor.publishAsync(t('hall/t'), String(18 + Math.cos(i / 3)));
        await page.waitForTimeout(60);
      }
      await sensor.publishAsync(t('door'), 'ring');
      await page.getByRole('meter', { name: 'Temperature' }).locator('svg').first().waitFor();
      await page.waitForTimeout(1200);
      const file = path.join(outDir, `gallery-${vp.name}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      await context.close();
    }
  }
});
