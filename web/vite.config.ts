/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the ASP.NET app's static files; relative base so it works when served at `/`.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: '../src/ProjectLedger/wwwroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:5000',
      '/hubs': { target: 'http://localhost:5000', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    // Two shared cores under several test runs: the default 5 s timed out tests that pass alone.
    testTimeout: 20_000,
    css: false,
  },
});
