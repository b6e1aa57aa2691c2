import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The screen gallery: the kiosk's App, its real styles, every screen example and variant from
 * the renderer's tests, driven by a fake host. Built for the end-to-end tests only, into
 * out/gallery; never part of what ships.
 */
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  logLevel: 'error',
  build: {
    outDir: resolve(here, '../../../out/gallery'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 10_000,
  },
});
