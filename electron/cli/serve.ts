import path from 'node:path';
import { ConfigError, defaultDataDir, loadConfig } from '../host/config';
import { createHost } from '../host/host';
import { startBrowserServer } from '../host/server/http-server';
import { createLogger } from '../host/log/logger';
import { startSystemdNotifier } from '../host/supervisor/systemd-notify';
import { version } from '../../package.json';

/**
 * The exit code of browser mode's daily restart (EX_TEMPFAIL): not 0, so that a unit with
 * Restart=on-failure starts it again as well as one with Restart=always.
 */
export const RESTART_EXIT_CODE = 75;

/** Browser mode: the host as a plain Node process, serving the renderer on 127.0.0.1. */
export async function serve(opts: { onReady?: (url: string) => void } = {}): Promise<void> {
  // As in Electron's main: the notify socket is ours alone, the pings come from this loop.
  const systemd = startSystemdNotifier({ env: process.env, pid: process.pid, ppid: process.ppid, log: createLogger() });
  // A plain Node process cannot bring its Chromium window back by itself, so the daily restart
  // is an exit that a supervisor turns into a start: only under a Type=notify unit, which is
  // set up for the kiosk (not INVOCATION_ID, which everything below any systemd service
  // inherits, a CI runner's tests included). `npm run serve` by hand never stops at 03:30.
  const supervised = systemd.supervised;
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
  // Set once the server is up; the host's daily restart cannot come before that.
  let stop: (code: number) => void = () => undefined;
  // __dirname is out/main (this is an entry bundle), where electron-vite also puts the photo worker.
  const host = await createHost(config, {
    photoWorkerScript: path.join(__dirname, 'photo-worker.js'),
    ...(supervised ? { restart: () => stop(RESTART_EXIT_CODE) } : {}),
  });
  const server = await startBrowserServer(host, {
    port: config.port,
    rendererDir: path.join(__dirname, '..', 'renderer'),
  });
  process.stdout.write(`Kiosk ready at ${server.url}\n`);
  opts.onReady?.(server.url);
  void systemd.ready();

  let stopping = false;
  stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .then(() => host.close())
      .finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Kiosk not started: ${message}\n`);
    process.exit(1);
  });
}
