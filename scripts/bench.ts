/**
 * `npm run bench [-- --sessions N --dir PATH]`: the durable journal's throughput with the whole
 * core running (XState machines, devices, money rules, hash chain, card references) beside a bare
 * node:sqlite insert loop with the same pragmas (WAL, synchronous=FULL, one commit per record) on
 * the same disk, in one run. The simulated host keeps its cards in memory here: it stands for the
 * processing centre, whose database is not on the kiosk's disk. A warm-up run goes first (JIT,
 * SQLite caches) and is not counted. Then the scenario runner's steps per second at 1 000, 5 000
 * and 20 000 steps (scripts/scenarioBench.ts), and the core's customer intents per second against XState's own event
 * rate (scripts/coreBench.ts). docs/benchmarks.md says how to read them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseScriptArgs } from './scriptArgs'
import { VirtualClock } from '../src/core/clock'
import { loadConfig } from '../src/core/config'
import type { CardRecord } from '../src/core/cards'
import { MemoryCardStore } from '../src/core/devices/host'
import { Kiosk } from '../src/core/kiosk'
import { openDurableDatabase } from '../src/node/sqlite'
import { SqliteJournal } from '../src/node/sqliteJournal'
import { coreBench } from './coreBench'
import { scenarioBench } from './scenarioBench'
import { wholeNumberOption } from './wholeNumberOption'

const { values } = parseScriptArgs({ options: { sessions: { type: 'string', default: '300' }, dir: { type: 'string' } } })
const sessions = wholeNumberOption('sessions', values.sessions)
const base = mkdtempSync(join(values.dir ?? tmpdir(), 'kiosk-bench-'))

/** The whole core: tap, amount, cash, three tenge notes, confirm, card written, receipt. */
async function coreRun(dir: string, sessions: number): Promise<{ records: number; sessions: number; seconds: number }> {
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 6))
  const journal = new SqliteJournal(join(dir, 'journal.sqlite'))
  const cards: CardRecord[] = Array.from({ length: 100 }, (_, i) => ({
    number: `9398${String(8_000_000_000 + i).padStart(12, '0')}`,
    balanceKzt: 0,
    status: 'active'
  }))
  // A cassette that never fills: the bench measures throughput, not the stacker-full drill.
  const config = loadConfig({ devices: { billValidator: { stackerCapacity: 1_000_000 } } })
  const kiosk = new Kiosk({ config, clock, journal, cards: new MemoryCardStore(cards) })
  const step = async (intent: Parameters<Kiosk['send']>[0], ms: number) => {
    kiosk.send(intent)
    await clock.advance(ms)
  }
  const before = journal.tail(1)[0]?.seq ?? 0
  const start = process.hrtime.bigint()
  for (let i = 0; i < sessions; i++) {
    const card = cards[i % cards.length]!.number
    await step({ type: 'tapCard', number: card }, 400)
    await step({ type: 'chooseAmount', kzt: 1500 }, 10)
    await step({ type: 'payCash' }, 10)
    await step({ type: 'insertBill', currency: 'KZT', value: 1000 }, 700)
    await step({ type: 'insertBill', currency: 'KZT', value: 200 }, 700)
    await step({ type: 'insertBill', currency: 'KZT', value: 500 }, 700)
    await step({ type: 'confirm' }, 2_000)
    await step({ type: 'removeCard' }, 10)
    await step({ type: 'done' }, 5_000)
    if (kiosk.view().screen !== 'idle') throw new Error(`session ${i} ended on ${kiosk.view().screen}`)
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const records = (journal.tail(1)[0]?.seq ?? 0) - before
  kiosk.stop()
  return { records, sessions, seconds }
}

/** The floor: the same number of rows of the same size, one durable commit each, nothing else. */
function bareRun(dir: string, rows: number, dataBytes: number): { records: number; seconds: number } {
  const db = openDurableDatabase(join(dir, 'bare.sqlite'))
  db.exec(
    "CREATE TABLE journal (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '')"
  )
  const insert = db.prepare('INSERT INTO journal (seq, time, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
  const data = JSON.stringify({ transactionId: '00412783-000001', filler: 'x'.repeat(Math.max(0, dataBytes - 40)) })
  const hash = 'f'.repeat(64)
  const start = process.hrtime.bigint()
  for (let i = 1; i <= rows; i++) insert.run(i, new Date(i).toISOString(), 'noteStacked', data, hash, hash)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  db.close()
  return { records: rows, seconds }
}

try {
  mkdirSync(join(base, 'warm-up'))
  await coreRun(join(base, 'warm-up'), Math.min(50, sessions))
  bareRun(join(base, 'warm-up'), 500, 100)
  const core = await coreRun(base, sessions)
  const sample = new SqliteJournal(join(base, 'journal.sqlite'))
  const all = sample.stored()
  sample.close()
  const meanBytes = Math.round(all.reduce((sum, r) => sum + r.data.length, 0) / all.length)
  const bare = bareRun(base, core.records, meanBytes)
  const coreRate = core.records / core.seconds
  const bareRate = bare.records / bare.seconds
  const f = (n: number) => n.toFixed(0)
  console.log(`disk: ${base} (${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}), Node ${process.version}`)
  console.log(
    `full core : ${core.sessions} sessions, ${core.records} journal records in ${core.seconds.toFixed(2)} s → ${f(core.sessions / core.seconds)} sessions/s, ${f(coreRate)} records/s`
  )
  console.log(`bare loop : ${bare.records} inserts of ${meanBytes}-byte data in ${bare.seconds.toFixed(2)} s → ${f(bareRate)} records/s`)
  console.log(`ratio     : ${((coreRate / bareRate) * 100).toFixed(1)} % of the bare rate per record (target ≥ 80 %)`)
} finally {
  rmSync(base, { recursive: true, force: true })
}
console.log('')
await scenarioBench()
console.log('')
await coreBench()
