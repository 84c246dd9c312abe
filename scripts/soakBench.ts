/**
 * `npm run bench:soak [-- --sessions N --every K --warm-up W --stores window|memory]`: N customer
 * sessions (10 000 unless told) on one kiosk in one process, on a virtual clock: cash in tenge and
 * foreign notes, bank cards, cancels and a few faults (scripts/soakBenchSessions.ts). The heap
 * (after two full collections: run with --expose-gc, as the npm script does) is sampled every K
 * sessions. Verdict: the heap at the end no more than 5 % above the heap at the end of the warm-up
 * (W sessions); exit 1 otherwise. The highest sample is shown too (V8's compiled code comes and
 * goes by a few per cent).
 *
 * What the heap holds by design is kept out of it (`--stores window`, the default): the journal
 * keeps its last 200 records in memory (a kiosk's journal keeps the rest on disk) and the simulated
 * host's cards and applied credits are in SQLite in memory (the processing centre's database, not
 * the kiosk's heap). `--stores memory` runs MemoryJournal and MemoryCardStore instead, to see what
 * they hold per session. docs/benchmarks.md says how to read it.
 */
import { cpus } from 'node:os'
import { getHeapSpaceStatistics } from 'node:v8'
import { parseScriptArgs } from './scriptArgs'
import { VirtualClock } from '../src/core/clock'
import { loadConfig } from '../src/core/config'
import { MemoryCardStore } from '../src/core/devices/host'
import { MemoryJournal } from '../src/core/journal'
import { Kiosk } from '../src/core/kiosk'
import { SqliteCardStore } from '../src/node/sqliteCardStore'
import { WindowJournal } from './soakBenchJournal'
import { playSession, soakCards } from './soakBenchSessions'
import { wholeNumberOption } from './wholeNumberOption'

/** How far above the heap at the end of the warm-up the heap at the end may be. */
const TOLERANCE = 0.05

const { values } = parseScriptArgs({
  options: {
    sessions: { type: 'string', default: '10000' },
    every: { type: 'string', default: '1000' },
    'warm-up': { type: 'string', default: '1000' },
    stores: { type: 'string', default: 'window' }
  }
})
const sessions = wholeNumberOption('sessions', values.sessions)
const every = wholeNumberOption('every', values.every)
const warmUp = wholeNumberOption('warm-up', values['warm-up'])
if (warmUp % every !== 0 || warmUp >= sessions) {
  console.error(`--warm-up: expected a multiple of --every (${every}) below --sessions (${sessions}), got ${warmUp}`)
  process.exit(2)
}
if (values.stores !== 'window' && values.stores !== 'memory') {
  console.error(`--stores: expected "window" or "memory", got "${values.stores}"`)
  process.exit(2)
}
const collect = globalThis.gc
if (!collect) {
  console.error('soak: run with node --expose-gc (npm run bench:soak does)')
  process.exit(2)
}

/**
 * The heap in use once garbage is gone (two collections: the second frees what the first's
 * finalizers released), and how much of it is V8's compiled code (its code and trusted spaces:
 * machine code, bytecode, deoptimisation data), which grows and shrinks as functions get hot.
 */
function heapUsed(): { heap: number; code: number } {
  collect!()
  collect!()
  const code = getHeapSpaceStatistics()
    .filter((space) => /code|trusted/.test(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0)
  return { heap: process.memoryUsage().heapUsed, code }
}

const clock = new VirtualClock(Date.UTC(2026, 0, 15, 6))
const cards = soakCards()
const inMemory = values.stores === 'memory'
const journal = inMemory ? new MemoryJournal() : new WindowJournal()
const store = inMemory ? new MemoryCardStore(cards) : new SqliteCardStore(':memory:', cards)
// A cassette that never fills: collections are not what the soak is about.
const config = loadConfig({ devices: { billValidator: { stackerCapacity: 1_000_000 } } })
const kiosk = new Kiosk({ config, clock, journal, cards: store })

const kinds = new Map<string, number>()
const series: { sessions: number; heap: number; code: number }[] = [{ sessions: 0, ...heapUsed() }]
const mb = (bytes: number) => (bytes / 1e6).toFixed(2)
const cpuStart = process.cpuUsage()
const wallStart = process.hrtime.bigint()
console.log(`soak: ${sessions} sessions, heap sampled every ${every}, warm-up ${warmUp}; stores: ${values.stores}`)
console.log(`${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`)
console.log(`sessions      heap MB   of which V8 code   vs warm-up`)
for (let i = 0; i < sessions; i++) {
  const kind = await playSession(kiosk, clock, i, cards[i % cards.length]!.number)
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  if ((i + 1) % every !== 0) continue
  const sample = { sessions: i + 1, ...heapUsed() }
  series.push(sample)
  const base = series.find((s) => s.sessions === warmUp)?.heap
  const versus = base === undefined || sample.sessions === warmUp ? '' : `${((sample.heap / base - 1) * 100).toFixed(1).padStart(6)} %`
  console.log(
    `${String(sample.sessions).padStart(8)} ${mb(sample.heap).padStart(10)} ${mb(sample.code).padStart(14)}     ${versus}${sample.sessions === warmUp ? '  (end of the warm-up)' : ''}`
  )
}
const seconds = Number(process.hrtime.bigint() - wallStart) / 1e9
const cpu = process.cpuUsage(cpuStart)
kiosk.stop()

const { heap: base, code: baseCode } = series.find((s) => s.sessions === warmUp)!
const after = series.filter((s) => s.sessions > warmUp)
const worst = after.reduce((a, b) => (b.heap > a.heap ? b : a))
const last = after.at(-1)!
const perSession = (last.heap - base) / (last.sessions - warmUp)
console.log(`kinds: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`)
console.log(
  `time: ${seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (${((cpu.user + cpu.system) / 1e3 / sessions).toFixed(1)} ms CPU a session)`
)
console.log(`journal records: ${inMemory ? (journal as MemoryJournal).tail(1)[0]?.seq : (journal as WindowJournal).appended}`)
console.log(
  `heap at the end of the warm-up ${mb(base)} MB, last ${mb(last.heap)} MB (${perSession.toFixed(0)} bytes a session; V8 code ${mb(baseCode)} → ${mb(last.code)} MB), highest ${mb(worst.heap)} MB at ${worst.sessions}`
)
const growth = last.heap / base - 1
const ok = growth <= TOLERANCE
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
console.log(
  `verdict: ${ok ? 'holds' : 'GROWS'}: heap at the end ${pct(growth)} against the end of the warm-up (limit +${TOLERANCE * 100} %; highest sample ${pct(worst.heap / base - 1)})`
)
process.exit(ok ? 0 : 1)
