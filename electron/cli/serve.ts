import path from 'node:path';
import { ConfigError, defaultDataDir, loadConfig } from '../host/config';
import { createHost } from '../host/host';
import { startBrowserServer } from '../host/server/http-server';
import { version } from '../../package.json';

/** Browser mode: the host as a plain Node process, serving the renderer on 127.0.0.1. */
export async function serve(opts: { onReady?: (url: string) => void } = {}): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { dataDir: defaultDataDir(), version });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Kiosk not started: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // __dirname is out/main (this is an entry bundle), where electron-vite also puts the photo worker.
  const host = await createHost(config, { photoWorkerScript: path.join(__dirname, 'photo-worker.js') });
  const server = await startBrowserServer(host, {
    port: config.port,
    rendererDir: path.join(__dirname, '..', 'renderer'),
  });
  process.stdout.write(`Kiosk ready at ${server.url}\n`);
  opts.onReady?.(server.url);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .then(() => host.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Kiosk not started: ${message}\n`);
    process.exit(1);
  });
}
