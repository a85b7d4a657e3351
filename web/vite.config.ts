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
    // styled-components (under suomifi) outside production appends each component's CSS as text to
    // one <style>, and jsdom re-parses the whole sheet on every append: the first render of the app
    // shell took 2-5 s on a loaded machine and the first test of a file timed out about one run in
    // nine. Its "speedy" mode inserts rules through the CSSOM instead (as in production).
    env: { SC_DISABLE_SPEEDY: 'false' },
  },
});
