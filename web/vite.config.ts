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
    // Suomi.fi's date input makes a dashboard's first render slow in jsdom on a busy machine.
    testTimeout: 30000,
    css: false,
  },
});
