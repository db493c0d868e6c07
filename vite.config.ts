import { defineConfig } from 'vite';

/**
 * The web app (src/web) builds to dist/web, which the server serves with an SPA fallback.
 * Vite 8 compiles TSX itself (oxc), so no React plugin is needed. `npm run dev` runs the API on
 * :3000; `npx vite` serves the app on :5173 and proxies /api there.
 */
export default defineConfig({
  root: 'src/web',
  base: '/',
  publicDir: false,
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Mantine marks its modules "use client" (for React Server Components): harmless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
