import type { Page } from '@playwright/test';
import {
  BROKER_OUTAGE_ERRORS,
  dashboardOf,
  expect,
  openDashboard,
  test,
  type Broker,
} from './fixtures.ts';
import { Tafel } from './tafel.ts';

/** A phone, a large phone, a portrait tablet, a landscape tablet. */
const WIDTHS = [320, 375, 800, 1280] as const;

/** A title long enough that a narrow header has to shorten it. */
const LONG_TITLE = 'Wohnzimmer und Terrasse';

/**
 * Open the app with `dashboard` saved in this browser; unlike openWithDashboard, the broker
 * sync stays on (the fixture's prefix), so the sync badge shows its real states.
 */
async function openSeeded(
  page: Page,
  broker: Broker,
  dashboard: ReturnType<typeof dashboardOf>,
  { search = '', others = [] }: { search?: string; others?: ReturnType<typeof dashboardOf>[] } = {},
) {
  await page.addInitScript(
    ([d, more]) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      const dashboards = [d, ...more];
      localStorage.setItem('tafel.dashboards', JSON.stringify({ schemaVersion: 1, dashboards }));
      localStorage.setItem('tafel.last-dashboard', d.id);
    },
    [dashboard, others] as const,
  );
  const url = new URL(broker.appUrl);
  for (const [k, v] of new URLSearchParams(search)) url.searchParams.set(k, v);
  await page.goto(url.href);
  await expect(page.getByRole('heading', { level: 1, name: dashboard.title })).toBeVisible();
}

const connection = (page: Page) => page.getByRole('status', { name: 'Connection' });
const sync = (page: Page) => page.getByRole('status', { name: 'Dashboard sync' });

/**
 * What "the header fits" means to a person at `width`: the page does not scroll sideways,
 * every header button is on screen and can be clicked, each badge shows its word (not a bare
 * dot, not cut off), and the title keeps at least its first 8 characters.
 */
async function expectHeaderFits(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  const where = `at ${width} px`;
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: `no horizontal scrolling ${where}`,
    })
    .toBeLessThanOrEqual(0);

  const header = page.getByRole('banner');
  const buttons = await header.getByRole('button').all();
  expect(buttons.length, `header buttons ${where}`).toBeGreaterThanOrEqual(2);
  for (const button of buttons) {
    const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
    const box = await button.boundingBox();
    expect(box, `${name} ${where} is shown`).not.toBeNull();
    expect(box!.x, `${name} ${where}: left edge on screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${name} ${where}: right edge on screen`).toBeLessThanOrEqual(
      width,
    );
    // Visible, enabled, and nothing else on top of it: a click would reach it.
    await button.click({ trial: true, timeout: 2000 });
  }

  for (const badge of [connection(page), sync(page)]) {
    await expect(badge).toBeVisible();
    const shown = await badge.evaluate((el) => {
      const words = el.textContent?.trim() ?? '';
      // Cut off: an element whose content is wider than its box, or a box too small to read.
      const cut = [el, ...el.querySelectorAll('*')].some(
        (e) =>
          getComputedStyle(e).display !== 'inline' &&
          (e.scrollWidth > e.clientWidth + 1 || (e.textContent?.trim() && e.clientWidth < 8)),
      );
      return { words, cut };
    });
    expect(shown.words.length, `badge ${where} has a word`).toBeGreaterThan(3);
    expect(shown.cut, `badge "${shown.words}" ${where} is not cut off`).toBe(false);
  }

  const title = page.getByRole('heading', { level: 1 });
  const fit = await title.evaluate((h1) => {
    const text = h1.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) return { need: 0, have: 0 };
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, Math.min(8, (text.textContent ?? '').length));
    return { need: range.getBoundingClientRect().width, have: h1.getBoundingClientRect().width };
  });
  expect(fit.need, `title measured ${where}`).toBeGreaterThan(0);
  expect(fit.have, `title keeps 8 characters ${where}`).toBeGreaterThanOrEqual(fit.need - 0.5);
}

async function expectFitsEverywhere(page: Page) {
  for (const width of WIDTHS) await expectHeaderFits(page, width);
}

test.describe('the header fits every width, whatever the connection', () => {
  test('connected and synced', async ({ page, broker }) => {
    await openSeeded(page, broker, dashboardOf(LONG_TITLE, []));
    await expect(connection(page)).toHaveText('Connected', { timeout: 10_000 });
    await expect(sync(page)).toHaveText('Synced', { timeout: 10_000 });
    await expectFitsEverywhere(page);
  });

  test('reconnecting and local only; the badges say why in their popover', async ({
    page,
    broker,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors(BROKER_OUTAGE_ERRORS);
    await openSeeded(page, broker, dashboardOf(LONG_TITLE, []));
    await expect(connection(page)).toHaveText('Connected', { timeout: 10_000 });
    await broker.stop();
    try {
      await expect(connection(page)).toHaveText('Reconnecting', { timeout: 10_000 });
      await expect(sync(page)).toHaveText('Local only');
      // The backoff grows: the label stays short however long the broker stays away.
      await expect(
        page.getByRole('button', { name: /^Connection/ }),
        'the badge is a disclosure button',
      ).toHaveAttribute('aria-expanded', 'false');
      await expectFitsEverywhere(page);

      for (const width of [320, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        const button = page.getByRole('button', { name: /^Connection/ });
        await button.click();
        await expect(button).toHaveAttribute('aria-expanded', 'true');
        const details = page.getByRole('group', { name: 'Connection details' });
        await expect(details).toBeVisible();
        await expect(details).toContainText(/attempt \d+/);
        await expect(details).toContainText('no answer from the broker');
        await expect(details).toContainText(/next try/i);
        await expect(details).toContainText(new URL(broker.appUrl).hostname);
        await expect(details).toBeInViewport({ ratio: 1 });
        await page.keyboard.press('Escape');
        await expect(details).toBeHidden();
        await expect(button).toHaveAttribute('aria-expanded', 'false');
        await expect(button).toBeFocused();

        const syncButton = page.getByRole('button', { name: /^Dashboard sync/ });
        await syncButton.click();
        const syncDetails = page.getByRole('group', { name: 'Dashboard sync details' });
        await expect(syncDetails).toContainText('not connected to the broker');
        await expect(syncDetails).toBeInViewport({ ratio: 1 });
        // A click elsewhere closes it.
        await page.getByRole('heading', { level: 1 }).click();
        await expect(syncDetails).toBeHidden();
      }
    } finally {
      await broker.start();
    }
    await expect(connection(page)).toHaveText('Connected', { timeout: 15_000 });
  });

  test('offline: the device has no network', async ({
    page,
    context,
    broker,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors(BROKER_OUTAGE_ERRORS);
    allowConsoleErrors(/ERR_INTERNET_DISCONNECTED/);
    await openSeeded(page, broker, dashboardOf(LONG_TITLE, []));
    await expect(connection(page)).toHaveText('Connected', { timeout: 10_000 });
    // The broker's connection goes, and then the network: the device is offline.
    await broker.stop();
    await expect(connection(page)).not.toHaveText('Connected', { timeout: 10_000 });
    await context.setOffline(true);
    try {
      await expect(connection(page)).toHaveText('Offline', { timeout: 20_000 });
      await expect(sync(page)).toHaveText('Local only');
      await expectFitsEverywhere(page);
      await page.getByRole('button', { name: /^Connection/ }).click();
      await expect(page.getByRole('group', { name: 'Connection details' })).toContainText(
        'this device has no network',
      );
    } finally {
      await broker.start();
      await context.setOffline(false);
    }
    await expect(connection(page)).toHaveText('Connected', { timeout: 15_000 });
  });

  test('sync failed: the popover says why and for which dashboard', async ({ page, broker }) => {
    // "+" cannot be part of an MQTT topic: the second dashboard can never be shared.
    const shown = dashboardOf(LONG_TITLE, []);
    const refused = { ...dashboardOf('Keller', []), id: 'keller+alt' };
    await openSeeded(page, broker, shown, { others: [refused] });
    await expect(connection(page)).toHaveText('Connected', { timeout: 10_000 });
    await expect(sync(page)).toHaveText('Sync failed', { timeout: 10_000 });
    await expectFitsEverywhere(page);
    await page.getByRole('button', { name: /^Dashboard sync/ }).click();
    const details = page.getByRole('group', { name: 'Dashboard sync details' });
    await expect(details).toContainText('cannot be part of an MQTT topic');
    await expect(details).toContainText('Keller');
  });

  test('kiosk mode, with the broker there and away', async ({
    page,
    broker,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors(BROKER_OUTAGE_ERRORS);
    await openSeeded(page, broker, dashboardOf(LONG_TITLE, []), { search: '?kiosk' });
    await expect(connection(page)).toHaveText('Connected', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: 'Exit kiosk' })).toBeVisible();
    await expectFitsEverywhere(page);
    await broker.stop();
    try {
      await expect(connection(page)).toHaveText('Reconnecting', { timeout: 10_000 });
      await expectFitsEverywhere(page);
    } finally {
      await broker.start();
    }
    await expect(connection(page)).toHaveText('Connected', { timeout: 15_000 });
  });
});

test.describe('dialogs fit the screen at every display scale', () => {
  for (const scale of [130, 200]) {
    test(`tablet settings on a 1280×800 tablet at ${scale} %: Save is on screen and saves`, async ({
      page,
      broker,
    }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.addInitScript((s) => {
        if (!localStorage.getItem('tafel.tablet'))
          localStorage.setItem('tafel.tablet', JSON.stringify({ scale: s }));
      }, scale);
      await openDashboard(page, broker);
      await expect
        .poll(() => page.evaluate(() => document.documentElement.style.zoom))
        .toBe(String(scale / 100));

      await page.getByRole('button', { name: 'Tablet settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Tablet settings' });
      await expect(dialog.getByRole('heading', { name: 'Tablet settings' })).toBeInViewport({
        ratio: 1,
      });
      const save = dialog.getByRole('button', { name: 'Save' });
      await expect(save).toBeInViewport({ ratio: 1 });
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
      const box = (await dialog.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(800);

      // The last field is reached by scrolling the dialog's body, and Save stays where it is.
      const watchdog = dialog.getByLabel('Reload after (minutes without the broker)');
      await watchdog.fill('7');
      await expect(save).toBeInViewport({ ratio: 1 });
      await save.click();
      await expect(dialog).toBeHidden();
      expect(
        await page.evaluate(() => JSON.parse(localStorage.getItem('tafel.tablet') ?? '{}')),
      ).toMatchObject({ scale, watchdogMinutes: 7 });
    });
  }

  test('the settings panel ends at the bottom of the screen at 150 %, its Done in reach', async ({
    page,
    broker,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addInitScript(() => {
      if (!localStorage.getItem('tafel.tablet'))
        localStorage.setItem('tafel.tablet', JSON.stringify({ scale: 150 }));
    });
    await openDashboard(page, broker);
    await new Tafel(page).startEditing();
    await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Gauge settings' });
    await expect(panel.getByRole('button', { name: 'Done' })).toBeInViewport({ ratio: 1 });
    const box = (await panel.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800 + 1);
    // Its last field is reached by scrolling the panel itself.
    const last = panel.getByLabel('Stale after (seconds)');
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport({ ratio: 1 });
  });

  test('the display scale takes the value typed: 125 stays 125', async ({ page, broker }) => {
    await openDashboard(page, broker);
    const tablet = page.getByRole('button', { name: 'Tablet settings' });
    await tablet.click();
    let dialog = page.getByRole('dialog', { name: 'Tablet settings' });
    await dialog.getByRole('slider', { name: /^Display scale/ }).fill('125');
    await expect(dialog.getByRole('slider', { name: /^Display scale/ })).toHaveValue('125');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => page.evaluate(() => document.documentElement.style.zoom)).toBe('1.25');

    // Typed into the number field, too.
    await tablet.click();
    dialog = page.getByRole('dialog', { name: 'Tablet settings' });
    const typed = dialog.getByRole('spinbutton', { name: 'Display scale in percent' });
    await expect(typed).toHaveValue('125');
    await typed.fill('135');
    await expect(dialog.getByRole('slider', { name: /^Display scale/ })).toHaveValue('135');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.style.zoom)).toBe('1.35');
  });

  test('the widget picker: Cancel is on a 1440×900 screen without scrolling, cards are even', async ({
    page,
    broker,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // Two groups: the picker also asks which one.
    const dashboard = dashboardOf(LONG_TITLE, []);
    const group = dashboard.pages[0]!.groups[0]!;
    dashboard.pages[0]!.groups.push({ ...group, id: 'g2', title: 'Küche' });
    await openSeeded(page, broker, dashboard);
    await new Tafel(page).startEditing();
    await page.getByRole('button', { name: 'Add widget to Küche' }).click();
    const picker = page.getByRole('dialog', { name: 'Add a widget' });
    await expect(picker.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const cards = picker.getByRole('listitem').getByRole('button');
    expect(await cards.count()).toBeGreaterThanOrEqual(12);
    const heights = new Set<number>();
    for (const card of await cards.all())
      heights.add(Math.round((await card.boundingBox())!.height));
    expect([...heights], 'every card has the same height').toHaveLength(1);
    await picker.getByRole('button', { name: 'Cancel' }).click();
    await expect(picker).toBeHidden();
  });
});

/** A box, as Playwright measures it. */
type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.describe('edit mode', () => {
  test("a widget's toolbar covers neither its title nor its content", async ({ page, broker }) => {
    await openDashboard(page, broker);
    await new Tafel(page).startEditing();
    for (const title of ['Temperatur einstellen', 'Temperatur']) {
      const settings = page.getByRole('button', { name: `Settings for ${title}`, exact: true });
      await expect(settings).toBeVisible();
      // The live widget inside is inert while editing, so it has no roles: found by its markup.
      // Measured in one frame: the grid animates its cells into place when editing starts, and
      // boxes read one after another would come from different moments of that animation.
      const chrome = page.locator('.widget-chrome').filter({ has: settings });
      const boxes = await chrome.evaluate((el) => {
        const rect = (e: Element | null) => {
          const r = e!.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        return {
          heading: rect(el.querySelector('.widget__title')),
          content: rect(el.querySelector('.widget > :last-child')),
          buttons: [...el.querySelectorAll('button')].map((b) => ({
            name: b.getAttribute('aria-label'),
            box: rect(b),
          })),
        };
      });
      expect(boxes.buttons.length).toBeGreaterThanOrEqual(5);
      for (const { name, box } of boxes.buttons) {
        expect(overlaps(box, boxes.heading), `${name} does not cover the title`).toBe(false);
        expect(overlaps(box, boxes.content), `${name} does not cover the content`).toBe(false);
      }
    }
  });

  test('the gauge colour fields show their colours', async ({ page, broker }) => {
    await openDashboard(page, broker);
    const tafel = new Tafel(page);
    await tafel.startEditing();
    await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
    const panel = tafel.settingsPanel('Gauge');
    for (const name of ['Low', 'Middle', 'High']) {
      const input = panel.getByLabel(name, { exact: true });
      const swatch = await input.evaluate((el) => {
        const s = getComputedStyle(el);
        const inner = (side: 'Left' | 'Right' | 'Top' | 'Bottom') =>
          parseFloat(s[`padding${side}`]) + parseFloat(s[`border${side}Width`]);
        const r = el.getBoundingClientRect();
        return {
          width: r.width - inner('Left') - inner('Right'),
          height: r.height - inner('Top') - inner('Bottom'),
        };
      });
      expect(swatch.width, `${name}: the colour shows`).toBeGreaterThanOrEqual(28);
      expect(swatch.height, `${name}: the colour shows`).toBeGreaterThanOrEqual(20);
    }
  });

  test("a chart series' fields are wide enough to use, and Remove says what it removes", async ({
    page,
    broker,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openDashboard(page, broker);
    const tafel = new Tafel(page);
    await tafel.startEditing();
    const panel = await tafel.addWidget('Default', 'Chart');
    const series = panel.getByRole('group', { name: 'Series 1' });
    for (const label of ['Topic', 'Value path', 'Label']) {
      const box = (await series.getByLabel(label, { exact: true }).boundingBox())!;
      expect(box.width, `${label} is wide enough to read a topic`).toBeGreaterThanOrEqual(200);
    }
    await expect(series.getByRole('button', { name: 'Remove series 1' })).toBeVisible();
  });
});

test.describe('details', () => {
  test("the slider's focus ring leaves its 0 and 100 readable", async ({ page, broker }) => {
    await openDashboard(page, broker);
    const slider = page.getByRole('slider', { name: 'Temperatur einstellen' });
    await page.keyboard.press('Tab'); // keyboard focus somewhere, so :focus-visible applies
    await slider.focus();
    const ring = await slider.evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const outside = Math.max(0, parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth));
      const scale = el.parentElement!.querySelector('.slider__scale')!.getBoundingClientRect();
      return { style: s.outlineStyle, bottom: r.bottom + outside, scaleTop: scale.top };
    });
    expect(ring.style, 'a focus ring is drawn').not.toBe('none');
    expect(ring.bottom).toBeLessThanOrEqual(ring.scaleTop);
  });

  test('"Exit kiosk" looks like a button that works', async ({ page, broker }) => {
    const url = new URL(broker.appUrl);
    url.searchParams.set('kiosk', '');
    await page.goto(url.href);
    const exit = page.getByRole('button', { name: 'Exit kiosk' });
    await expect(exit).toBeEnabled();
    const opacity = await exit.evaluate((el) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement)
        o *= Number(getComputedStyle(e).opacity);
      return o;
    });
    expect(opacity).toBe(1);
  });

  test('text scrolling under the sticky header cannot be read through it', async ({
    page,
    broker,
  }) => {
    await openDashboard(page, broker);
    const alpha = await page.getByRole('banner').evaluate((header) => {
      // The sticky top bar that holds the header.
      let top: Element | null = header;
      while (top && getComputedStyle(top).position !== 'sticky') top = top.parentElement;
      if (!top) return -1;
      const s = getComputedStyle(top);
      const blurred = /blur\((\d+)/.exec(s.backdropFilter);
      if (blurred && Number(blurred[1]) >= 16) return 1; // blurred past reading
      // The background's alpha, as the browser paints it.
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.fillStyle = s.backgroundColor;
      ctx.fillRect(0, 0, 1, 1);
      return ctx.getImageData(0, 0, 1, 1).data[3]! / 255;
    });
    expect(alpha).toBe(1);
  });

  test('no deprecation warning on load; installable on Android and iOS alike', async ({
    page,
    broker,
  }) => {
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (/deprecated/i.test(m.text())) warnings.push(m.text());
    });
    await openDashboard(page, broker);
    await expect(page.locator('meta[name="mobile-web-app-capable"]')).toHaveAttribute(
      'content',
      'yes',
    );
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
    expect(warnings).toEqual([]);
  });
});
