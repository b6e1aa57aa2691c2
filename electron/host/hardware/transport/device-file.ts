import { constants as fsConstants, promises as fsp } from 'node:fs';
import { TransportError, type ByteTransport } from './byte-transport';

/** Options of {@link openDeviceFileTransport}. */
export interface DeviceFileOptions {
  /** Read status bytes from the device (default true; only character devices and FIFOs are ever read). */
  readStatus?: boolean;
  /** How long to wait before writing again when the device has no room (default 10 ms). */
  retryMs?: number;
  /** How often to look for status bytes when the device has none (default 25 ms). */
  readPollMs?: number;
  /** A write that makes no progress for this long fails with `timeOut` (default 30 s). */
  writeTimeoutMs?: number;
}

// Read errors that mean "this driver or printer is not bidirectional": stop reading quietly.
const READ_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EISDIR', 'EBADF']);
// Errors that mean the device itself went away (printer unplugged, powered off).
const DEVICE_GONE = new Set(['ENODEV', 'ENXIO', 'EIO', 'ESHUTDOWN']);

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a printer device file such as `/dev/usb/lp0` read-write as a byte transport. */
export async function openDeviceFileTransport(path: string, opts: DeviceFileOptions = {}): Promise<ByteTransport> {
  const name = `file:${path}`;
  const retryMs = opts.retryMs ?? 10;
  const readPollMs = opts.readPollMs ?? 25;
  const writeTimeoutMs = opts.writeTimeoutMs ?? 30_000;
  // Non-blocking, because a blocking read on a printer that never answers would pin one of
  // libuv's four pool threads forever and a blocking write could never time out.
  // No O_CREAT: a missing device must fail, not become a regular file in /dev.
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, fsConstants.O_RDWR | fsConstants.O_NONBLOCK);
  } catch (error) {
    throw new TransportError(`Could not open ${name}: ${errorCode(error) ?? 'unknown error'}`, 'ioError');
  }
  let readable: boolean;
  try {
    const stat = await handle.stat();
    // A regular file has nothing to say back; reading it would only echo our own writes.
    readable = (opts.readStatus ?? true) && (stat.isCharacterDevice() || stat.isFIFO());
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw new TransportError(`Could not inspect ${name}: ${errorCode(error) ?? 'unknown error'}`, 'ioError');
  }

  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const closeListeners = new Set<(error?: Error) => void>();
  let open = true;
  let closing: Promise<void> | undefined;
  // fs writes on one descriptor run on the thread pool and may overtake each other: chain them.
  let writes: Promise<void> = Promise.resolve();

  const shutdown = (error?: Error): Promise<void> => {
    if (closing) return closing;
    open = false;
    closing = handle.close().then(
      () => undefined,
      () => undefined,
    );
    for (const listener of [...closeListeners]) listener(error);
    return closing;
  };

  const writeAll = async (data: Uint8Array): Promise<void> => {
    let offset = 0;
    let lastProgress = Date.now();
    while (offset < data.length) {
      if (!open) throw new TransportError(`${name} was closed during a write.`, 'closed');
      try {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
        offset += bytesWritten;
        if (bytesWritten > 0) {
          lastProgress = Date.now();
          continue;
        }
      } catch (error) {
        const code = errorCode(error);
        if (!open) throw new TransportError(`${name} was closed during a write.`, 'closed');
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') {
          const failure = new TransportError(`Write to ${name} failed: ${code ?? 'unknown error'}`, 'ioError');
          if (code !== undefined && DEVICE_GONE.has(code)) void shutdown(failure);
          throw failure;
        }
      }
      // The printer's buffer is full (paper out, cover open, or just busy): wait, but not forever.
      if (Date.now() - lastProgress >= writeTimeoutMs) {
        throw new TransportError(`${name} accepted no data for ${writeTimeoutMs} ms.`, 'timeOut');
      }
      await delay(retryMs);
    }
  };

  const readLoop = async (): Promise<void> => {
    const buffer = new Uint8Array(256);
    while (open) {
      let bytesRead = 0;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        const code = errorCode(error);
        if (!open) return;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
          await delay(readPollMs);
          continue;
        }
        if (code !== undefined && READ_UNSUPPORTED.has(code)) return;
        await shutdown(new TransportError(`Read from ${name} failed: ${code ?? 'unknown error'}`, 'ioError'));
        return;
      }
      if (bytesRead === 0) {
        await delay(readPollMs);
        continue;
      }
      const chunk = buffer.slice(0, bytesRead);
      for (const listener of [...dataListeners]) listener(chunk);
    }
  };
  if (readable) void readLoop();

  return {
    name,
    write(data) {
      if (!open) return Promise.reject(new TransportError(`${name} is closed.`, 'closed'));
      const run = writes.then(() => writeAll(data));
      writes = run.catch(() => undefined);
      return run;
    },
    onData(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close: () => shutdown(),
  };
}
