import { readFile } from 'node:fs/promises';
import { collect, expect, openDashboard, test } from './fixtures.ts';
import { Tafel } from './tafel.ts';

test.describe('configuring dashboards in the page', () => {
  test('a dashboard built from nothing, only through the UI, works and survives a reload', async ({
    page,
    broker,
    sensor,
    syncPrefix,
  }) => {
    const topic = `${syncPrefix}x/vorlauf`.replace('/dashboards/', '/');
    const received = await collect(sensor, topic);
    const tafel = new Tafel(page);
    await openDashboard(page, broker);

    await tafel.newDashboard('Keller');
    await expect(tafel.editToggle).toHaveAttribute('aria-pressed', 'true'); // a new dashboard opens in edit mode
    await tafel.addPage('Technik');
    await tafel.addGroup('Heizung');

    const slider = await tafel.addWidget('Heizung', 'Slider');
    await tafel.fill(slider, {
      Label: 'Vorlauf',
      'Publish topic': topic,
      Min: '10',
      Max: '30',
      Step: '0.5',
    });
    await slider.getByRole('button', { name: 'Done' }).click();

    const gauge = await tafel.addWidget('Heizung', 'Gauge');
    await tafel.fill(gauge, {
      Title: 'Vorlauftemperatur',
      Topic: topic,
      Unit: '°C',
      Min: '10',
      Max: '30',
      'Sector 1 up to': '18',
      'Sector 2 up to': '25',
    });
    // An invalid value is refused next to its field, and never saved.
    await gauge.getByLabel('Sector 2 up to', { exact: true }).fill('40');
    await expect(
      gauge.getByText('Sector limit 2 must lie above limit 1 and below max'),
    ).toBeVisible();
    await gauge.getByLabel('Sector 2 up to', { exact: true }).fill('25');
    await gauge.getByRole('button', { name: 'Done' }).click();
    await tafel.stopEditing();

    const control = page.getByRole('slider', { name: 'Vorlauf' });
    const meter = page.getByRole('meter', { name: 'Vorlauftemperatur' });
    await expect(meter).toHaveAttribute('aria-valuemin', '10');
    await expect(meter).toHaveAttribute('aria-valuemax', '30');
    await control.focus();
    await control.press('Home');
    for (let i = 0; i < 3; i++) await control.press('ArrowRight');
    await expect(meter).toHaveAttribute('aria-valuenow', '11.5');
    await expect(meter).toHaveAttribute('aria-valuetext', '11.5 °C');
    await expect.poll(() => received.at(-1)).toBe('11.5');

    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url); // the address names the dashboard and the page
    await expect(page.getByRole('heading', { level: 1, name: 'Keller' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Technik' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByRole('region', { name: 'Heizung' })).toBeVisible();
    await expect(page.getByRole('meter', { name: 'Vorlauftemperatur' })).toHaveAttribute(
      'aria-valuemax',
      '30',
    );
    await expect(page.getByRole('slider', { name: 'Vorlauf' })).toHaveAttribute('step', '0.5');
  });

  test('a deleted widget comes back with its settings by undo (button and keys)', async ({
    page,
    broker,
  }) => {
    const tafel = new Tafel(page);
    await openDashboard(page, broker);
    await tafel.startEditing();

    await page.getByRole('button', { name: 'Delete Temperatur', exact: true }).click();
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toHaveCount(0);
    await page
      .getByRole('status')
      .filter({ hasText: 'Deleted “Temperatur”' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toBeVisible();

    await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
    const panel = tafel.settingsPanel('Gauge');
    await expect(panel.getByLabel('Topic', { exact: true })).toHaveValue(
      'Erdgeschoss/Wohnzimmer/temp',
    );
    await expect(panel.getByLabel('Unit', { exact: true })).toHaveValue('°C');
    await panel.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Delete Temperatur einstellen' }).click();
    await expect(page.getByRole('slider', { name: 'Temperatur einstellen' })).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('slider', { name: 'Temperatur einstellen' })).toBeVisible();
    await page.keyboard.press('Control+Shift+z');
    await expect(page.getByRole('slider', { name: 'Temperatur einstellen' })).toHaveCount(0);
    await page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('slider', { name: 'Temperatur einstellen' })).toBeVisible();

    await page.keyboard.press('Escape');
    await expect(tafel.editToggle).toHaveAttribute('aria-pressed', 'false');
  });

  test('the Undo of a deleted widget brings back that widget only, not a later step', async ({
    page,
    broker,
  }) => {
    const tafel = new Tafel(page);
    await openDashboard(page, broker);
    await tafel.startEditing();
    await page.getByRole('button', { name: 'Delete Temperatur', exact: true }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Deleted “Temperatur”' });
    await expect(toast).toBeVisible();
    // Another edit after the deletion, while its toast is still there.
    await tafel.addPage('Keller');
    await toast.getByRole('button', { name: 'Undo' }).click();
    // The gauge is back on its page, and the later page was not undone.
    await expect(page.getByRole('link', { name: 'Keller' })).toBeVisible();
    await page.getByRole('link', { name: 'Home' }).click();
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toBeVisible();
  });

  test('a half-typed, invalid setting does not follow to the next widget', async ({
    page,
    broker,
  }) => {
    const tafel = new Tafel(page);
    await openDashboard(page, broker);
    await tafel.startEditing();
    await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
    const gauge = tafel.settingsPanel('Gauge');
    await gauge.getByLabel('Max', { exact: true }).fill('-5'); // below min: refused
    await expect(gauge.getByLabel('Max', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Settings for Temperatur einstellen' }).click();
    const slider = tafel.settingsPanel('Slider');
    await expect(slider.getByLabel('Max', { exact: true })).toHaveValue('100');
    await expect(slider.getByLabel('Max', { exact: true })).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    // And the gauge kept its saved setting.
    await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
    await expect(tafel.settingsPanel('Gauge').getByLabel('Max', { exact: true })).toHaveValue(
      '100',
    );
  });

  test('dashboards can be renamed, duplicated and deleted without entering edit mode', async ({
    page,
    broker,
  }) => {
    const tafel = new Tafel(page);
    await openDashboard(page, broker);
    await expect(tafel.editToggle).toHaveAttribute('aria-pressed', 'false');
    const list = await tafel.openDashboards();
    await list.getByRole('button', { name: 'Duplicate Example' }).click();
    await expect(list.getByRole('link', { name: 'Example (copy)' })).toBeVisible();
    await list.getByRole('button', { name: 'Rename Example (copy)' }).click();
    const rename = tafel.dialog('Rename dashboard');
    await rename.getByLabel('Name').fill('Keller');
    await rename.getByRole('button', { name: 'Save' }).click();
    const again = tafel.dialog('Dashboards');
    await expect(again.getByRole('link', { name: 'Keller' })).toBeVisible();
    await again.getByRole('button', { name: 'Delete Keller' }).click();
    await tafel
      .dialog('Delete dashboard')
      .getByRole('button', { name: 'Delete dashboard' })
      .click();
    await expect(tafel.dialog('Dashboards').getByRole('link', { name: 'Keller' })).toHaveCount(0);
  });

  test('export, delete, import gives the same dashboard; a broken file changes nothing', async ({
    page,
    broker,
  }, testInfo) => {
    const tafel = new Tafel(page);
    await openDashboard(page, broker);
    await tafel.startEditing();

    let dashboards = await tafel.openDashboards();
    await dashboards.getByRole('button', { name: 'Import and export…' }).click();
    let transfer = tafel.dialog('Import and export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      transfer.getByRole('button', { name: 'Export this dashboard' }).click(),
    ]);
    const file = testInfo.outputPath('export.json');
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(exported).sort()).toEqual([
      'dashboards',
      'exportedAt',
      'format',
      'schemaVersion',
    ]);
    expect(exported.dashboards).toHaveLength(1);
    await transfer.getByRole('button', { name: 'Close' }).click();

    // A broken file: the reason is shown and nothing changes.
    dashboards = await tafel.openDashboards();
    await dashboards.getByRole('button', { name: 'Import and export…' }).click();
    transfer = tafel.dialog('Import and export');
    await transfer.getByLabel('Or paste JSON').fill('{ "format": "tafel-dashboards", ');
    await transfer.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect(transfer.getByRole('alert')).toContainText('Nothing was imported');
    const wrong = structuredClone(exported);
    wrong.dashboards[0].title = 'Broken';
    wrong.dashboards[0].pages[0].groups[0].width = 'wide';
    await transfer.getByLabel('Or paste JSON').fill(JSON.stringify(wrong));
    await transfer.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect(transfer.getByRole('alert')).toContainText(
      '$.dashboards[0].pages[0].groups[0].width',
    );
    await transfer.getByRole('button', { name: 'Close' }).click();
    dashboards = await tafel.openDashboards();
    await expect(dashboards.getByRole('link')).toHaveText(['Example']);
    await dashboards.getByRole('button', { name: 'Delete Example' }).click();
    await tafel
      .dialog('Delete dashboard')
      .getByRole('button', { name: 'Delete dashboard' })
      .click();
    dashboards = tafel.dialog('Dashboards');
    await expect(dashboards.getByRole('link')).toHaveCount(0);

    await dashboards.getByRole('button', { name: 'Import and export…' }).click();
    transfer = tafel.dialog('Import and export');
    await transfer.getByLabel('Import from a file').setInputFiles(file);
    await expect(transfer.getByRole('status')).toHaveText(/Imported “Example”/);
    await transfer.getByRole('button', { name: 'Close' }).click();

    dashboards = await tafel.openDashboards();
    await dashboards.getByRole('link', { name: 'Example' }).click();
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Temperatur einstellen' })).toBeVisible();

    // The same dashboard: export again and compare all but the revision stamps.
    dashboards = await tafel.openDashboards();
    await dashboards.getByRole('button', { name: 'Import and export…' }).click();
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      tafel
        .dialog('Import and export')
        .getByRole('button', { name: 'Export this dashboard' })
        .click(),
    ]);
    const file2 = testInfo.outputPath('export-2.json');
    await again.saveAs(file2);
    const reimported = JSON.parse(await readFile(file2, 'utf8'));
    const strip = (d: { revision?: number; updatedAt?: string }) => ({
      ...d,
      revision: 0,
      updatedAt: '',
    });
    expect(strip(reimported.dashboards[0])).toEqual(strip(exported.dashboards[0]));
  });
});

test('damaged saved dashboards are kept aside, the user is told, the last good copy is used', async ({
  page,
  broker,
}) => {
  const tafel = new Tafel(page);
  await openDashboard(page, broker);
  await tafel.newDashboard('Werkstatt');
  await tafel.stopEditing();
  // The save is debounced (300 ms): wait until it is in storage.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('tafel.dashboards') ?? ''))
    .toContain('Werkstatt');
  await page.reload(); // this load is good: it becomes the last good copy
  await expect(page.getByRole('heading', { level: 1, name: 'Werkstatt' })).toBeVisible();

  // Something outside Tafel damages the saved copy.
  await page.evaluate(() =>
    localStorage.setItem('tafel.dashboards', '{"schemaVersion": 1, "dashboards": [{"id": 7}]}'),
  );
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toContainText(
    'last good copy',
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Werkstatt' })).toBeVisible();
  const backups = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('tafel.dashboards.damaged.'))
      .map((k) => localStorage.getItem(k)),
  );
  expect(backups).toEqual(['{"schemaVersion": 1, "dashboards": [{"id": 7}]}']);
});
