import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import vue from '@vitejs/plugin-vue'

/**
 * The slowest files, slowest first (docs/benchmarks.md, "The CI suite's time"): started first, they
 * do not end up alone at the end of the run while the other worker idles. On a clean clone vitest
 * has no durations of earlier runs and would start the largest files first instead.
 */
const SLOWEST_FIRST = [
  'tests/e2e/screens.e2e.test.ts',
  'tests/cli/coverageCommand.test.ts',
  'tests/crash/crash.test.ts',
  'tests/e2e/screenPaths.e2e.test.ts',
  'tests/core/generatorWalks.test.ts',
  'tests/cli/onlineLive.test.ts',
  'tests/model/coverageGate.test.ts',
  'tests/e2e/serviceScreens.e2e.test.ts',
  'tests/cli/cli.test.ts',
  'tests/e2e/training.e2e.test.ts',
  'tests/core/serviceMode.test.ts',
  'tests/renderer/technician.test.ts'
]

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`))
      return i === -1 ? SLOWEST_FIRST.length : i
    }
    // Array.prototype.sort is stable: the others keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}

export default defineConfig({
  plugins: [vue()],
  test: {
    // node:sqlite announces itself as experimental in every worker; the notice is noise in test output.
    execArgv: ['--disable-warning=ExperimentalWarning'],
    // Vitest's default is one worker fewer than the CPUs: on CI's 2 cores, one file at a time. The main process only
    // collects results, so two workers keep both cores busy. (Three, to fill the time browser tests wait on Chromium, made
    // the browser tests miss their real-time deadlines on the clean-clone run: docs/benchmarks.md.)
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        extends: true,
        // Two files run at once on CI's two cores: a CPU-bound test (fast-check properties, scrypt) may take twice
        // its time alone, so the default 5 s per test is raised; a test's own timeout still applies.
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/renderer/**', 'tests/e2e/**'], environment: 'node', testTimeout: 30_000 }
      },
      {
        extends: true,
        test: { name: 'components', include: ['tests/renderer/**/*.test.ts'], environment: 'happy-dom' }
      },
      {
        // One browser-test file at a time, after the others: each drives its own Chromium with many pages at once, and a
        // click must reach the kiosk within the harness's real-time deadlines. Beside the unit tests (or under another
        // load) clicks missed their 5 s on the clean-clone runs (docs/benchmarks-ci.md).
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false }
      }
    ]
  }
})
