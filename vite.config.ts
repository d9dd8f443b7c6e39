import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { mqttNextTick } from './vite/mqtt-next-tick.ts';

export default defineConfig({
  plugins: [
    react(),
    // MQTT.js writes on a timer tick that waits for the next frame: a microtask instead.
    mqttNextTick(),
    // Installable, and the app shell comes from the service worker: a wall tablet reloads
    // instantly and still opens (and says it is offline) when the server is down.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Tafel — MQTT dashboard',
        short_name: 'Tafel',
        description: 'An MQTT dashboard for wall tablets, phones and desktops.',
        theme_color: '#1f6feb',
        background_color: '#14161a',
        display: 'standalone',
        display_override: ['fullscreen', 'standalone'],
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Every chunk (MQTT.js, recharts) in the cache, so the shell works offline.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The broker, the health check and the recorder's API are the server's, never the cache's.
        navigateFallbackDenylist: [/^\/mqtt/, /^\/healthz/, /^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  // The live worker (src/mqtt/live-worker.ts) is a module worker: it shares chunks (MQTT.js)
  // and loads MQTT.js lazily like the page did.
  worker: { format: 'es', plugins: () => [mqttNextTick()] },
  build: {
    // Modern evergreen browsers only (wall tablets run current Chrome/Safari); keeps output lean.
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npm run dev` proxies the broker so the default "same origin /mqtt" works with `npm start` beside it.
    proxy: { '/mqtt': { target: 'ws://localhost:8080', ws: true } },
  },
  // The dev server's dependency pre-bundling would skip the mqtt-next-tick transform; the
  // browser bundle is ESM already.
  optimizeDeps: { exclude: ['mqtt'] },
  test: {
    // Playwright specs live in e2e/ and must never be picked up by vitest.
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'vite/**/*.test.ts'],
    environment: 'node',
    benchmark: { include: ['src/**/*.bench.ts'] },
    restoreMocks: true,
    // CI also writes a JSON report for scripts/test-summary.ts (reports/, not test-results/,
    // which Playwright empties when it starts).
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/unit-results.json' },
  },
});
