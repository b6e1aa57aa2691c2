import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each built script and style sheet, so
 * that browser mode's server sends them compressed without compressing on the host's thread.
 * (Electron loads the plain files from disk; packaging leaves the copies out.) A dozen lines of
 * node:zlib, where a plugin would bring its own options and versions to follow.
 */
function precompress(): Plugin {
  return {
    name: 'kiosk-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const br = promisify(brotliCompress);
      const gz = promisify(gzip);
      // On zlib's thread pool, every file at once.
      await Promise.all(
        Object.entries(bundle)
          .filter(([fileName]) => /\.(js|css)$/.test(fileName))
          .flatMap(([fileName, item]) => {
            const source = Buffer.from(item.type === 'chunk' ? item.code : item.source);
            const file = resolve(options.dir!, fileName);
            return [
              br(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).then((out) => writeFile(`${file}.br`, out)),
              gz(source, { level: 9 }).then((out) => writeFile(`${file}.gz`, out)),
            ];
          }),
      );
    },
  };
}

// package.json stays CommonJS so that main and the sandboxed preload are emitted as CommonJS.
const root = __dirname;

export default defineConfig({
  main: {
    build: {
      // Dependencies stay in node_modules (better-sqlite3 is native); this is the default,
      // spelled out because serve.js and start.js rely on it too.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // Browser mode and the launcher: plain Node entry points that never import 'electron'.
          serve: resolve(root, 'electron/cli/serve.ts'),
          start: resolve(root, 'electron/cli/start.ts'),
          'audit-verify': resolve(root, 'electron/cli/audit-verify.ts'),
          'keys-reset': resolve(root, 'electron/cli/keys-reset.ts'),
          'staff-setup': resolve(root, 'electron/cli/staff-setup.ts'),
          // The photo check's worker thread: its own file, found by the host next to the entries.
          'photo-worker': resolve(root, 'electron/host/photo/photo-worker.ts'),
        },
        output: { format: 'cjs' },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require 'electron', so the contract and zod must be
      // bundled into it rather than left as require() calls.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs work both from file:// (Electron) and from / (browser mode).
    base: './',
    plugins: [react(), precompress()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Shipped minified; the source map is made only for the bench's list of the biggest modules.
      minify: true,
      sourcemap: process.env.KIOSK_BUNDLE_REPORT === '1',
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
