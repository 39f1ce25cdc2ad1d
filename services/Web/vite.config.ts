import { defineConfig } from 'vite';

// The pages are served by the Host (standalone) and the gateway (distributed) from the same address
// as the API, so every request is same-origin. `npm run dev` proxies the API to a running Host.
const api = 'http://127.0.0.1:5080';
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is ~500 kB minified; it loads only with the county dashboard.
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(['/grids', '/incidents', '/dispatch', '/open311', '/health', '/auth'].map((p) => [p, api])),
  },
});
