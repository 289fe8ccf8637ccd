import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the browser pages (playground, explorer and dashboard) for public/build/, which the server serves at /build.
 * Run it through `npm run build:web` (scripts/build-web.ts): that builds into a fresh folder and swaps it in.
 */
const webDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webDir,
  base: '/build/',
  // Nothing is copied as is: the server serves the favicon and GraphiQL's files itself.
  publicDir: false,
  build: {
    outDir: path.resolve(webDir, '../public/build'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Every browser that runs GraphiQL supports modulepreload: no polyfill.
    modulePreload: { polyfill: false },
    // Cytoscape and its layout are most of the explorer's bundle and are needed at once.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        playground: path.join(webDir, 'playground.html'),
        explore: path.join(webDir, 'explore.html'),
        dashboard: path.join(webDir, 'dashboard.html'),
      },
    },
  },
});
