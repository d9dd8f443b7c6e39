import { Child, freePort, mosquitto, waitForPort } from './processes.ts';
import { expect, test } from './fixtures.ts';
import { badgeDetails, Tafel } from './tafel.ts';

test.describe('a broker that refuses the connection', () => {
  let refusing: Child;
  let wsPort: number;

  test.beforeAll(async () => {
    const tcpPort = await freePort();
    wsPort = await freePort();
    // No anonymous clients and no password file: Mosquitto answers CONNACK "not authorized".
    refusing = mosquitto({ tcpPort, wsPort, allowAnonymous: false });
    refusing.start();
    await waitForPort(wsPort);
  });
  test.afterAll(() => refusing.stop());

  test('the badge says why: not authorized', async ({ page, broker, allowConsoleErrors }) => {
    allowConsoleErrors(/WebSocket connection to .* failed/);
    const url = new URL(broker.appUrl);
    url.searchParams.set('broker', `ws://127.0.0.1:${wsPort}`);
    await page.goto(url.href);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Reconnecting');
    const details = await badgeDetails(page, 'Connection');
    await expect(details).toContainText(/attempt \d+/);
    await expect(details).toContainText('not authorized');
  });
});

test.describe('a broker whose ACL refuses the dashboards', () => {
  let strict: Child;
  let wsPort: number;

  test.beforeAll(async () => {
    const tcpPort = await freePort();
    wsPort = await freePort();
    // Dashboards may be read but not written; everything else is allowed.
    strict = mosquitto({
      tcpPort,
      wsPort,
      acl: ['topic read e2e/#', 'topic readwrite Erdgeschoss/#'],
    });
    strict.start();
    await waitForPort(wsPort).catch((e: Error) => {
      throw new Error(`${e.message}\n${strict.log}`);
    });
  });
  test.afterAll(() => strict.stop());

  test('the dashboard stays local and the sync says why', async ({ page, broker }) => {
    const url = new URL(broker.appUrl);
    url.searchParams.set('broker', `ws://127.0.0.1:${wsPort}`);
    await page.goto(url.href);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/);
    const tafel = new Tafel(page);
    await tafel.newDashboard('Gesperrt');
    await expect(page.getByRole('status', { name: 'Dashboard sync' })).toHaveText('Sync failed', {
      timeout: 10_000,
    });
    const details = await badgeDetails(page, 'Dashboard sync');
    await expect(details).toContainText('the broker did not send the dashboard back');
    await expect(details).toContainText('“Gesperrt”');
    // Still here, locally: a reload keeps it.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Gesperrt' })).toBeVisible();
  });
});
