import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { createWebSocketStream, WebSocketServer } from 'ws';

/** For tests: a real broker (aedes) over WebSockets on `/mqtt`, on 127.0.0.1. */
export interface TestBroker {
  port: number;
  close(): Promise<void>;
}

export async function startBroker(port = 0): Promise<TestBroker> {
  const aedes = await Aedes.createBroker();
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/mqtt' });
  wss.on('connection', (ws, req) => aedes.handle(createWebSocketStream(ws), req));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Publish one message from a client of its own, as a sensor would. */
export async function publishFrom(
  port: number,
  topic: string,
  payload: string,
  options: { retain?: boolean } = {},
): Promise<void> {
  const c = await mqtt.connectAsync(`ws://127.0.0.1:${port}/mqtt`, { reconnectPeriod: 0 });
  await c.publishAsync(topic, payload, { retain: options.retain ?? false });
  await c.endAsync();
}
