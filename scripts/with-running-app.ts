import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import mqtt, { type MqttClient } from 'mqtt';
import { ensureBuild } from '../server/build.ts';
import { defaultDistDir, repoRoot } from '../server/paths.ts';
import { startServer } from '../server/server.ts';

export interface RunningApp {
  /** The app's address. */
  appUrl: string;
  browser: Browser;
  /** An MQTT.js client connected over TCP, like a sensor. */
  sensor: MqttClient;
}

/**
 * For scripts: the built app on the real server with its embedded broker (free ports, a
 * throw-away data dir), Debian's Chromium and a sensor; everything stopped afterwards.
 */
export async function withRunningApp(run: (app: RunningApp) => Promise<void>): Promise<void> {
  ensureBuild({ root: repoRoot, log: console.log });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tafel-script-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    mqttPort: 0,
    dataDir,
    distDir: defaultDistDir,
    broker: true,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
  });
  const sensor = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`);
  try {
    await run({ appUrl: `http://127.0.0.1:${server.httpPort}/`, browser, sensor });
  } finally {
    await sensor.endAsync();
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
