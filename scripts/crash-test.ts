/**
 * `npm run test:crash -- [--kills N] [--seed S] [--keep] [--http]`: the crash-test harness
 * (tests/crash/harness.ts, docs/reliability.md). --http: the kiosk credits cards on the HTTP host
 * (docs/host-api.md), half its lives killed with a credit in flight. Exits 1 when any tenge was lost or doubled.
 */
import { parseScriptArgs } from './scriptArgs'
import { formatCrashResult, runCrashTest } from '../tests/crash/harness'

const { values } = parseScriptArgs({
  options: {
    kills: { type: 'string', default: '200' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
    http: { type: 'boolean', default: false }
  }
})
const kills = Number(values.kills)
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed)
if (!Number.isInteger(kills) || kills < 1) {
  console.error(`--kills: expected a whole number of kills of at least 1, got "${values.kills}"`)
  process.exit(2)
}
if (!Number.isInteger(seed) || seed < 0) {
  console.error(`--seed: expected a whole number of at least 0, got "${values.seed}"`)
  process.exit(2)
}
const result = await runCrashTest({ kills, seed, keep: values.keep, http: values.http, log: (line) => console.log(line) })
console.log(formatCrashResult(result))
process.exit(result.violations.length === 0 ? 0 : 1)
