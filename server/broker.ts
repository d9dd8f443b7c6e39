import type { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import aedesPersistenceLevel from 'aedes-persistence-level';
import { Level } from 'level';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';

export interface Broker {
  /** MQTT clients that completed CONNECT. */
  connectedClients(): number;
  /** For the HTTP server's `upgrade` event on /mqtt. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** A plain-TCP MQTT server, not yet listening; the caller owns its listen/close. */
  createTcpServer(): net.Server;
  /** MQTT over TLS (mqtts://), not yet listening; the caller owns its listen/close. */
  createTlsServer(options: { cert: string; key: string }): tls.Server;
  /**
   * Every message the broker takes in (from any client, and its own $SYS), as it is handed
   * on: for the recorder, which hears the broker inside the process.
   */
  onPublish(listener: (topic: string, payload: Buffer, retained: boolean) => void): () => void;
  /** The retained messages under an MQTT filter, from the store. */
  retained(filter: string): AsyncIterable<{ topic: string; payload: Buffer }>;
  /** Closes every MQTT connection, then the broker, then the store. */
  close(): Promise<void>;
}

export interface BrokerOptions {
  /** The store goes to `<dataDir>/broker`. */
  dataDir: string;
  log?: (line: string) => void;
}

/** MQTT.js sends `mqtt`; older clients (Paho) still send the 3.1 name. */
const subprotocols = ['mqtt', 'mqttv3.1'];

/**
 * A WebSocket as a stream that sends what aedes writes in one event-loop turn as ONE frame.
 * aedes writes each MQTT packet in several pieces; sent a frame a piece (5 per message), a
 * browser spends a task per frame and managed ~3,000 messages/s. MQTT over WebSocket allows
 * several (and partial) packets per frame, so writes are corked until the turn ends and then
 * leave together through _writev.
 */
function coalescingStream(ws: WebSocket): Duplex {
  const stream = createWebSocketStream(ws);
  (stream as Duplex & { _writev: Duplex['_writev'] })._writev = (chunks, callback) => {
    stream._write(Buffer.concat(chunks.map((c) => c.chunk as Buffer)), 'binary', callback);
  };
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  let corked = false;
  stream.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      stream.cork();
      setImmediate(() => {
        corked = false;
        stream.uncork();
      });
    }
    return write(...args);
  }) as Duplex['write'];
  return stream;
}

type Publish = (
  packet: PublishPacket,
  client?: Client | null | ((error?: Error) => void),
  done?: (error?: Error) => void,
) => void;

/**
 * Makes aedes hand messages on to their subscribers in the order it takes them in: one message
 * at a time goes from `publish` to the emitter that delivers it, and the next waits until then.
 *
 * aedes numbers each message as it takes it in, and forwards one to a client only if its number
 * is above the last one it forwarded to that client (so that a client whose subscriptions
 * overlap, `a/#` and `a/b`, gets it once). In between, a retained message waits for the store to
 * write it and a plain one does not, and Level finishes two writes in either order: a message
 * overtaken there was dropped for every subscriber, silently. Of two dashboards a browser
 * published together, the first one's echo never came back ("Sync failed", though the broker had
 * stored it); a retained state followed at once by a plain message lost the state. Merely not
 * dropping it would deliver it after a newer message on the same topic. In order, the retained
 * copies are also written in order, so the store keeps the last one published.
 *
 * A message waits only for the store writes of the messages taken in before it (retained
 * copies, and copies queued for offline persistent sessions). This leans on two things aedes
 * does not promise: every message enters through `publish` and leaves through `mq.emit`. If a
 * newer aedes changes that, server/broker.test.ts sees messages overtake each other again.
 */
function publishInOrder(aedes: Aedes): void {
  const emitter = (aedes as unknown as { mq: { emit: (...args: unknown[]) => unknown } }).mq;
  const emit = emitter.emit.bind(emitter);
  const publish = (aedes.publish as Publish).bind(aedes);
  const waiting: Array<() => void> = [];
  let busy = false;
  let draining = false;
  /** Frees the way for the next message: called when the current one reaches the emitter. */
  let handedOn: (() => void) | null = null;

  emitter.emit = (...args: unknown[]) => {
    const result = emit(...args);
    handedOn?.();
    return result;
  };

  // A loop, not recursion: a flood that queued behind one write goes on without deep stacks.
  function drain() {
    if (draining) return;
    draining = true;
    while (!busy && waiting.length > 0) {
      busy = true;
      waiting.shift()!();
    }
    draining = false;
  }

  (aedes as { publish: Publish }).publish = (packet, client, done) => {
    const callback = typeof client === 'function' ? client : done;
    const from = typeof client === 'function' ? null : (client ?? null);
    waiting.push(() => {
      let freed = false;
      const free = () => {
        if (freed) return;
        freed = true;
        handedOn = null;
        busy = false;
        drain();
      };
      handedOn = free;
      // An error (refused, too many levels, the store failing) ends it before the emitter.
      publish(packet, from, (error) => {
        free();
        callback?.(error);
      });
    });
    drain();
  };
}

export async function createBroker({ dataDir, log = () => {} }: BrokerOptions): Promise<Broker> {
  const dbDir = path.join(dataDir, 'broker');
  await fs.mkdir(dbDir, { recursive: true });
  const db = new Level(dbDir);
  try {
    // Opened here rather than lazily by the persistence, so a lock gets a clear message.
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new Error(
        `The data dir ${dataDir} is in use by another Tafel server. Stop it, or set DATA_DIR or --data-dir to another folder.`,
        { cause: error },
      );
    }
    throw new Error(`Cannot open the broker store in ${dbDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const persistence = aedesPersistenceLevel(db);
  let aedes: Aedes;
  try {
    aedes = await Aedes.createBroker({ persistence });
  } catch (error) {
    await persistence.destroy();
    throw error;
  }
  publishInOrder(aedes);
  // Persistence failures are emitted as 'error' (missing from aedes' typings); without a
  // listener they would crash the process.
  const events: EventEmitter = aedes;
  events.on('error', (error: Error) => log(`MQTT broker error: ${error.message}`));

  // Raw sockets, including ones that never finish CONNECT (aedes does not track those).
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => subprotocols.find((p) => offered.has(p)) ?? false,
  });

  let closing: Promise<void> | undefined;

  return {
    connectedClients: () => aedes.connectedClients,

    onPublish(listener) {
      const onPublish = (packet: PublishPacket) => {
        listener(packet.topic, packet.payload as Buffer, packet.retain);
      };
      events.on('publish', onPublish);
      return () => events.off('publish', onPublish);
    },

    retained: (filter) => persistence.createRetainedStream(filter),

    handleUpgrade(req, socket, head) {
      if (closing) return void socket.destroy();
      track(socket);
      wss.handleUpgrade(req, socket, head, (ws) => {
        aedes.handle(coalescingStream(ws), req);
      });
    },

    createTcpServer() {
      return net.createServer((socket) => {
        if (closing) return void socket.destroy();
        track(socket);
        aedes.handle(socket);
      });
    },

    createTlsServer({ cert, key }) {
      const server = tls.createServer({ cert, key }, (socket) => {
        if (closing) return void socket.destroy();
        aedes.handle(socket);
      });
      // The raw socket, tracked from before the handshake: destroying it ends the TLS socket
      // too, and a client stuck in the handshake must not hold up close().
      server.on('connection', (socket: net.Socket) => {
        if (closing) return void socket.destroy();
        track(socket);
      });
      return server;
    },

    close() {
      closing ??= (async () => {
        // Graceful first: aedes sends nothing on close, but runs its will/cleanup logic.
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        // aedes fires a few store writes without awaiting them (will cleanup); let them land.
        await new Promise((resolve) => setImmediate(resolve));
        await persistence.destroy();
      })();
      return closing;
    },
  };
}
