import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Two pages: the app shell and the login page. `npm run dev` proxies the API to a server on :8080.
export default defineConfig({
  build: {
    // bpmn-js with its properties panel is one large chunk, loaded only when a diagram is opened (the pages
    // import it dynamically); login and the lists stay small.
    chunkSizeWarningLimit: 2000,
    // The server's Content-Security-Policy allows fonts from 'self' only: never inline them as data: URLs.
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|eot|svg)$/.test(file) ? false : undefined),
    rollupOptions: {
      input: {
        index: resolve(__dirname, 'index.html'),
        login: resolve(__dirname, 'login.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/process-api': 'http://localhost:8080',
      '/login': 'http://localhost:8080',
      '/logout': 'http://localhost:8080',
    },
  },
});
