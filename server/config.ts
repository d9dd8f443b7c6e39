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
}

export interface CliConfig extends ServerConfig {
  build: boolean;
  help: boolean;
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
  --data-dir <dir>   DATA_DIR    Where the broker keeps retained messages and sessions.
                                 Default ${DEFAULTS.dataDir} (relative to the current directory).
  --no-broker        NO_BROKER=1 Serve the app only, for use with your own broker (e.g. Mosquitto).
  --no-build         NO_BUILD=1  Do not rebuild dist/ when the sources are newer.
  --dist <dir>                   Serve this build instead of <repo>/dist (no rebuild check).
  -h, --help                     Show this help.

Examples:
  npm start
  npm start -- --port 9000
  npm start -- --host 127.0.0.1 --mqtt-port 0
  npm start -- --no-broker
  PORT=9000 DATA_DIR=/var/lib/tafel npm start
`;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  'mqtt-port': { type: 'string' },
  'data-dir': { type: 'string' },
  'no-broker': { type: 'boolean' },
  'no-build': { type: 'boolean' },
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

  // Both on one port would fail later with a confusing "in use" for the second listener.
  if (broker && mqttPort !== 0 && mqttPort === port) {
    throw new ConfigError(
      `PORT and MQTT_PORT are both ${port}; the HTTP and the MQTT TCP listener need different ports.`,
    );
  }

  return {
    help,
    build,
    port,
    host,
    mqttPort: mqttPort === 0 ? null : mqttPort,
    dataDir: path.resolve(cwd, dataDir ?? DEFAULTS.dataDir),
    distDir: dist === undefined ? defaultDistDir : path.resolve(cwd, dist),
    broker,
  };
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
