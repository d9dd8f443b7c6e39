import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { endpointUrls, reachableHosts } from './urls.ts';

const interfaces = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  eth0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
  ],
  wlan0: [{ address: '10.0.0.5', family: 'IPv4', internal: false }],
} as unknown as ReturnType<typeof os.networkInterfaces>;

describe('endpoint URLs', () => {
  it('lists localhost and every LAN IPv4 when bound to all interfaces', () => {
    expect(reachableHosts('0.0.0.0', interfaces)).toEqual([
      'localhost',
      '192.168.1.20',
      '10.0.0.5',
    ]);
    expect(endpointUrls('0.0.0.0', 8080, 1883, true, interfaces)).toEqual({
      http: ['http://localhost:8080', 'http://192.168.1.20:8080', 'http://10.0.0.5:8080'],
      ws: ['ws://localhost:8080/mqtt', 'ws://192.168.1.20:8080/mqtt', 'ws://10.0.0.5:8080/mqtt'],
      mqtt: ['mqtt://localhost:1883', 'mqtt://192.168.1.20:1883', 'mqtt://10.0.0.5:1883'],
      mqtts: [],
    });
  });

  it('uses https, wss and mqtts with TLS', () => {
    expect(
      endpointUrls('0.0.0.0', 8080, 1883, true, interfaces, { https: true, mqttsPort: 8883 }),
    ).toEqual({
      http: ['https://localhost:8080', 'https://192.168.1.20:8080', 'https://10.0.0.5:8080'],
      ws: ['wss://localhost:8080/mqtt', 'wss://192.168.1.20:8080/mqtt', 'wss://10.0.0.5:8080/mqtt'],
      mqtt: ['mqtt://localhost:1883', 'mqtt://192.168.1.20:1883', 'mqtt://10.0.0.5:1883'],
      mqtts: ['mqtts://localhost:8883', 'mqtts://192.168.1.20:8883', 'mqtts://10.0.0.5:8883'],
    });
    expect(
      endpointUrls('127.0.0.1', 8443, null, false, interfaces, { https: true, mqttsPort: 8883 }),
    ).toEqual({ http: ['https://127.0.0.1:8443'], ws: [], mqtt: [], mqtts: [] });
  });

  it('uses a specific host as given, bracketing IPv6', () => {
    expect(endpointUrls('::1', 9000, null, true, interfaces)).toEqual({
      http: ['http://[::1]:9000'],
      ws: ['ws://[::1]:9000/mqtt'],
      mqtt: [],
      mqtts: [],
    });
  });

  it('has no MQTT endpoints without the broker', () => {
    expect(endpointUrls('127.0.0.1', 9000, null, false, interfaces)).toEqual({
      http: ['http://127.0.0.1:9000'],
      ws: [],
      mqtt: [],
      mqtts: [],
    });
  });
});
