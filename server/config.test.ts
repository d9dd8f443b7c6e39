import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, usage } from './config.ts';
import { defaultDistDir } from './paths.ts';

const cwd = '/srv/tafel';

describe('parseConfig', () => {
  it('has defaults', () => {
    expect(parseConfig([], {}, cwd)).toEqual({
      help: false,
      build: true,
      port: 8080,
      host: '0.0.0.0',
      mqttPort: 1883,
      dataDir: path.resolve(cwd, 'data'),
      distDir: defaultDistDir,
      broker: true,
      tls: { https: false, mqttsPort: null, certFile: null, keyFile: null },
      recorder: {
        enabled: true,
        from: null,
        username: null,
        password: null,
        topics: [],
        syncPrefix: 'tafel/dashboards/',
        rawDays: 10,
        minuteDays: 90,
        maxBytes: 1024 * 1024 * 1024,
      },
    });
  });

  it('reads the environment', () => {
    const config = parseConfig(
      [],
      {
        PORT: '9000',
        HOST: '127.0.0.1',
        MQTT_PORT: '1884',
        DATA_DIR: 'state',
        NO_BROKER: '1',
        NO_BUILD: 'true',
      },
      cwd,
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      mqttPort: 1884,
      dataDir: path.resolve(cwd, 'state'),
      broker: false,
      build: false,
    });
  });

  it('lets flags override the environment', () => {
    const config = parseConfig(
      ['--port', '9001', '--host=::1', '--mqtt-port', '2883', '--data-dir', '/var/lib/tafel'],
      { PORT: '9000', HOST: '127.0.0.1', MQTT_PORT: '1884', DATA_DIR: 'state' },
      cwd,
    );
    expect(config).toMatchObject({
      port: 9001,
      host: '::1',
      mqttPort: 2883,
      dataDir: '/var/lib/tafel',
    });
  });

  it('treats empty or falsy variables as unset', () => {
    expect(parseConfig([], { PORT: '', NO_BROKER: '0', NO_BUILD: '' }, cwd)).toMatchObject({
      port: 8080,
      broker: true,
      build: true,
    });
  });

  it('supports --no-broker, --no-build, --dist and --help', () => {
    expect(parseConfig(['--no-broker', '--no-build', '--dist', 'out'], {}, cwd)).toMatchObject({
      broker: false,
      build: false,
      distDir: path.resolve(cwd, 'out'),
    });
    expect(parseConfig(['-h'], {}, cwd).help).toBe(true);
    expect(parseConfig(['--help'], {}, cwd).help).toBe(true);
  });

  it('maps MQTT_PORT 0 to "no TCP listener" and allows PORT 0', () => {
    expect(parseConfig(['--port', '0', '--mqtt-port', '0'], {}, cwd)).toMatchObject({
      port: 0,
      mqttPort: null,
    });
  });

  it.each([
    [['--port', '70000'], {}, 'Invalid --port "70000": expected a port number from 0 to 65535.'],
    [['--port', 'abc'], {}, 'Invalid --port "abc"'],
    [['--port=-1'], {}, 'Invalid --port "-1"'],
    [['--port', '80.5'], {}, 'Invalid --port "80.5"'],
    [[], { PORT: 'http' }, 'Invalid PORT "http"'],
    [[], { MQTT_PORT: '99999' }, 'Invalid MQTT_PORT "99999"'],
    [[], { NO_BROKER: 'maybe' }, 'Invalid NO_BROKER "maybe"'],
    [['--host', ''], {}, '--host needs a value.'],
    [['--verbose'], {}, "Unknown option '--verbose'"],
    [['--port'], {}, "Option '--port <value>' argument missing"],
    [['extra'], {}, 'extra'],
    [['--port', '1883'], {}, 'PORT and MQTT_PORT are both 1883'],
  ])('rejects %j %j', (argv, env, message) => {
    let caught: unknown;
    try {
      parseConfig(argv, env, cwd);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(message);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('reads the TLS settings from the environment, and flags win', () => {
    const env = {
      HTTPS: '1',
      TLS_CERT: 'certs/cert.pem',
      TLS_KEY: '/etc/tafel/key.pem',
      MQTTS_PORT: '8883',
    };
    expect(parseConfig([], env, cwd).tls).toEqual({
      https: true,
      mqttsPort: 8883,
      certFile: path.resolve(cwd, 'certs/cert.pem'),
      keyFile: '/etc/tafel/key.pem',
    });
    expect(
      parseConfig(
        ['--https', '--tls-cert', 'a.pem', '--tls-key=b.pem', '--mqtts-port', '8884'],
        { ...env, HTTPS: '0' },
        cwd,
      ).tls,
    ).toEqual({
      https: true,
      mqttsPort: 8884,
      certFile: path.resolve(cwd, 'a.pem'),
      keyFile: path.resolve(cwd, 'b.pem'),
    });
    expect(parseConfig(['--mqtts-port', '0'], { MQTTS_PORT: '8883' }, cwd).tls.mqttsPort).toBe(
      null,
    );
  });

  it('allows HTTPS without files (a generated certificate) and MQTTS without HTTPS', () => {
    expect(parseConfig(['--https'], {}, cwd).tls).toEqual({
      https: true,
      mqttsPort: null,
      certFile: null,
      keyFile: null,
    });
    expect(parseConfig(['--mqtts-port', '8883'], {}, cwd).tls).toMatchObject({
      https: false,
      mqttsPort: 8883,
    });
    expect(parseConfig(['--https', '--no-broker'], {}, cwd).tls.https).toBe(true);
  });

  it.each([
    [['--https', '--tls-cert', 'c.pem'], {}, 'TLS_CERT is set but TLS_KEY is not'],
    [['--https'], { TLS_KEY: 'k.pem' }, 'TLS_KEY is set but TLS_CERT is not'],
    [['--tls-cert', 'c.pem', '--tls-key', 'k.pem'], {}, 'only used with HTTPS=1 (--https)'],
    [['--https', '--tls-cert', ''], {}, '--tls-cert needs a value.'],
    [[], { HTTPS: 'sure' }, 'Invalid HTTPS "sure": expected 1 or 0.'],
    [[], { MQTTS_PORT: 'tls' }, 'Invalid MQTTS_PORT "tls"'],
    [['--mqtts-port', '8080'], {}, 'PORT and MQTTS_PORT are both 8080'],
    [['--mqtts-port', '1883'], {}, 'MQTT_PORT and MQTTS_PORT are both 1883'],
    [['--mqtts-port', '8883', '--no-broker'], {}, 'MQTTS_PORT needs the embedded broker'],
  ])('rejects the TLS settings %j %j', (argv, env, message) => {
    let caught: unknown;
    try {
      parseConfig(argv, env, cwd);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(message);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('turns the recorder off with --no-recorder or NO_RECORDER', () => {
    expect(parseConfig(['--no-recorder'], {}, cwd).recorder.enabled).toBe(false);
    expect(parseConfig([], { NO_RECORDER: '1' }, cwd).recorder.enabled).toBe(false);
    expect(parseConfig([], { NO_RECORDER: '0' }, cwd).recorder.enabled).toBe(true);
  });

  it('records nothing with --no-broker unless RECORD_FROM names a broker', () => {
    expect(parseConfig(['--no-broker'], {}, cwd).recorder).toMatchObject({
      enabled: false,
      from: null,
    });
    const env = {
      RECORD_FROM: ' mqtt://192.168.1.10:1883 ',
      RECORD_USERNAME: 'tafel',
      RECORD_PASSWORD: 'secret',
    };
    expect(parseConfig(['--no-broker'], env, cwd).recorder).toMatchObject({
      enabled: true,
      from: 'mqtt://192.168.1.10:1883',
      username: 'tafel',
      password: 'secret',
    });
    for (const from of [
      'mqtts://b:8883',
      'ws://b:9001/mqtt',
      'wss://b/mqtt',
      'tcp://b',
      'ssl://b',
    ]) {
      expect(parseConfig([], { NO_BROKER: '1', RECORD_FROM: from }, cwd).recorder.from).toBe(from);
    }
    // Off wins over RECORD_FROM.
    expect(
      parseConfig(['--no-broker', '--no-recorder'], { RECORD_FROM: 'mqtt://b' }, cwd).recorder
        .enabled,
    ).toBe(false);
    // An empty RECORD_FROM is unset.
    expect(parseConfig(['--no-broker'], { RECORD_FROM: ' ' }, cwd).recorder.enabled).toBe(false);
  });

  it('reads RECORD_TOPICS, RECORD_SYNC_PREFIX and the retention settings', () => {
    const config = parseConfig(
      [],
      {
        RECORD_TOPICS: ' haus/+/temp, keller/#,,#, ',
        RECORD_SYNC_PREFIX: 'haus/sync/',
        HISTORY_RAW_DAYS: '3',
        HISTORY_MINUTE_DAYS: '30.5',
        HISTORY_MAX_MB: '1.5',
      },
      cwd,
    );
    expect(config.recorder).toMatchObject({
      topics: ['haus/+/temp', 'keller/#', '#'],
      syncPrefix: 'haus/sync/',
      rawDays: 3,
      minuteDays: 30.5,
      maxBytes: 1.5 * 1024 * 1024,
    });
    expect(parseConfig([], { HISTORY_MAX_MB: ' 200 ' }, cwd).recorder.maxBytes).toBe(
      200 * 1024 * 1024,
    );
    expect(parseConfig([], { HISTORY_MAX_MB: '' }, cwd).recorder.maxBytes).toBe(1024 * 1024 * 1024);
  });

  it.each([
    [[], { RECORD_FROM: 'mqtt://b:1883' }, 'RECORD_FROM is for --no-broker'],
    [['--no-broker'], { RECORD_FROM: 'not a url' }, 'Invalid RECORD_FROM "not a url"'],
    [['--no-broker'], { RECORD_FROM: 'http://b:1883' }, 'use mqtt://, mqtts://, ws:// or wss://'],
    [['--no-broker'], { RECORD_FROM: '192.168.1.10:1883' }, 'Invalid RECORD_FROM'],
    [[], { RECORD_TOPICS: 'a/#/b' }, 'Invalid RECORD_TOPICS entry "a/#/b"'],
    [[], { RECORD_TOPICS: 'ok,a+' }, 'Invalid RECORD_TOPICS entry "a+"'],
    [[], { RECORD_TOPICS: 'a/b#' }, 'Invalid RECORD_TOPICS entry "a/b#"'],
    [[], { RECORD_SYNC_PREFIX: 'tafel/dashboards' }, 'Invalid RECORD_SYNC_PREFIX'],
    [[], { RECORD_SYNC_PREFIX: 'tafel/+/' }, 'Invalid RECORD_SYNC_PREFIX'],
    [
      [],
      { HISTORY_MAX_MB: 'lots' },
      'Invalid HISTORY_MAX_MB "lots": expected a number of at least 1.',
    ],
    [[], { HISTORY_MAX_MB: '0' }, 'Invalid HISTORY_MAX_MB "0"'],
    [[], { HISTORY_MAX_MB: '-5' }, 'Invalid HISTORY_MAX_MB "-5"'],
    [[], { HISTORY_MAX_MB: 'Infinity' }, 'Invalid HISTORY_MAX_MB "Infinity"'],
    [[], { HISTORY_RAW_DAYS: '0' }, 'Invalid HISTORY_RAW_DAYS "0"'],
    [[], { HISTORY_MINUTE_DAYS: 'ten' }, 'Invalid HISTORY_MINUTE_DAYS "ten"'],
    [[], { NO_RECORDER: 'nah' }, 'Invalid NO_RECORDER "nah"'],
  ])('rejects the recorder settings %j %j', (argv, env, message) => {
    let caught: unknown;
    try {
      parseConfig(argv, env, cwd);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(message);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('allows RECORD_FROM with the embedded broker when the recorder is off', () => {
    expect(
      parseConfig(['--no-recorder'], { RECORD_FROM: 'mqtt://b:1883' }, cwd).recorder.enabled,
    ).toBe(false);
  });

  it('allows the same port for both when the broker is off', () => {
    expect(parseConfig(['--port', '1883', '--no-broker'], {}, cwd).port).toBe(1883);
  });
});

describe('usage', () => {
  it('lists every flag, its variable and an example', () => {
    for (const text of [
      '--port',
      'PORT',
      '--host',
      'HOST',
      '--mqtt-port',
      'MQTT_PORT',
      '--data-dir',
      'DATA_DIR',
      '--no-broker',
      'NO_BROKER=1',
      '--no-build',
      'NO_BUILD=1',
      '--https',
      'HTTPS=1',
      '--tls-cert',
      'TLS_CERT',
      '--tls-key',
      'TLS_KEY',
      '--mqtts-port',
      'MQTTS_PORT',
      '--dist',
      '--help',
      '--no-recorder',
      'NO_RECORDER=1',
      'RECORD_FROM',
      'RECORD_USERNAME',
      'RECORD_PASSWORD',
      'RECORD_TOPICS',
      'RECORD_SYNC_PREFIX',
      'HISTORY_RAW_DAYS',
      'HISTORY_MINUTE_DAYS',
      'HISTORY_MAX_MB',
      'RECORD_FROM=mqtt://192.168.1.10:1883 npm start -- --no-broker',
      'npm start -- --port 9000',
      'npm start -- --https --mqtts-port 8883',
    ]) {
      expect(usage).toContain(text);
    }
  });
});
