import net from 'node:net';
import { TransportError, type ByteTransport } from './byte-transport';

/** Opens a TCP link to a device (a receipt printer's raw port 9100, say). */
export function openTcpTransport(host: string, port: number, opts: { connectTimeoutMs?: number } = {}): Promise<ByteTransport> {
  const name = `tcp:${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError(`Could not connect to ${name} in time.`, 'timeOut'));
    }, opts.connectTimeoutMs ?? 3000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new TransportError(`Could not connect to ${name}: ${error.message}`, 'ioError'));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socketTransport(socket, name));
    });
  });
}

function socketTransport(socket: net.Socket, name: string): ByteTransport {
  const closeListeners = new Set<(error?: Error) => void>();
  let lastError: Error | undefined;
  socket.on('error', (error) => (lastError = error));
  socket.on('close', () => {
    for (const listener of closeListeners) listener(lastError);
  });
  return {
    name,
    write: (data) =>
      new Promise((resolve, reject) => {
        socket.write(data, (error) => (error ? reject(new TransportError(`Write to ${name} failed: ${error.message}`, 'ioError')) : resolve()));
      }),
    onData(listener) {
      const wrapped = (chunk: Buffer) => listener(new Uint8Array(chunk));
      socket.on('data', wrapped);
      return () => socket.off('data', wrapped);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.destroyed) return resolve();
        socket.end(() => resolve());
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 500).unref();
      }),
  };
}
