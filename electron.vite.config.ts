import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

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
    plugins: [react()],
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
