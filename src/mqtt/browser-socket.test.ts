import { describe, expect, it } from 'vitest';
import { openBrowserSocket, type WebSocketConstructor } from './browser-socket';

/** Just enough of a browser WebSocket: its state, and what reached the network. */
class FakeSocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 1;
  sent: unknown[] = [];
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: unknown) {
    this.sent.push(data);
  }
}

const open = () =>
  openBrowserSocket(
    'ws://broker/mqtt',
    ['mqtt'],
    FakeSocket as unknown as WebSocketConstructor,
  ) as unknown as FakeSocket;

describe('the browser socket MQTT.js writes to', () => {
  it('is opened with the URL and subprotocols asked for', () => {
    const s = open();
    expect([s.url, s.protocols]).toEqual(['ws://broker/mqtt', ['mqtt']]);
  });

  it('sends while open', () => {
    const s = open();
    s.send('ping');
    expect(s.sent).toEqual(['ping']);
  });

  it.each([
    ['closing', 2],
    ['closed', 3],
  ])('refuses a write with an error while %s, and sends nothing', (_, state) => {
    const s = open();
    s.readyState = state;
    expect(() => s.send('publish')).toThrow('the connection is closing');
    expect(s.sent).toEqual([]);
  });
});
