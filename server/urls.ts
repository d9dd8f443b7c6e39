import os from 'node:os';

export interface Endpoints {
  /** The app: http:// or, with HTTPS, https://. */
  http: string[];
  /** MQTT over WebSockets: ws:// or, with HTTPS, wss://. */
  ws: string[];
  mqtt: string[];
  /** MQTT over TLS; empty when MQTTS_PORT is off. */
  mqtts: string[];
}

export interface SecureEndpoints {
  https?: boolean;
  mqttsPort?: number | null;
}

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/**
 * Addresses people can actually type: localhost first, then each LAN IPv4 when bound to all
 * interfaces (0.0.0.0 itself is not a usable address in a browser or on a tablet).
 */
export function reachableHosts(host: string, interfaces: Interfaces = os.networkInterfaces()) {
  if (host !== '0.0.0.0' && host !== '::' && host !== '') return [host];
  const lan = Object.values(interfaces)
    .flatMap((addresses) => addresses ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  return ['localhost', ...new Set(lan)];
}

export function endpointUrls(
  host: string,
  httpPort: number,
  mqttPort: number | null,
  broker: boolean,
  interfaces?: Interfaces,
  { https = false, mqttsPort = null }: SecureEndpoints = {},
): Endpoints {
  const hosts = reachableHosts(host, interfaces).map((h) => (h.includes(':') ? `[${h}]` : h));
  const s = https ? 's' : '';
  return {
    http: hosts.map((h) => `http${s}://${h}:${httpPort}`),
    ws: broker ? hosts.map((h) => `ws${s}://${h}:${httpPort}/mqtt`) : [],
    mqtt: broker && mqttPort !== null ? hosts.map((h) => `mqtt://${h}:${mqttPort}`) : [],
    mqtts: broker && mqttsPort !== null ? hosts.map((h) => `mqtts://${h}:${mqttsPort}`) : [],
  };
}
