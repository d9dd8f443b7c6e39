import { expect, openDashboard, test } from './fixtures.ts';
import { Tafel } from './tafel.ts';

const TOPIC = 'Erdgeschoss/Wohnzimmer/temp';
const isLiveWorker = (url: string) => /live-worker/.test(url);

// Where the MQTT client runs: in the live worker where the browser has module workers
// (Chromium does), in the page with ?live=page (the in-page projects) or when the worker
// cannot start. Either way the user sees the same dashboard.
test('the MQTT client runs where the live path says, and values flow both ways', async ({
  page,
  broker,
  sensor,
  livePath,
}) => {
  const received: string[] = [];
  await sensor.subscribeAsync(TOPIC);
  sensor.on('message', (_t, p) => received.push(p.toString()));

  await openDashboard(page, broker);
  const workers = page.workers().map((w) => w.url());
  if (livePath === 'worker') expect(workers.filter(isLiveWorker)).toHaveLength(1);
  else expect(workers.filter(isLiveWorker)).toHaveLength(0);

  await sensor.publishAsync(TOPIC, '27');
  await expect(page.getByRole('meter', { name: 'Temperatur' })).toHaveAttribute(
    'aria-valuenow',
    '27',
  );
  const slider = page.getByRole('slider', { name: 'Temperatur einstellen' });
  await slider.focus();
  await slider.press('ArrowRight');
  await expect.poll(() => received.at(-1)).toBe('28');
});

test('a topic field suggests the topics heard on the broker, wherever the client runs', async ({
  page,
  broker,
  sensor,
  syncPrefix,
}) => {
  const heard = `${syncPrefix.replace('dashboards/', '')}keller/feuchte`;
  const tafel = new Tafel(page);
  await openDashboard(page, broker);
  await tafel.startEditing();
  await page.getByRole('button', { name: 'Settings for Temperatur', exact: true }).click();
  const topic = tafel.settingsPanel('Gauge').getByLabel('Topic', { exact: true });
  await expect(topic).toHaveValue(TOPIC);
  // While the panel is open Tafel listens to `#`: a topic published now is suggested.
  const suggestions = page.locator(`datalist[id="${await topic.getAttribute('list')}"] option`);
  await expect
    .poll(async () => {
      await sensor.publishAsync(heard, '61');
      return suggestions.evaluateAll((options) =>
        options.map((o) => (o as HTMLOptionElement).value),
      );
    })
    .toContain(heard);
});

test.describe('a live worker that does not start', () => {
  // Requests the service worker answers are not routed: this page has none.
  test.use({ serviceWorkers: 'block' });

  test('leaves the page to run MQTT itself, with nothing lost', async ({
    page,
    broker,
    sensor,
    livePath,
  }) => {
    test.skip(livePath === 'page', 'the in-page path starts no worker');
    // A browser without module workers fails on the worker's first import: so does this one.
    await page.route(/live-worker-[^/]*\.js$/, (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: 'import "./no-such-module.js";',
      }),
    );
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await openDashboard(page, broker);
    expect(warnings).toContain('The live worker did not start: messages are handled in the page.');

    // The sync's and the widgets' subscriptions were taken over: values arrive, the dashboard
    // is shared.
    await sensor.publishAsync(TOPIC, '31');
    await expect(page.getByRole('meter', { name: 'Temperatur' })).toHaveAttribute(
      'aria-valuenow',
      '31',
    );
    await expect(page.getByRole('status', { name: 'Dashboard sync' })).toHaveText('Synced');
  });
});
