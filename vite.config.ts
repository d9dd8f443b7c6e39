import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    // Modern evergreen browsers only (wall tablets run current Chrome/Safari); keeps output lean.
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npm run dev` proxies the broker so the default "same origin /mqtt" works with `npm start` beside it.
    proxy: { '/mqtt': { target: 'ws://localhost:8080', ws: true } },
  },
  test: {
    // Playwright specs live in e2e/ and must never be picked up by vitest.
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    environment: 'node',
    benchmark: { include: ['src/**/*.bench.ts'] },
    restoreMocks: true,
    // CI also writes a JSON report for scripts/test-summary.ts (reports/, not test-results/,
    // which Playwright empties when it starts).
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/unit-results.json' },
  },
});
