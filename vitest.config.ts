import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A test that silently skips is a failing test.
    allowOnly: false,
    passWithNoTests: false,
  },
});
