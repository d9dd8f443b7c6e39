import { defineConfig } from '@playwright/test';
import type { BrokerOptions } from './e2e/fixtures.ts';

/**
 * End-to-end tests: Debian's Chromium (browsers cannot be downloaded here) against the built
 * app served by the real server, once with the embedded broker and once with Mosquitto.
 */
export default defineConfig<BrokerOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // Two cores: one worker, and the servers/brokers are per worker anyway.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // No retries: a test that fails sometimes points at a race in the code (the broker-restart
  // sync test's was aedes dropping a message overtaken by another: server/broker.ts).
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'reports/e2e-results.json' }]]
    : [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    // The specs read English; the language spec opens German pages itself.
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // The refusal spec starts its own Mosquitto whatever the project: run it once.
    {
      name: 'embedded broker',
      use: { brokerKind: 'embedded' },
      testIgnore: 'broker-refusal.spec.ts',
    },
    // The offline and HTTPS specs stop or start Tafel servers themselves, and the soak measures
    // the page's memory, which the broker does not change: once is enough.
    {
      name: 'mosquitto',
      use: { brokerKind: 'mosquitto' },
      testIgnore: ['offline.spec.ts', 'https.spec.ts', 'soak.spec.ts'],
    },
    // The fallback for browsers without module workers: MQTT in the page itself, the core
    // flow on both brokers.
    {
      name: 'in-page, embedded broker',
      use: { brokerKind: 'embedded', livePath: 'page' },
      testMatch: ['example-flow.spec.ts', 'live-path.spec.ts'],
    },
    {
      name: 'in-page, mosquitto',
      use: { brokerKind: 'mosquitto', livePath: 'page' },
      testMatch: ['example-flow.spec.ts', 'live-path.spec.ts'],
    },
  ],
});
