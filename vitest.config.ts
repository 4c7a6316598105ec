import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __HERALD_VERSION__: JSON.stringify('test') },
  test: {
    include: ['src/**/*.test.ts', 'widgets/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
