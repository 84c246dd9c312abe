/**
 * `npm run bench:walks [-- --seeds 1-10 --generator G]`: how long a quick-random walk under every
 * drill profile takes to cover everything outside tests/coverage-allowlist.json, seed by seed, and
 * how many legs and steps it writes. One seed after another in this process: the wall clock, and
 * the process's CPU time (what a loaded machine does not distort). docs/testing.md and
 * docs/benchmarks.md have the figures from the development VM.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseScriptArgs } from './scriptArgs'
import { coverageTotals, parseAllowList } from '../src/core/coverage'
import { parseGenerator } from '../src/core/testing/generator'
import { DRILL_PROFILES } from '../src/core/testing/profiles'
import { walk } from '../src/core/testing/walk'

const { values } = parseScriptArgs({
  options: { seeds: { type: 'string', default: '1-10' }, generator: { type: 'string', default: 'quickRandom(transitions(100))' } }
})
const range = /^(\d+)(?:-(\d+))?$/.exec(values.seeds)
if (!range) {
  console.error(`--seeds: expected N or N-M, got "${values.seeds}"`)
  process.exit(2)
}
const first = Number(range[1])
const last = Number(range[2] ?? range[1])
const spec = parseGenerator(values.generator)
const allow = parseAllowList(JSON.parse(readFileSync(join(import.meta.dirname, '../tests/coverage-allowlist.json'), 'utf8')))

console.log(`${values.generator}, every drill profile, outside the allow-list`)
console.log('seed  seconds  cpu s  stopped by   legs  steps   states  transitions        taken  replayed  kiosks')
const times: number[] = []
const cpuTimes: number[] = []
for (let seed = first; seed <= last; seed++) {
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  // What the walk did to get there: actions taken, actions replayed to go back, kiosks started.
  const work = { taken: 0, replayed: 0, kiosks: 0 }
  const hooks = {
    afterAction: () => void work.taken++,
    freshKiosk: (_runner: unknown, replayed: readonly object[]) => {
      work.kiosks++
      work.replayed += replayed.filter((s) => 'do' in s).length
    }
  }
  const result = await walk({ spec, seed, profiles: DRILL_PROFILES, allow, now: () => performance.now(), hooks })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuStarted)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  times.push(seconds)
  cpuTimes.push(cpuSeconds)
  const totals = coverageTotals(result.coverage, allow)
  const steps = result.paths.reduce((n, p) => n + p.scenario.steps.filter((s) => 'do' in s).length, 0)
  const columns = [
    String(seed).padStart(4),
    seconds.toFixed(1).padStart(7),
    cpuSeconds.toFixed(1).padStart(5),
    result.stoppedBy.padEnd(11),
    String(result.paths.length).padStart(4),
    String(steps).padStart(6),
    `${totals.states.percent} %`.padStart(7),
    `${totals.transitions.covered}/${totals.transitions.total} (${totals.transitions.percent} %)`.padEnd(17),
    String(work.taken).padStart(6),
    String(work.replayed).padStart(8),
    String(work.kiosks).padStart(6)
  ]
  console.log(columns.join('  '))
  for (const item of totals.uncovered) console.log(`      not covered: ${item}`)
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!
const [wall, cpu] = [median(times).toFixed(1), median(cpuTimes).toFixed(1)]
console.log(`median ${wall} s (CPU ${cpu} s), longest ${Math.max(...times).toFixed(1)} s (CPU ${Math.max(...cpuTimes).toFixed(1)} s)`)
