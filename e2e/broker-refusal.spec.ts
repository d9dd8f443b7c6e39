import { Child, freePort, mosquitto, waitForPort } from './processes.ts';
import { expect, test } from './fixtures.ts';

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
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(
      /Reconnecting \(attempt \d+\) — not authorized/,
    );
  });
});
