import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDistDir } from './paths.ts';

/** What startServer needs; everything already validated and resolved. */
export interface ServerConfig {
  port: number;
  host: string;
  /** null: no plain-TCP MQTT listener; 0: any free port (tests). */
  mqttPort: number | null;
  /** Absolute. */
  dataDir: string;
  /** Absolute. */
  distDir: string;
  broker: boolean;
  /** Absent: plain HTTP and WS, no MQTT over TLS (what callers from before TLS get). */
  tls?: TlsConfig;
  /** Absent or `enabled: false`: no recorder, and /api/* answers 404. */
  recorder?: RecorderConfig;
}

export interface RecorderConfig {
  enabled: boolean;
  /** The user's broker to record from (with --no-broker); null: the embedded broker. */
  from: string | null;
  username: string | null;
  password: string | null;
  /** RECORD_TOPICS: filters recorded besides the dashboards' widgets. */
  topics: string[];
  /** The dashboards' sync prefix, as set in the app (default tafel/dashboards/). */
  syncPrefix: string;
  rawDays: number;
  minuteDays: number;
  maxBytes: number;
}

export interface TlsConfig {
  /** Serve the app and /mqtt over HTTPS and WSS on `port`, instead of HTTP and WS. */
  https: boolean;
  /** MQTT over TLS for sensors. null: off; 0: any free port (tests). */
  mqttsPort: number | null;
  /**
   * Absolute paths of the user's PEM files, both or neither. Neither: a self-signed
   * certificate is made (and kept) in `<dataDir>/tls`.
   */
  certFile: string | null;
  keyFile: string | null;
}

export interface CliConfig extends ServerConfig {
  build: boolean;
  help: boolean;
  tls: TlsConfig;
  recorder: RecorderConfig;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A user mistake on the command line or in the environment: reported in one line, exit code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULTS = {
  port: 8080,
  host: '0.0.0.0',
  mqttPort: 1883,
  dataDir: './data',
  mqttsPort: 0,
  syncPrefix: 'tafel/dashboards/',
  rawDays: 10,
  minuteDays: 90,
  maxMb: 1024,
} as const;

export const usage = `Usage: npm start -- [options]
       node --import tsx server/main.ts [options]

Serves the Tafel app and runs an embedded MQTT broker (aedes) next to it.
Every option can also be set with the environment variable shown; a flag wins over the variable.

Options:
  --port <n>         PORT        HTTP port for the app and MQTT over WebSockets (/mqtt).
                                 Default ${DEFAULTS.port}; 0 picks a free port.
  --host <addr>      HOST        Address to bind, for HTTP and MQTT. Default ${DEFAULTS.host} (all IPv4
                                 interfaces); use 127.0.0.1 to stay local.
  --mqtt-port <n>    MQTT_PORT   Plain MQTT over TCP, for devices and mosquitto_pub.
                                 Default ${DEFAULTS.mqttPort}; 0 turns the TCP listener off.
  --data-dir <dir>   DATA_DIR    Where the broker keeps retained messages and sessions, and where
                                 the generated certificate is kept (tls/).
                                 Default ${DEFAULTS.dataDir} (relative to the current directory).
  --no-broker        NO_BROKER=1 Serve the app only, for use with your own broker (e.g. Mosquitto).
  --https            HTTPS=1     Serve the app and MQTT over WebSockets with TLS (https://, wss://)
                                 on PORT, instead of plain HTTP. Off by default.
  --tls-cert <file>  TLS_CERT    Your own certificate (PEM; may hold the whole chain). Give TLS_KEY
                                 too. Default: a self-signed one, made on first start and kept in
                                 <data dir>/tls/cert.pem.
  --tls-key <file>   TLS_KEY     The private key of TLS_CERT (PEM, not encrypted).
  --mqtts-port <n>   MQTTS_PORT  MQTT over TLS for sensors, with the same certificate; 8883 is usual.
                                 Default ${DEFAULTS.mqttsPort} (off).
  --no-recorder      NO_RECORDER=1  Keep no history (the recorder is on by default: history.db in the
                                 data dir, the HTTP API under /api/).
  RECORD_FROM=<url>              With --no-broker: the broker to record from (mqtt://host:1883,
                                 mqtts://…, ws://…); RECORD_USERNAME and RECORD_PASSWORD if it
                                 needs them. Without it, --no-broker records nothing.
  RECORD_TOPICS=<filters>        Comma-separated filters recorded besides every shared dashboard's
                                 widget topics, e.g. "haus/+/temp,keller/#".
  RECORD_SYNC_PREFIX=<prefix>    The dashboards' sync prefix if changed in the app. Default
                                 ${DEFAULTS.syncPrefix}
  HISTORY_RAW_DAYS=<n>           Days raw samples are kept. Default ${DEFAULTS.rawDays}.
  HISTORY_MINUTE_DAYS=<n>        Days 1-minute rollups are kept (hourly ones: forever). Default ${DEFAULTS.minuteDays}.
  HISTORY_MAX_MB=<n>             Size cap of history.db; the oldest data goes first. Default ${DEFAULTS.maxMb}.
  --no-build         NO_BUILD=1  Do not rebuild dist/ when the sources are newer.
  --dist <dir>                   Serve this build instead of <repo>/dist (no rebuild check).
  -h, --help                     Show this help.

Examples:
  npm start
  npm start -- --port 9000
  npm start -- --host 127.0.0.1 --mqtt-port 0
  npm start -- --no-broker
  RECORD_FROM=mqtt://192.168.1.10:1883 npm start -- --no-broker
  npm start -- --https --mqtts-port 8883
  npm start -- --https --tls-cert /etc/tafel/cert.pem --tls-key /etc/tafel/key.pem
  PORT=9000 DATA_DIR=/var/lib/tafel npm start
`;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  'mqtt-port': { type: 'string' },
  'data-dir': { type: 'string' },
  'no-broker': { type: 'boolean' },
  'no-recorder': { type: 'boolean' },
  'no-build': { type: 'boolean' },
  https: { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'mqtts-port': { type: 'string' },
  dist: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Pure: reads only its arguments, so tests can feed any argv/env.
 * Throws ConfigError with a one-line message for anything invalid.
 */
export function parseConfig(
  argv: readonly string[],
  env: Env,
  cwd: string = process.cwd(),
): CliConfig {
  const values = readFlags(argv);
  const help = values.help ?? false;
  const port = parsePort(values.port, '--port', env.PORT, 'PORT', DEFAULTS.port);
  const mqttPort = parsePort(
    values['mqtt-port'],
    '--mqtt-port',
    env.MQTT_PORT,
    'MQTT_PORT',
    DEFAULTS.mqttPort,
  );
  const host = parseNonEmpty(values.host, '--host', env.HOST, 'HOST') ?? DEFAULTS.host;
  const dataDir = parseNonEmpty(values['data-dir'], '--data-dir', env.DATA_DIR, 'DATA_DIR');
  const dist = parseNonEmpty(values.dist, '--dist', undefined, '');
  const broker = !(values['no-broker'] || parseEnvFlag(env.NO_BROKER, 'NO_BROKER'));
  const build = !(values['no-build'] || parseEnvFlag(env.NO_BUILD, 'NO_BUILD'));
  const https = values.https || parseEnvFlag(env.HTTPS, 'HTTPS');
  const mqttsPort = parsePort(
    values['mqtts-port'],
    '--mqtts-port',
    env.MQTTS_PORT,
    'MQTTS_PORT',
    DEFAULTS.mqttsPort,
  );
  const certFile = parseNonEmpty(values['tls-cert'], '--tls-cert', env.TLS_CERT, 'TLS_CERT');
  const keyFile = parseNonEmpty(values['tls-key'], '--tls-key', env.TLS_KEY, 'TLS_KEY');

  // Both on one port would fail later with a confusing "in use" for the second listener.
  if (broker && mqttPort !== 0 && mqttPort === port) {
    throw new ConfigError(
      `PORT and MQTT_PORT are both ${port}; the HTTP and the MQTT TCP listener need different ports.`,
    );
  }
  checkTls({ https, certFile, keyFile, mqttsPort, port, mqttPort, broker });
  const recorder = parseRecorder(
    values['no-recorder'] || parseEnvFlag(env.NO_RECORDER, 'NO_RECORDER'),
    broker,
    env,
  );

  return {
    help,
    build,
    port,
    host,
    mqttPort: mqttPort === 0 ? null : mqttPort,
    dataDir: path.resolve(cwd, dataDir ?? DEFAULTS.dataDir),
    distDir: dist === undefined ? defaultDistDir : path.resolve(cwd, dist),
    broker,
    tls: {
      https,
      mqttsPort: mqttsPort === 0 ? null : mqttsPort,
      certFile: certFile === undefined ? null : path.resolve(cwd, certFile),
      keyFile: keyFile === undefined ? null : path.resolve(cwd, keyFile),
    },
    recorder,
  };
}

function parseRecorder(off: boolean, broker: boolean, env: Env): RecorderConfig {
  const from = env.RECORD_FROM?.trim() || null;
  if (from !== null) {
    let url: URL;
    try {
      url = new URL(from);
    } catch {
      throw new ConfigError(
        `Invalid RECORD_FROM ${JSON.stringify(from)}: expected a broker URL such as mqtt://192.168.1.10:1883.`,
      );
    }
    if (!['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:'].includes(url.protocol)) {
      throw new ConfigError(
        `Invalid RECORD_FROM ${JSON.stringify(from)}: use mqtt://, mqtts://, ws:// or wss://.`,
      );
    }
    if (broker && !off) {
      throw new ConfigError(
        'RECORD_FROM is for --no-broker; with the embedded broker the recorder hears it directly.',
      );
    }
  }
  const topics = (env.RECORD_TOPICS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const t of topics) {
    const levels = t.split('/');
    const ok =
      t.length <= 1024 &&
      !t.includes('\u0000') &&
      levels.every(
        (l, i) =>
          (l === '#' && i === levels.length - 1) ||
          l === '+' ||
          (!l.includes('+') && !l.includes('#')),
      );
    if (!ok) {
      throw new ConfigError(
        `Invalid RECORD_TOPICS entry ${JSON.stringify(t)}: + and # only as whole levels, # last.`,
      );
    }
  }
  const syncPrefix = env.RECORD_SYNC_PREFIX?.trim() || DEFAULTS.syncPrefix;
  if (!syncPrefix.endsWith('/') || /[+#]/.test(syncPrefix) || syncPrefix.includes('\u0000')) {
    throw new ConfigError(
      `Invalid RECORD_SYNC_PREFIX ${JSON.stringify(syncPrefix)}: it ends with / and holds no + or #.`,
    );
  }
  const number = (name: string, fallback: number, min: number) => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) {
      throw new ConfigError(
        `Invalid ${name} ${JSON.stringify(raw)}: expected a number of at least ${min}.`,
      );
    }
    return n;
  };
  return {
    enabled: !off && (broker || from !== null),
    from,
    username: env.RECORD_USERNAME || null,
    password: env.RECORD_PASSWORD || null,
    topics,
    syncPrefix,
    rawDays: number('HISTORY_RAW_DAYS', DEFAULTS.rawDays, 0.01),
    minuteDays: number('HISTORY_MINUTE_DAYS', DEFAULTS.minuteDays, 0.01),
    maxBytes: Math.round(number('HISTORY_MAX_MB', DEFAULTS.maxMb, 1) * 1024 * 1024),
  };
}

/** The combinations that cannot work; whether the files can be read is startServer's to say. */
function checkTls(c: {
  https: boolean;
  certFile: string | undefined;
  keyFile: string | undefined;
  mqttsPort: number;
  port: number;
  mqttPort: number;
  broker: boolean;
}) {
  if ((c.certFile === undefined) !== (c.keyFile === undefined)) {
    const [given, missing] =
      c.certFile === undefined ? ['TLS_KEY', 'TLS_CERT'] : ['TLS_CERT', 'TLS_KEY'];
    throw new ConfigError(
      `${given} is set but ${missing} is not; give both, or neither for a generated certificate.`,
    );
  }
  if (c.mqttsPort !== 0) {
    if (!c.broker) {
      throw new ConfigError(
        'MQTTS_PORT needs the embedded broker; remove NO_BROKER or --no-broker.',
      );
    }
    if (c.mqttsPort === c.port || c.mqttsPort === c.mqttPort) {
      const other = c.mqttsPort === c.port ? 'PORT' : 'MQTT_PORT';
      throw new ConfigError(
        `${other} and MQTTS_PORT are both ${c.mqttsPort}; each listener needs its own port.`,
      );
    }
  }
  // Otherwise the files would be ignored, and the user would wonder why the app is still http://.
  if (c.certFile !== undefined && !c.https && c.mqttsPort === 0) {
    throw new ConfigError(
      'TLS_CERT and TLS_KEY are only used with HTTPS=1 (--https) or MQTTS_PORT; add --https.',
    );
  }
}

function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // parseArgs messages sometimes carry a multi-line hint; one line is the contract.
    throw new ConfigError(firstLine(error instanceof Error ? error.message : String(error)));
  }
}

function parsePort(
  flagValue: string | undefined,
  flag: string,
  envValue: string | undefined,
  envName: string,
  fallback: number,
): number {
  const [raw, source] =
    flagValue !== undefined
      ? [flagValue, flag]
      : envValue !== undefined && envValue.trim() !== ''
        ? [envValue, envName]
        : [undefined, ''];
  if (raw === undefined) return fallback;
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65535) {
    throw new ConfigError(
      `Invalid ${source} ${JSON.stringify(raw)}: expected a port number from 0 to 65535.`,
    );
  }
  return value;
}

function parseNonEmpty(
  flagValue: string | undefined,
  flag: string,
  envValue: string | undefined,
  envName: string,
): string | undefined {
  if (flagValue !== undefined) {
    if (flagValue.trim() === '') throw new ConfigError(`${flag} needs a value.`);
    return flagValue.trim();
  }
  // An empty variable (`HOST= npm start`) means "not set", as in most shells' idiom.
  if (envName && envValue !== undefined && envValue.trim() !== '') return envValue.trim();
  return undefined;
}

const truthy = new Set(['1', 'true', 'yes', 'on']);
const falsy = new Set(['', '0', 'false', 'no', 'off']);

function parseEnvFlag(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  const text = value.trim().toLowerCase();
  if (truthy.has(text)) return true;
  if (falsy.has(text)) return false;
  throw new ConfigError(`Invalid ${name} ${JSON.stringify(value)}: expected 1 or 0.`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}
