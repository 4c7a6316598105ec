import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __HERALD_VERSION__: JSON.stringify('test'), __HINTS__: 'true' },
  test: {
    include: ['src/**/*.test.ts', 'widgets/**/*.test.ts', 'scripts/**/*.test.ts', 'demo/**/*.test.{js,mjs}'],
    environment: 'node',
  },
});
