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
    lines.push(column(config.tls.https ? 'MQTT (WSS)' : 'MQTT (WS)', running.urls.ws));
    lines.push(
      column('MQTT (TCP)', running.mqttPort === null ? ['off (MQTT_PORT=0)'] : running.urls.mqtt),
    );
    if (running.mqttsPort !== null) lines.push(column('MQTT (TLS)', running.urls.mqtts));
    lines.push(column('Data', [config.dataDir]));
  }
  lines.push(column('History', describeHistory(running, config)));
  const cert = running.certificate;
  if (cert) {
    // A generated certificate is only trusted once installed on each tablet; the fingerprint
    // lets the user check there that it is this one.
    const where =
      cert.origin === 'provided'
        ? [`${cert.certFile} (TLS_CERT)`]
        : [cert.certFile, 'install this on your tablet to trust it'];
    lines.push(column('Certificate', where));
    lines.push(column('SHA-256', [cert.fingerprint]));
  }
  return `Tafel is listening:\n${lines.join('\n')}`;
}

function describeHistory(running: RunningServer, config: CliConfig): string[] {
  const recorder = running.recorder;
  if (!recorder) {
    if (!config.recorder.enabled && config.broker) return ['off (--no-recorder)'];
    return config.broker
      ? ['off']
      : ['off (--no-broker: set RECORD_FROM=mqtt://host:1883 to record)'];
  }
  const status = recorder.status();
  const mb = (bytes: number | null) => `${((bytes ?? 0) / 1024 / 1024).toFixed(1)} MB`;
  const from = status.source.kind === 'embedded' ? 'the embedded broker' : status.source.url;
  const lines = [
    `${status.file} (${mb(status.fileBytes)}, cap ${mb(status.maxBytes)})`,
    `from ${from}; ${status.filters} topics of ${status.dashboards} shared dashboards`,
    `raw ${status.retention.rawDays} days, 1-minute ${status.retention.minuteDays} days, hourly forever`,
  ];
  if (status.error) lines.push(`NOT RECORDING: ${status.error}`);
  return lines;
}

/** Said before the URLs: a new certificate must be trusted again on every tablet. */
function describeNewCertificate(running: RunningServer): string | null {
  const cert = running.certificate;
  if (!cert || cert.origin !== 'generated') return null;
  const until = cert.validTo.toISOString().slice(0, 10);
  const made =
    `Made a new self-signed TLS certificate (${cert.reason}), valid until ${until}, ` +
    `for ${cert.names.join(', ')}.`;
  return cert.replaced
    ? `${made}\nTablets that trusted the old one must trust this one again.`
    : made;
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
  const notice = describeNewCertificate(running);
  if (notice) console.log(notice);
  console.log(describe(running, config));
  console.log('Tafel is ready.');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // A certificate file that cannot be used is a setting to fix, like a bad flag.
  fail(message.split('\n', 1)[0]!, error instanceof ConfigError ? 2 : 1);
});
