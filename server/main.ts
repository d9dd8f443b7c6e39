import os from 'node:os';
import { ensureBuild } from './build.ts';
import { ConfigError, parseConfig, usage, type CliConfig } from './config.ts';
import { defaultDistDir, repoRoot } from './paths.ts';
import { startServer, type RunningServer } from './server.ts';

/** Past this a hung shutdown is not worth waiting for. */
const closeTimeoutMs = 5000;

function fail(message: string, code: number): never {
  process.stderr.write(`tafel: ${message}\n`);
  process.exit(code);
}

function readConfig(): CliConfig {
  try {
    return parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`${error.message} (see --help)`, 2);
    throw error;
  }
}

function describe(running: RunningServer, config: CliConfig): string {
  const column = (label: string, values: string[]) =>
    values.map((value, i) => `  ${(i === 0 ? label : '').padEnd(12)}${value}`).join('\n');
  const lines = [column('App', running.urls.http)];
  if (!config.broker) {
    lines.push(column('MQTT', ['broker off (--no-broker)']));
  } else {
    lines.push(column('MQTT (WS)', running.urls.ws));
    lines.push(
      column('MQTT (TCP)', running.mqttPort === null ? ['off (MQTT_PORT=0)'] : running.urls.mqtt),
    );
    lines.push(column('Data', [config.dataDir]));
  }
  return `Tafel is listening:\n${lines.join('\n')}`;
}

function onSignals(running: RunningServer) {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // The second Ctrl-C: the user does not want to wait.
      process.exit(128 + (os.constants.signals[signal] ?? 0));
    }
    stopping = true;
    console.log(`\nStopping (${signal})…`);
    setTimeout(() => fail('shutdown took too long; exiting anyway.', 1), closeTimeoutMs).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`error while stopping: ${(error as Error).message}`, 1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main() {
  const config = readConfig();
  if (config.help) {
    process.stdout.write(usage);
    return;
  }

  // A custom --dist is someone else's build (tests, a deploy); only our own dist/ is rebuilt.
  if (config.build && config.distDir === defaultDistDir) {
    ensureBuild({ root: repoRoot, log: (line) => console.log(line) });
  }

  const running = await startServer(config);
  onSignals(running);
  console.log(describe(running, config));
  console.log('Tafel is ready.');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  fail(message.split('\n', 1)[0]!, 1);
});
