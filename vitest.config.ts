import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  test: {
    // node:sqlite announces itself as experimental in every worker; the notice is noise in test output.
    execArgv: ['--disable-warning=ExperimentalWarning'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/renderer/**', 'tests/e2e/**'], environment: 'node' }
      },
      {
        extends: true,
        test: { name: 'components', include: ['tests/renderer/**/*.test.ts'], environment: 'happy-dom' }
      },
      {
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false }
      }
    ]
  }
})
