/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` proxies the API to `guanxi serve` on its default address.
const api = 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  define: {
    // vue-i18n: Composition API only, no devtools in production bundles.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
    },
  },
  build: {
    // Hashed files go to dist/assets/ (the server caches /assets/* for a long time
    // and answers index.html for every other unknown non-/api path).
    outDir: 'dist',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1024,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
