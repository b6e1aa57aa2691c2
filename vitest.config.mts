import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Renderer tests opt into a DOM with a `@vitest-environment happy-dom` docblock.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
