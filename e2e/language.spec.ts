import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BROKER_OUTAGE_ERRORS, expect, test } from './fixtures.ts';

// German and English: ?lang= for a visit, the setting in Tablet settings, the browser's own
// language. Elements are found by their German names: that is what a German screen reader says.
const TOPIC = 'Erdgeschoss/Wohnzimmer/temp';
const run = promisify(execFile);

function withLang(appUrl: string, lang: string): string {
  const url = new URL(appUrl);
  url.searchParams.set('lang', lang);
  return url.toString();
}

test.describe('in German', () => {
  test('with ?lang=de the example flow speaks German: badges, values, edit mode, settings, invalid values, the offline banner', async ({
    page,
    broker,
    sensor,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors(BROKER_OUTAGE_ERRORS);
    await page.goto(withLang(broker.appUrl, 'de'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    const connection = page.getByRole('status', { name: 'Verbindung' });
    await expect(connection).toHaveText(/Verbunden/, { timeout: 10_000 });
    await expect(page.getByRole('status', { name: 'Dashboard-Abgleich' })).toBeVisible();

    const gauge = page.getByRole('meter', { name: 'Temperatur' });
    await expect(gauge).toHaveAttribute('aria-valuetext', 'noch kein Wert');
    const slider = page.getByRole('slider', { name: 'Temperatur einstellen' });
    await slider.focus();
    await slider.press('ArrowRight');
    await expect(gauge).toHaveAttribute('aria-valuetext', '1 °C');

    // Numbers as Germans write them, and a German device's "22,5" is a number.
    await sensor.publishAsync(TOPIC, '21.5');
    await expect(gauge).toHaveAttribute('aria-valuetext', '21,5 °C');
    await run('mosquitto_pub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(broker.tcpPort),
      '-t',
      TOPIC,
      '-m',
      '22,5',
    ]);
    await expect(gauge).toHaveAttribute('aria-valuenow', '22.5');
    await expect(gauge).toHaveAttribute('aria-valuetext', '22,5 °C');

    // An invalid value says so in German.
    await sensor.publishAsync(TOPIC, 'warm');
    const card = page.getByRole('group', { name: 'Temperatur', exact: true });
    const invalid = card.getByRole('button', { name: 'Ungültiger Wert' });
    await expect(invalid).toHaveAttribute('title', 'keine Zahl: warm');
    await invalid.click();
    await expect(card).toContainText('keine Zahl');

    // Edit mode and a widget's settings.
    const edit = page.getByRole('button', { name: 'Bearbeiten', exact: true });
    await edit.click();
    await expect(edit).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('toolbar', { name: 'Bearbeiten' })).toBeVisible();
    await page.getByRole('button', { name: 'Einstellungen von Temperatur', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Einstellungen: Anzeige' });
    await expect(panel.getByLabel('Nachkommastellen', { exact: true })).toBeVisible();
    const min = panel.getByLabel('Min', { exact: true });
    await min.fill('200');
    await expect(panel).toContainText('Max muss größer als Min sein');
    await min.fill('0');
    await expect(min).not.toHaveAttribute('aria-invalid', 'true');
    await panel.getByRole('button', { name: 'Fertig' }).click();
    await edit.click();
    await expect(edit).toHaveAttribute('aria-pressed', 'false');

    // The broker goes away: the banner and the badge in German.
    await broker.stop();
    await expect(
      page.getByRole('alert').filter({ hasText: /^Seit .* nicht mit dem Broker verbunden/ }),
    ).toBeVisible({ timeout: 10_000 });
    await expect(connection).toHaveText(/Verbinde neu|Offline/);
    await broker.start();
    await expect(connection).toHaveText(/Verbunden/, { timeout: 10_000 });
  });

  test('switching to English in Tablet settings changes the page at once, without a reload', async ({
    page,
    broker,
    sensor,
  }) => {
    await page.goto(withLang(broker.appUrl, 'de'));
    await expect(page.getByRole('status', { name: 'Verbindung' })).toHaveText(/Verbunden/, {
      timeout: 10_000,
    });
    await sensor.publishAsync(TOPIC, '21.5');
    const gauge = page.getByRole('meter', { name: 'Temperatur' });
    await expect(gauge).toHaveAttribute('aria-valuetext', '21,5 °C');
    await page.evaluate(() => ((window as unknown as { sameVisit: boolean }).sameVisit = true));

    await page.getByRole('button', { name: 'Tablet-Einstellungen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tablet-Einstellungen' });
    const language = dialog.getByLabel('Sprache');
    await expect(language.getByRole('option', { name: 'English' })).toHaveCount(1);
    await language.selectOption('en');
    await dialog.getByRole('button', { name: 'Speichern' }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/);
    await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
    await expect(gauge).toHaveAttribute('aria-valuetext', '21.5 °C');
    expect(
      await page.evaluate(() => (window as unknown as { sameVisit?: boolean }).sameVisit),
    ).toBe(true);
    // The choice is this browser's now: the address no longer asks for German.
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    await page.reload();
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/, {
      timeout: 10_000,
    });
  });

  test('a German browser gets German without any setting; an English one English', async ({
    browser,
    broker,
  }) => {
    for (const [locale, edit, status] of [
      ['de-DE', 'Bearbeiten', 'Verbindung'],
      ['en-GB', 'Edit', 'Connection'],
    ] as const) {
      const context = await browser.newContext({ locale });
      try {
        const page = await context.newPage();
        await page.goto(broker.appUrl);
        await expect(page.getByRole('status', { name: status })).toBeVisible({ timeout: 10_000 });
        await expect(page.getByRole('button', { name: edit, exact: true })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));
      } finally {
        await context.close();
      }
    }
  });
});
