import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { badgeDetails } from './tafel.ts';
import { freePort, tafelServer, waitForPort } from './processes.ts';

// Runs in the embedded-broker project only (playwright.config.ts): it starts its own server.
test('over HTTPS the app loads and connects over WSS; a restart keeps the same certificate', async ({
  browser,
}) => {
  const port = await freePort();
  const mqttPort = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tafel-e2e-https-'));
  const fingerprints: string[] = [];
  for (let run = 0; run < 2; run++) {
    const server = tafelServer({ port, mqttPort, broker: true, https: true, dataDir });
    server.start();
    try {
      await waitForPort(port);
      await expect.poll(() => /SHA-256\s+([0-9A-F:]{95})/.exec(server.log)?.[1]).toBeTruthy();
      fingerprints.push(/SHA-256\s+([0-9A-F:]{95})/.exec(server.log)![1]!);
      // The test trusts the self-signed certificate the way a user does after installing it.
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(`https://127.0.0.1:${port}/`);
      await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Connected/, {
        timeout: 10_000,
      });
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      await context.close();
    } finally {
      await server.stop();
    }
  }
  expect(fingerprints[1]).toBe(fingerprints[0]);
});

test('a wss:// broker whose certificate the browser does not trust: the badge says so and links to it', async ({
  page,
  broker,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(
    /WebSocket connection to .* failed|ERR_CERT_AUTHORITY_INVALID|Failed to load resource/,
  );
  const port = await freePort();
  const server = tafelServer({ port, mqttPort: 0, broker: true, https: true });
  server.start();
  try {
    await waitForPort(port);
    // The app over plain HTTP, its broker over wss:// with a self-signed certificate.
    const brokerUrl = `wss://127.0.0.1:${port}/mqtt`;
    await page.goto(`${broker.appUrl.split('?')[0]}?broker=${encodeURIComponent(brokerUrl)}`);
    const badge = page.getByRole('status', { name: 'Connection' });
    await expect(badge).toHaveText(/Reconnecting/, { timeout: 10_000 });
    // The certificate check runs once the first attempt failed: the popover says so.
    await expect
      .poll(async () => (await badgeDetails(page, 'Connection')).innerText(), { timeout: 10_000 })
      .toContain('does not trust its certificate');
    await expect(page.getByRole('link', { name: /trust its certificate/ })).toHaveAttribute(
      'href',
      `https://127.0.0.1:${port}/`,
    );
  } finally {
    await server.stop();
  }
});
