import http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import { createBroker, type Broker } from './broker.ts';
import type { ServerConfig } from './config.ts';
import { closeServer, listen } from './listen.ts';
import { createStaticHandler } from './static.ts';
import { endpointUrls, type Endpoints } from './urls.ts';

export interface RunningServer {
  httpPort: number;
  /** null when there is no plain-TCP MQTT listener (MQTT_PORT=0 or --no-broker). */
  mqttPort: number | null;
  urls: Endpoints;
  /** Idempotent; resolves once every socket, listener and the broker store are closed. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Warnings and broker errors; defaults to stderr. */
  log?: (line: string) => void;
}

export async function startServer(
  config: ServerConfig,
  { log = (line) => console.warn(line) }: StartOptions = {},
): Promise<RunningServer> {
  const serveStatic = await createStaticHandler(config.distDir, { log });

  let broker: Broker | null = null;
  let tcp: net.Server | null = null;
  const httpSockets = new Set<Duplex>();

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(
        JSON.stringify({
          status: 'ok',
          broker: broker !== null,
          clients: broker?.connectedClients() ?? 0,
        }),
      );
    } else if (pathname === '/mqtt') {
      // Someone opened the broker URL in a browser tab: say so instead of showing the app.
      res.writeHead(broker ? 426 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(broker ? 'This is the MQTT over WebSocket endpoint.' : 'The broker is off.');
    } else {
      serveStatic(req, res);
    }
  });
  server.on('connection', (socket) => {
    httpSockets.add(socket);
    socket.once('close', () => httpSockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (broker && pathname === '/mqtt') return broker.handleUpgrade(req, socket, head);
    socket.on('error', () => {});
    socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () =>
      socket.destroy(),
    );
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting first, so nothing new arrives while the broker shuts down.
      const stopped = [closeServer(server), tcp ? closeServer(tcp) : Promise.resolve()];
      await broker?.close();
      for (const socket of httpSockets) socket.destroy();
      server.closeAllConnections();
      await Promise.all(stopped);
    })());

  try {
    if (config.broker) broker = await createBroker({ dataDir: config.dataDir, log });
    const httpPort = await listen(server, {
      port: config.port,
      host: config.host,
      label: 'HTTP',
      portSetting: 'PORT or --port',
    });
    let mqttPort: number | null = null;
    if (broker && config.mqttPort !== null) {
      tcp = broker.createTcpServer();
      mqttPort = await listen(tcp, {
        port: config.mqttPort,
        host: config.host,
        label: 'MQTT over TCP',
        portSetting: 'MQTT_PORT or --mqtt-port',
      });
    }
    return {
      httpPort,
      mqttPort,
      urls: endpointUrls(config.host, httpPort, mqttPort, broker !== null),
      close,
    };
  } catch (error) {
    // Release whatever was opened, or a retry in the same process finds the store locked.
    await close().catch(() => {});
    throw error;
  }
}
