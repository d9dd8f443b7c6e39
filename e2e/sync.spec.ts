import { BROKER_OUTAGE_ERRORS, expect, openDashboard, test } from './fixtures.ts';
import { badgeDetails, Tafel } from './tafel.ts';

const synced = /^Synced/;

test.describe('the same dashboards on every device, through the broker', () => {
  test('a second device sees a new dashboard live, follows its slider, and its edits come back', async ({
    page,
    broker,
    newDevice,
  }) => {
    const a = new Tafel(page);
    await openDashboard(page, broker);
    await a.openDashboards();
    await a.dialog('Dashboards').getByRole('button', { name: 'New dashboard' }).click();
    const create = a.dialog('New dashboard');
    await create.getByLabel('Name').fill('Garten');
    await create.getByLabel('The example (a slider and a gauge)').check();
    await create.getByRole('button', { name: 'Create' }).click();
    await a.stopEditing();
    await expect(page.getByRole('status', { name: 'Dashboard sync' })).toHaveText(synced);

    // Another device, its own storage: the dashboard arrives through the broker.
    const other = await newDevice();
    const b = new Tafel(other);
    await expect(other.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/);
    const list = await b.openDashboards();
    await list.getByRole('link', { name: 'Garten' }).click();
    await expect(other.getByRole('heading', { level: 1, name: 'Garten' })).toBeVisible();

    // Its gauge follows the first device's slider.
    const slider = page.getByRole('slider', { name: 'Temperatur einstellen' });
    await slider.focus();
    await slider.press('Home');
    for (let i = 0; i < 7; i++) await slider.press('ArrowRight');
    await expect(other.getByRole('meter', { name: 'Temperatur' })).toHaveAttribute(
      'aria-valuenow',
      '7',
    );

    // An edit on the second device appears on the first without a reload.
    await b.startEditing();
    await other.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
    const started = Date.now();
    await b.settingsPanel('Gauge').getByLabel('Title', { exact: true }).fill('Gartentemperatur');
    await expect(page.getByRole('meter', { name: 'Gartentemperatur' })).toBeVisible();
    const ms = Date.now() - started;
    test.info().annotations.push({
      type: 'edit reached the other device after (ms)',
      description: String(ms),
    });
    console.log(`[${broker.kind}] an edit reached the other browser after ${ms} ms`);
    await expect(page.getByRole('meter', { name: 'Temperatur', exact: true })).toHaveCount(0);
  });

  test('dashboards come back from a browser when the broker forgot its retained messages', async ({
    page,
    broker,
    newDevice,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors(BROKER_OUTAGE_ERRORS);
    const a = new Tafel(page);
    await openDashboard(page, broker);
    await a.newDashboard('Dachboden');
    await a.addGroup('Lüftung');
    await a.stopEditing();
    const sync = page.getByRole('status', { name: 'Dashboard sync' });
    await expect(sync).toHaveText(synced);

    await broker.stop();
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Reconnecting/);
    await broker.start({ forgetRetained: true });
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/, {
      timeout: 15_000,
    });
    await expect(sync).toHaveText(synced, { timeout: 10_000 });

    // A device that was never here gets it from the broker, which had forgotten it.
    const other = await newDevice();
    const list = await new Tafel(other).openDashboards();
    await expect(list.getByRole('link', { name: 'Dachboden' })).toBeVisible({ timeout: 10_000 });
    await list.getByRole('link', { name: 'Dachboden' }).click();
    await expect(other.getByRole('region', { name: 'Lüftung' })).toBeVisible();
  });
});

test('on a public broker nothing is shared until this browser picks a private prefix', async ({
  page,
  broker,
  allowConsoleErrors,
}) => {
  // The public broker is out of reach from the test machine: its attempts fail, as they may.
  allowConsoleErrors(
    /WebSocket connection to .* failed|ERR_NAME_NOT_RESOLVED|Failed to load resource/,
  );
  const base = broker.appUrl.split('?')[0]!;
  // This browser shares with the default prefix, as every Tafel does out of the box.
  await page.addInitScript(() =>
    localStorage.setItem(
      'tafel.sync',
      JSON.stringify({ enabled: true, prefix: 'tafel/dashboards/' }),
    ),
  );
  await page.goto(`${base}?broker=${encodeURIComponent('ws://test.mosquitto.org:8080')}`);
  await expect(page.getByRole('status', { name: 'Dashboard sync' })).toHaveText(/Local only/);
  await expect(await badgeDetails(page, 'Dashboard sync')).toContainText('public broker');
  await page.keyboard.press('Escape');

  // Choosing the public preset in the settings switches sharing off and says why.
  await page.goto(base);
  await page.getByRole('button', { name: 'Broker settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Broker' });
  const share = dialog.getByRole('checkbox', { name: 'Share dashboards through the broker' });
  await expect(share).toBeChecked();
  await dialog.getByRole('radio', { name: 'test.mosquitto.org (public)' }).check();
  await expect(share).not.toBeChecked();
  await expect(dialog.getByText(/This is a public broker/)).toBeVisible();
  // Turning it on proposes a private prefix; the shared default is refused.
  await share.check();
  const prefix = dialog.getByLabel('Topic prefix');
  await expect(prefix).toHaveValue(/^tafel\/[a-z2-9]{12}\/dashboards\/$/);
  await prefix.fill('tafel/dashboards/');
  await dialog.getByRole('button', { name: 'Save and connect' }).click();
  await expect(dialog.getByText(/choose a private prefix/)).toBeVisible();
  await expect(dialog).toBeVisible();
});
