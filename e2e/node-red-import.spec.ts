import { readFile } from 'node:fs/promises';
import { collect, expect, openDashboard, test } from './fixtures.ts';
import { Tafel } from './tafel.ts';

/**
 * A Node-RED user brings their flows along: Dashboard 1 pasted, Dashboard 2 (in the admin
 * API's {flows} form) as a file. The widgets show what the flow's `mqtt in` nodes hear, through
 * the json/change/function nodes on the way, and publish where its `mqtt out` nodes did.
 */
const fixture = (name: string) => `src/widgets/node-red/fixtures/${name}`;

test.describe('Node-RED import', () => {
  test('a Dashboard 1 flow: values through json, change and function nodes, the slider behind a change node', async ({
    page,
    broker,
    sensor,
  }) => {
    // Retained, so the values are there whenever the imported widgets subscribe.
    const climate = JSON.stringify({ humidity: 55, pressure: 1013.27, battery: 90 });
    await sensor.publishAsync('zigbee2mqtt/wohnzimmer', climate, { retain: true });
    const brightness = await collect(sensor, 'zigbee2mqtt/lampe/set/brightness');
    const tafel = new Tafel(page);
    await openDashboard(page, broker);
    const transfer = await tafel.openTransfer();
    await transfer
      .getByLabel('Or paste JSON')
      .fill(await readFile(fixture('d1-wiring.json'), 'utf8'));
    await transfer.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect(transfer.getByRole('status')).toHaveText('Imported “Unser Haus”.');
    const report = transfer.getByRole('region', { name: 'Import report' });
    await expect(report).toContainText(
      '3 pages, 4 groups and 16 widgets imported; 2 repaired, 2 left out, 1 without a topic.',
    );
    await expect(report.getByRole('list', { name: 'Dashboard nodes' })).toContainText(
      'Kamera (ui_template) → left out',
    );
    await tafel.openImported(report, 'Unser Haus');

    // mqtt in → json → change (payload.humidity) → gauge.
    await expect(page.getByRole('meter', { name: 'Feuchte' })).toHaveAttribute(
      'aria-valuenow',
      '55',
    );
    // mqtt in → function (Math.round(x * 10) / 10) → text with "{{msg.payload}} hPa".
    await expect(page.getByRole('group', { name: 'Luftdruck' })).toContainText('1,013.3 hPa');
    // The ui_text's own format picks the field.
    await expect(page.getByRole('group', { name: 'Feuchte (Text)' })).toContainText('55 %');
    // An inject-fed text has no topic, and says so.
    await expect(page.getByRole('group', { name: 'Uhr' })).toContainText(
      'No topic set — open its settings.',
    );

    // The slider publishes where the change node behind it sent its messages.
    const dimmer = page.getByRole('slider', { name: 'Dimmer' });
    await dimmer.focus();
    await dimmer.press('ArrowRight');
    await expect.poll(() => brightness.at(-1)).toBe('1');

    await sensor.publishAsync('zigbee2mqtt/wohnzimmer', '', { retain: true });
  });

  test('a Dashboard 2 flow in the {flows} form, from a file', async ({ page, broker, sensor }) => {
    await sensor.publishAsync('ferienhaus/klima', JSON.stringify({ temperature: 21.5 }), {
      retain: true,
    });
    await sensor.publishAsync('ferienhaus/status', JSON.stringify({ text: 'Alles gut' }), {
      retain: true,
    });
    const setpoint = await collect(sensor, 'ferienhaus/heizung/soll');
    const heating = await collect(sensor, 'ferienhaus/heizung/set');
    const tafel = new Tafel(page);
    await openDashboard(page, broker);
    const transfer = await tafel.openTransfer();
    await transfer.getByLabel('Import from a file').setInputFiles(fixture('d2-flows.json'));
    await expect(transfer.getByRole('status')).toHaveText('Imported “Ferienhaus”.');
    const report = transfer.getByRole('region', { name: 'Import report' });
    await expect(report).toContainText('12 widgets imported');
    await expect(
      report.getByRole('button', {
        name: 'Use wss://ferienhaus.local:9001 in the broker settings',
      }),
    ).toBeVisible();
    await tafel.openImported(report, 'Ferienhaus');

    // mqtt in → change (payload.temperature) → ui-gauge.
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toHaveAttribute(
      'aria-valuenow',
      '21.5',
    );
    // mqtt in → function (const s = msg.payload.text; …) → ui-text.
    await expect(page.getByRole('group', { name: 'Status' })).toContainText('Alles gut');

    // ui-slider → change (sets msg.topic) → mqtt out without a topic.
    const soll = page.getByRole('slider', { name: 'Soll' });
    await soll.focus();
    await soll.press('ArrowRight');
    await expect.poll(() => setpoint.at(-1)).toBe('16.5');
    // ui-switch → link out → link in → change → the same mqtt out.
    await page.getByRole('switch', { name: 'Heizung' }).click();
    await expect.poll(() => heating.at(-1)).toBe('true');

    await sensor.publishAsync('ferienhaus/klima', '', { retain: true });
    await sensor.publishAsync('ferienhaus/status', '', { retain: true });
  });
});
