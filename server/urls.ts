import os from 'node:os';

export interface Endpoints {
  http: string[];
  ws: string[];
  mqtt: string[];
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
): Endpoints {
  const hosts = reachableHosts(host, interfaces).map((h) => (h.includes(':') ? `[${h}]` : h));
  return {
    http: hosts.map((h) => `http://${h}:${httpPort}`),
    ws: broker ? hosts.map((h) => `ws://${h}:${httpPort}/mqtt`) : [],
    mqtt: broker && mqttPort !== null ? hosts.map((h) => `mqtt://${h}:${mqttPort}`) : [],
  };
}
