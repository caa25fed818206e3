import { defineConfig } from 'vite';

// Builds the benchmark page into bench/dist (npm run bench does this, then drives it in Chromium).
export default defineConfig({
  root: __dirname,
  base: './',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
