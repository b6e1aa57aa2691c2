import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Renderer tests opt into a DOM with a `@vitest-environment happy-dom` docblock.
    testTimeout: 20_000,
    pool: 'forks',
    // One fork per core. Vitest's default leaves a core to itself (availableParallelism - 1),
    // which on a 2-core CI machine means one fork and every file in turn; the forks spend most
    // of their time loading modules, so the main process keeps up with one per core.
    maxWorkers: availableParallelism(),
    // Bundles the photo check's worker thread once per run (Node 20 cannot start a .ts worker).
    globalSetup: ['tests/global-setup.ts'],
  },
});
