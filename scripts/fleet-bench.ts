/**
 * `npm run bench:fleet -- [--seconds S] [--kiosks 1,8,64]`: top-ups per second that the simulated
 * host sustains with 1, 8 and 64 headless kiosks on this machine (docs/benchmarks.md, "fleet").
 * The host runs in this process on a fresh data folder; each size runs S seconds (default 20).
 * Besides the rate it prints the process's CPU seconds per top-up (kiosks and host together), which
 * moves less than wall-clock figures when others share the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseScriptArgs } from './scriptArgs'
import { runFleet } from '../src/hostServer/fleet/fleet'
import { startStandaloneHost } from '../src/hostServer/standalone'

const { values } = parseScriptArgs({ options: { seconds: { type: 'string', default: '20' }, kiosks: { type: 'string', default: '1,8,64' } } })
const seconds = Number(values.seconds)
const sizes = values.kiosks.split(',').map(Number)
if (!Number.isInteger(seconds) || seconds < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('--seconds: whole seconds, at least 1; --kiosks: whole numbers, e.g. 1,8,64')
  process.exit(2)
}

const CARDS = 5000
console.log(`fleet bench: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${seconds} s per size, load average ${loadAverage()}`)
console.log('kiosks | top-ups/s | completed | flagged | credit p50 / p99 ms | CPU s per 100 top-ups | audit')
let clean = true
for (const kiosks of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-bench-'))
  const host = await startStandaloneHost({ dataDir: dir, port: 0, fleetCardCount: CARDS })
  const cpu = process.cpuUsage()
  const r = await runFleet({ url: host.url, kiosks, durationMs: seconds * 1000, seed: 19, cardCount: CARDS })
  const used = process.cpuUsage(cpu)
  await host.close()
  rmSync(dir, { recursive: true, force: true })
  const cpuPer100 = r.completed > 0 ? (((used.user + used.system) / 1e6) * 100) / r.completed : NaN
  const audit = r.lost === 0 && r.doubled === 0 && r.violations.length === 0 ? 'clean' : `${r.lost} lost, ${r.doubled} doubled`
  clean &&= audit === 'clean'
  const { p50, p99 } = r.creditLatencyMs
  console.log(`${kiosks} | ${r.topUpsPerSecond} | ${r.completed} | ${r.flagged} | ${p50} / ${p99} | ${cpuPer100.toFixed(2)} | ${audit}`)
}
process.exit(clean ? 0 : 1)

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
}
