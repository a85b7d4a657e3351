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
    css: false,
    // CI runs on 2 shared cores: a first render that imports suomifi can take seconds there.
    testTimeout: 20000,
  },
});
