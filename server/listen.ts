import type { Server } from 'node:net';

export interface ListenTarget {
  port: number;
  host: string;
  /** Shown in errors, e.g. 'HTTP'. */
  label: string;
  /** The settings a user changes to fix it, e.g. 'PORT or --port'. */
  portSetting: string;
}

/** Resolves with the bound port; rejects with a one-line message that says what to change. */
export function listen(server: Server, { port, host, label, portSetting }: ListenTarget) {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        new Error(listenErrorMessage(error, { port, host, label, portSetting }), { cause: error }),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export function listenErrorMessage(error: NodeJS.ErrnoException, target: ListenTarget): string {
  const { port, host, label, portSetting } = target;
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} is already in use (${label}). Set ${portSetting} to a free port.`;
    case 'EACCES':
      return `Port ${port} needs elevated privileges (${label}). Set ${portSetting} to a port above 1023.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot listen on host ${host} (${label}): no such local address. Set HOST or --host.`;
    default:
      return `Cannot listen on ${host}:${port} (${label}): ${error.message.split('\n', 1)[0]}`;
  }
}

/** Resolves once the server has stopped; idle keep-alive connections must be closed separately. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
