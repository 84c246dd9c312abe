/**
 * The headless kiosk the crash-test harness kills: the real core over a real SQLite journal, host
 * database and card key in KIOSK_DATA, on a virtual clock the harness drives over stdin (one JSON
 * command per line, one JSON answer per line).
 *
 * Crash points (set by the harness, so every kill is replayable from its seed):
 * - KIOSK_CRASH_AFTER_APPEND=N: SIGKILL itself right after the commit that made its Nth journal
 *   record durable (before the kiosk acts on it or any screen shows it);
 * - KIOSK_CRASH_AFTER_MS=T: SIGKILL itself when T ms of virtual time have passed since it started
 *   (between two device or host events: mid-stacking, mid-write, with a credit request in flight …);
 * - KIOSK_CRASH_IN_FLIGHT=N (with KIOSK_HOST_URL): SIGKILL itself while its Nth credit request is on
 *   its way to the HTTP host (sent, its answer not yet read).
 * KIOSK_HOST_URL: credit cards on that HTTP host (kiosk-sim host's server) instead of KIOSK_DATA's
 * host.sqlite; virtual time then moves on only once the host has answered what is on its way.
 */
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DEMO_CARDS, type CardRecord } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore, type HostLink } from '../../src/core/devices/host'
import { HttpHostLink } from '../../src/hostServer/client'
import { loadConfig } from '../../src/core/config'
import type { Journal, JournalKind, JournalRecordOf, RecordData } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import type { Intent } from '../../src/core/protocol'
import { loadOrCreateCardKey } from '../../src/node/cardKey'
import { SqliteCardStore } from '../../src/node/sqliteCardStore'
import { SqliteJournal } from '../../src/node/sqliteJournal'

export type ChildCommand = { op: 'send'; intent: Intent } | { op: 'advance'; ms: number } | { op: 'state' } | { op: 'stop' }

export interface ChildState {
  screen: string
  /** The most the identified card can take now (amount screen), or null. */
  maxAmountKzt: number | null
  time: number
  cashbox: { currency: string; value: number; count: number }[]
}

const dataDir = process.env.KIOSK_DATA
if (!dataDir) throw new Error('KIOSK_DATA is not set')
const crashAfterAppend = Number(process.env.KIOSK_CRASH_AFTER_APPEND ?? 0)
const crashAfterMs = Number(process.env.KIOSK_CRASH_AFTER_MS ?? 0)
const crashInFlight = Number(process.env.KIOSK_CRASH_IN_FLIGHT ?? 0)
const hostUrl = process.env.KIOSK_HOST_URL
let crashAtMs = 0

function die(reason: string): never {
  process.stderr.write(`CRASH ${reason}\n`)
  process.kill(process.pid, 'SIGKILL')
  throw new Error('unreachable')
}

/** The durable journal, killed right after the commit of a chosen record. */
class CrashingJournal implements Journal {
  private appends = 0
  private lastKind = ''
  constructor(private readonly inner: SqliteJournal) {}
  append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number): JournalRecordOf<K> {
    this.appends++
    if (this.appends === crashAfterAppend) this.lastKind = kind
    return this.inner.append(kind, data, time)
  }
  flush(): void {
    this.inner.flush()
    if (this.lastKind) die(`after-append ${this.lastKind}`)
  }
  tail(count: number) {
    return this.inner.tail(count)
  }
  all() {
    return this.inner.all()
  }
  stored() {
    return this.inner.stored()
  }
  close() {
    this.inner.close()
  }
}

/** The virtual clock, killed when it reaches the chosen instant. */
class CrashingClock extends VirtualClock {
  override setTimeout(fn: () => void, ms: number): number {
    return super.setTimeout(() => {
      if (crashAtMs > 0 && this.now() >= crashAtMs) die('at-time')
      fn()
    }, ms)
  }
}

const inner = new SqliteJournal(join(dataDir, 'journal.sqlite'))
const last = inner.tail(1)[0]
// Time goes on from the last record (a restart takes a few seconds).
const clock = new CrashingClock(last ? Date.parse(last.time) + 3_000 : Date.UTC(2026, 10, 25, 6, 0, 0))
if (crashAfterMs > 0) crashAtMs = clock.now() + crashAfterMs
const journal = new CrashingJournal(inner)
const config = loadConfig({ devices: { billValidator: { stackerCapacity: 10_000 } } })
// The harness's own cards (many, so balances stay under the cap for long runs).
const cards = process.env.KIOSK_CARDS ? (JSON.parse(process.env.KIOSK_CARDS) as CardRecord[]) : DEMO_CARDS
const link = hostUrl ? new HttpHostLink(hostUrl) : null
let creditsSent = 0
/** The HTTP host, killed with its chosen credit request on the way. */
const remote: HostLink | null = link && {
  lookupCard: (query) => link.lookupCard(query),
  confirmCardWrite: (report) => link.confirmCardWrite(report),
  credit: (request) => {
    const answer = link.credit(request)
    // A few ms: the request has left (the host may or may not have applied it), its answer is not read.
    if (++creditsSent === crashInFlight) setTimeout(() => die('in-flight credit'), 1 + (creditsSent % 7))
    return answer
  }
}
const kiosk = new Kiosk({
  config,
  clock,
  journal,
  cards: remote ? new MemoryCardStore(cards) : new SqliteCardStore(join(dataDir, 'host.sqlite'), cards),
  cardKey: loadOrCreateCardKey(join(dataDir, 'card-key.bin')),
  ...(remote ? { hostLink: remote } : {})
})

/** Virtual time's step while a host request may be on its way: well under the kiosk's host timeout (10 s). */
const STEP_MS = 1000

/** Virtual time, in steps that each wait for the HTTP host's answers on their way (at once without one). */
async function advance(ms: number): Promise<void> {
  if (!link) return clock.advance(ms)
  for (let t = 0; t < ms; t += STEP_MS) {
    await link.settled()
    await clock.advance(Math.min(STEP_MS, ms - t))
  }
  await link.settled()
  await clock.advance(0)
}

function state(): ChildState {
  const view = kiosk.view()
  return { screen: view.screen, maxAmountKzt: view.maxAmountKzt, time: clock.now(), cashbox: kiosk.validator().getSnapshot().context.cashbox }
}

const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)

const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const command = JSON.parse(line) as ChildCommand
  if (command.op === 'send') {
    const result = kiosk.send(command.intent)
    await advance(0)
    reply({ ...result, ...state() })
  } else if (command.op === 'advance') {
    await advance(command.ms)
    reply({ ok: true, ...state() })
  } else if (command.op === 'state') reply({ ok: true, ...state(), error: kiosk.error()?.message ?? null })
  else {
    kiosk.stop()
    reply({ ok: true })
    break
  }
}
