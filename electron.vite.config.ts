import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { PAGE_CSP } from './src/core/protocol/contentSecurityPolicy'

/**
 * Writes the pages' Content-Security-Policy meta tag right after their charset, before anything it
 * governs: the policy is defined once, in the core, and the HTML files carry none of their own.
 */
export function contentSecurityPolicyMeta(policy: string = PAGE_CSP): Plugin {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}" />`
  return {
    name: 'kiosk-csp-meta',
    transformIndexHtml(html, { filename }) {
      const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html)
      if (!charset) throw new Error(`${filename}: no <meta charset> to put the Content-Security-Policy after`)
      const at = charset.index + charset[0].length
      return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`
    }
  }
}

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
          technician: resolve('src/renderer/technician.html'),
          trainer: resolve('src/renderer/trainer.html'),
          statechart: resolve('src/renderer/statechart.html')
        }
      }
    },
    resolve: {
      // receiptline draws the screen receipt (src/shared/receiptSvg.ts); its Node-only dependencies stay out of the bundle.
      alias: Object.fromEntries(['iconv-lite', 'pngjs', 'stream', 'string_decoder'].map((name) => [name, resolve('src/renderer/src/receiptlineNodeOnly.ts')]))
    },
    plugins: [contentSecurityPolicyMeta(), vue()],
    // vue-i18n: Composition API only; no legacy API or devtools hooks in the kiosk bundle.
    define: { __VUE_I18N_LEGACY_API__: 'false', __VUE_I18N_FULL_INSTALL__: 'true', __INTLIFY_PROD_DEVTOOLS__: 'false' }
  }
})
