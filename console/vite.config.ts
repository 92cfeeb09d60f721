import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The console is served by leadflow itself at /console/ (src/http/console-routes.ts), so it
// calls /api/v1 on its own origin. `npm run console:dev` proxies the API to a running leadflow.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
  server: {
    proxy: { '/api': process.env.LEADFLOW_URL ?? 'http://127.0.0.1:8080' },
  },
})
