import { defineConfig } from 'vitest/config';

// Synthesising a stack takes a few seconds, more on a busy machine.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], hookTimeout: 60_000, testTimeout: 30_000 },
});
