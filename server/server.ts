import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { createBroker, type Broker } from './broker.ts';
import {
  ensureCertificate,
  loadProvidedCertificate,
  type CertificateInfo,
  type TlsMaterial,
} from './certificate.ts';
import type { ServerConfig } from './config.ts';
import { closeServer, listen } from './listen.ts';
import { createApiHandler } from './recorder/api.ts';
import { Recorder } from './recorder/recorder.ts';
import { clientSource, embeddedSource, type Source } from './recorder/source.ts';
import { createStaticHandler } from './static.ts';
import { endpointUrls, type Endpoints } from './urls.ts';

export interface RunningServer {
  httpPort: number;
  /** null when there is no plain-TCP MQTT listener (MQTT_PORT=0 or --no-broker). */
  mqttPort: number | null;
  /** null when MQTT over TLS is off (MQTTS_PORT=0, the default). */
  mqttsPort: number | null;
  urls: Endpoints;
  /**
   * SHA-256 of the certificate in use, colon-separated upper-case hex as browsers show it;
   * null when nothing uses TLS.
   */
  fingerprint: string | null;
  /** The certificate in use, where it is and where it came from; null without TLS. */
  certificate: CertificateInfo | null;
  /** The recorder, or null when it is off. */
  recorder: Recorder | null;
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
  const tlsConfig = config.tls ?? { https: false, mqttsPort: null, certFile: null, keyFile: null };
  const useTls = tlsConfig.https || (config.broker && tlsConfig.mqttsPort !== null);

  let broker: Broker | null = null;
  let recorder: Recorder | null = null;
  let source: Source | null = null;
  let handleApi = createApiHandler(null);
  let tcp: net.Server | null = null;
  let mqtts: net.Server | null = null;
  // Made once the certificate is known: an HTTPS server needs it from the start.
  let server: http.Server | https.Server | null = null;
  const httpSockets = new Set<Duplex>();

  const handleRequest: http.RequestListener = (req, res) => {
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(
        JSON.stringify({
          status: 'ok',
          broker: broker !== null,
          clients: broker?.connectedClients() ?? 0,
          tls: tlsConfig.https,
          recorder: recorder
            ? { recording: recorder.status().recording, source: source?.status() ?? null }
            : null,
        }),
      );
    } else if (pathname?.startsWith('/api/') && handleApi(req, res)) {
      // Answered. A path the API declines (`/api/../x` is `/x` once resolved) is the app's.
    } else if (pathname === '/mqtt') {
      // Someone opened the broker URL in a browser tab: say so instead of showing the app.
      res.writeHead(broker ? 426 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(broker ? 'This is the MQTT over WebSocket endpoint.' : 'The broker is off.');
    } else {
      serveStatic(req, res);
    }
  };
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (broker && pathname === '/mqtt') return broker.handleUpgrade(req, socket, head);
    socket.on('error', () => {});
    socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () =>
      socket.destroy(),
    );
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting first, so nothing new arrives while the broker shuts down.
      const stopped = [server, tcp, mqtts].map((s) => (s ? closeServer(s) : Promise.resolve()));
      await source?.close();
      await broker?.close();
      // After the broker: the last messages it took in are written too.
      recorder?.close();
      for (const socket of httpSockets) socket.destroy();
      server?.closeAllConnections();
      await Promise.all(stopped);
    })());

  try {
    if (config.broker) broker = await createBroker({ dataDir: config.dataDir, log });
    const rc = config.recorder;
    if (rc?.enabled && (broker || rc.from)) {
      recorder = new Recorder({
        file: path.join(config.dataDir, 'history.db'),
        log,
        syncPrefix: rc.syncPrefix,
        extraTopics: rc.topics,
        retention: { rawDays: rc.rawDays, minuteDays: rc.minuteDays, maxBytes: rc.maxBytes },
      });
      source = broker
        ? await embeddedSource(broker, recorder)
        : clientSource(
            {
              url: rc.from!,
              username: rc.username ?? undefined,
              password: rc.password ?? undefined,
              log,
            },
            recorder,
          );
      handleApi = createApiHandler(recorder);
    }
    // After the broker: its lock on the data dir keeps two servers from making two
    // certificates at once.
    const material = useTls ? await loadCertificate(config, log) : null;
    server =
      material && tlsConfig.https
        ? https.createServer({ cert: material.cert, key: material.key }, handleRequest)
        : http.createServer(handleRequest);
    server.on('connection', (socket) => {
      httpSockets.add(socket);
      socket.once('close', () => httpSockets.delete(socket));
    });
    server.on('upgrade', onUpgrade);
    const httpPort = await listen(server, {
      port: config.port,
      host: config.host,
      label: tlsConfig.https ? 'HTTPS' : 'HTTP',
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
    let mqttsPort: number | null = null;
    if (broker && material && tlsConfig.mqttsPort !== null) {
      mqtts = broker.createTlsServer(material);
      mqttsPort = await listen(mqtts, {
        port: tlsConfig.mqttsPort,
        host: config.host,
        label: 'MQTT over TLS',
        portSetting: 'MQTTS_PORT or --mqtts-port',
      });
    }
    return {
      httpPort,
      mqttPort,
      mqttsPort,
      urls: endpointUrls(config.host, httpPort, mqttPort, broker !== null, undefined, {
        https: tlsConfig.https,
        mqttsPort,
      }),
      fingerprint: material?.info.fingerprint ?? null,
      certificate: material?.info ?? null,
      recorder,
      close,
    };
  } catch (error) {
    // Release whatever was opened, or a retry in the same process finds the store locked.
    await close().catch(() => {});
    throw error;
  }
}

function loadCertificate(config: ServerConfig, log: (line: string) => void): Promise<TlsMaterial> {
  const { certFile, keyFile } = config.tls ?? {};
  if (certFile && keyFile) return loadProvidedCertificate(certFile, keyFile, { log });
  return ensureCertificate({ dir: path.join(config.dataDir, 'tls'), host: config.host });
}
