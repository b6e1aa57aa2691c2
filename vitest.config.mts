import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Renderer tests opt into a DOM with a `@vitest-environment happy-dom` docblock.
    testTimeout: 20_000,
    pool: 'forks',
    // Bundles the photo check's worker thread once per run (Node 20 cannot start a .ts worker).
    globalSetup: ['tests/global-setup.ts'],
  },
});
