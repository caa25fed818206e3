import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

// form-js' editor pins preact <=10.15.1 while its viewer (which the editor renders inside itself) takes any
// 10.x and would pick up the newer copy diagram-js brings: two preact instances break hooks. Every import of
// preact from form-js resolves to the editor's copy, so viewer and editor share one.
function formJsPreact(): Plugin {
  // resolving as if imported by the editor finds the editor's own (nested) preact
  const editorEntry = resolve(__dirname, 'node_modules/@bpmn-io/form-js-editor/dist/index.es.js');
  return {
    name: 'form-js-single-preact',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/[\\/]@bpmn-io[\\/]form-js-(viewer|editor)[\\/]/.test(importer)) return null;
      if (source !== 'preact' && !source.startsWith('preact/')) return null;
      return this.resolve(source, editorEntry, { ...options, skipSelf: true });
    },
  };
}

// Two pages: the app shell and the login page. `npm run dev` proxies the API to a server on :8080.
export default defineConfig({
  plugins: [formJsPreact()],
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
