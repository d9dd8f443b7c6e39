/** What MQTT.js's browser transport needs of a WebSocket constructor. */
export type WebSocketConstructor = new (url: string, protocols: string[]) => WebSocket;

/**
 * A browser WebSocket for MQTT.js whose `send` refuses, with an error, once the socket is no
 * longer open. Between the start of a closing handshake (the broker shutting down sends its
 * close frame; readyState is CLOSING) and the close event, MQTT.js still believes it is
 * connected and may write — a PINGREQ, a PUBLISH from a control. The browser would drop those
 * bytes and log "WebSocket is already in CLOSING or CLOSED state" to the console; a thrown
 * error instead fails the write (MQTT.js's transport catches it and ends the stream), so the
 * control that sent says "Not sent" and the connection is seen as lost at once.
 */
export function openBrowserSocket(
  url: string,
  protocols: string[],
  Socket: WebSocketConstructor = WebSocket,
): WebSocket {
  const socket = new Socket(url, protocols);
  const send = socket.send.bind(socket);
  socket.send = (data) => {
    if (socket.readyState !== socket.OPEN) throw new Error('the connection is closing');
    send(data);
  };
  return socket;
}
