import { SerialPort } from 'serialport';
import { TransportError, type ByteTransport } from './byte-transport';

/** What opens a serial port; tests pass serialport's SerialPortMock. */
export type SerialPortClass = new (options: { path: string; baudRate: number; autoOpen: false }) => SerialPort;

/** Opens a serial port (USB ID-card readers and many printers appear as one). */
export function openSerialTransport(path: string, baudRate: number, Port: SerialPortClass = SerialPort): Promise<ByteTransport> {
  const name = `serial:${path}`;
  const port = new Port({ path, baudRate, autoOpen: false });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(new TransportError(`Could not open ${name}: ${error.message}`, 'ioError'));
        return;
      }
      const closeListeners = new Set<(error?: Error) => void>();
      port.on('close', (err?: Error) => {
        for (const listener of closeListeners) listener(err ?? undefined);
      });
      resolve({
        name,
        write: (data) =>
          new Promise((res, rej) => {
            port.write(Buffer.from(data), (err) => {
              if (err) rej(new TransportError(`Write to ${name} failed: ${err.message}`, 'ioError'));
              else port.drain(() => res());
            });
          }),
        onData(listener) {
          const wrapped = (chunk: Buffer) => listener(new Uint8Array(chunk));
          port.on('data', wrapped);
          return () => port.off('data', wrapped);
        },
        onClose(listener) {
          closeListeners.add(listener);
          return () => closeListeners.delete(listener);
        },
        close: () =>
          new Promise((res) => {
            if (!port.isOpen) return res();
            port.close(() => res());
          }),
      });
    });
  });
}
