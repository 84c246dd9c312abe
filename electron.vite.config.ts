import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } }
    }
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // Sandboxed preloads cannot load ES modules: ship one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/renderer/index.html'),
          technician: resolve('src/renderer/technician.html')
        }
      }
    },
    resolve: {
      // receiptline draws the screen receipt (src/shared/receiptSvg.ts); its Node-only dependencies stay out of the bundle.
      alias: Object.fromEntries(['iconv-lite', 'pngjs', 'stream', 'string_decoder'].map((name) => [name, resolve('src/renderer/src/receiptlineNodeOnly.ts')]))
    },
    plugins: [vue()],
    // vue-i18n: Composition API only; no legacy API or devtools hooks in the kiosk bundle.
    define: { __VUE_I18N_LEGACY_API__: 'false', __VUE_I18N_FULL_INSTALL__: 'true', __INTLIFY_PROD_DEVTOOLS__: 'false' }
  }
})
