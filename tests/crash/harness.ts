/**
 * The crash-test harness (docs/reliability.md): seeded random sessions against a headless kiosk
 * child process (./child.ts) over a real journal and host database; the child is killed with
 * SIGKILL at journal write points and at random moments of virtual time, restarted (it recovers
 * from its journal), and driven on. At the end the money audit (src/core/audit.ts) checks, from
 * the host database, the cashbox count and the journal, that no tenge was lost or doubled.
 * Every choice comes from the seed, so a failure replays with the same seed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { createInterface } from 'node:readline'
import { build } from 'esbuild'
import { auditMoney } from '../../src/core/audit'
import { seededRandom } from '../../src/core/testing/random'
import { type CardRecord, type CardStatus } from '../../src/core/cards'
import { DEFAULT_CONFIG } from '../../src/core/config'
import type { AppliedCredit } from '../../src/core/devices/host'
import { toJournalRecord } from '../../src/core/journal'
import type { Intent } from '../../src/core/protocol'
import { readJournalFile } from '../../src/node/journalFile'
import { buildHostServer } from '../../src/hostServer/server'
import { loadOrCreateCardKey } from '../../src/node/cardKey'
import { SqliteCardStore } from '../../src/node/sqliteCardStore'
import type { ChildCommand, ChildState } from './child'

export interface CrashTestOptions {
  kills: number
  /** Go on until at least this many sessions ran, too (default 0). */
  minSessions?: number
  seed: number
  /** Progress lines (the seed first). */
  log?: (line: string) => void
  /** Keep the data folder for inspection. */
  keep?: boolean
  /**
   * Credit cards on the HTTP host (kiosk-sim host's server, in this process, on the data folder's
   * host.sqlite) instead of the in-process one; some lives are then killed with a credit in flight.
   */
  http?: boolean
}

export interface CrashTestResult {
  seed: number
  sessions: number
  kills: number
  killsAtWrites: Record<string, number>
  killsAtMoments: number
  /** Kills while a credit request was on its way to the HTTP host (http only). */
  killsInFlight: number
  notesStacked: number
  tengeCredited: number
  transactions: Record<string, number>
  violations: string[]
  dataDir: string
  seconds: number
}

class Killed extends Error {
  constructor(readonly reason: string) {
    super(`killed: ${reason}`)
  }
}

/** Where a life is killed: after its Nth journal record, at a moment of virtual time, or with its Nth credit on its way to the HTTP host. */
type Crash = { afterAppend?: number; afterMs?: number; inFlight?: number }

/** One life of the child: from spawn to its kill (or clean stop). */
class ChildLife {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly answers: ((line: string | Killed) => void)[] = []
  private crashReason = ''
  exited = false

  constructor(bundle: string, dataDir: string, crash: Crash, hostUrl?: string) {
    this.child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', bundle], {
      env: {
        ...process.env,
        // Hundreds of lives load the same bundle: V8 compiles it once, the others read the cache beside it.
        NODE_COMPILE_CACHE: join(dirname(bundle), 'compile-cache'),
        KIOSK_DATA: dataDir,
        KIOSK_CARDS: JSON.stringify(CARDS),
        KIOSK_CRASH_AFTER_APPEND: String(crash.afterAppend ?? 0),
        KIOSK_CRASH_AFTER_MS: String(crash.afterMs ?? 0),
        KIOSK_CRASH_IN_FLIGHT: String(crash.inFlight ?? 0),
        ...(hostUrl ? { KIOSK_HOST_URL: hostUrl } : {})
      },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    createInterface({ input: this.child.stdout }).on('line', (line) => this.answers.shift()?.(line))
    this.child.stderr.on('data', (chunk: Buffer) => {
      const match = /CRASH (.+)/.exec(chunk.toString())
      if (match) this.crashReason = match[1]!.trim()
      else process.stderr.write(chunk)
    })
    this.child.on('exit', () => {
      this.exited = true
      for (const waiting of this.answers.splice(0)) waiting(new Killed(this.crashReason || 'exit'))
    })
  }

  ask(command: ChildCommand): Promise<ChildState & { ok: boolean; error?: string | null }> {
    if (this.exited) return Promise.reject(new Killed(this.crashReason || 'exit'))
    return new Promise((resolve, reject) => {
      this.answers.push((line) => (line instanceof Killed ? reject(line) : resolve(JSON.parse(line))))
      this.child.stdin.write(`${JSON.stringify(command)}\n`)
    })
  }

  get reason(): string {
    return this.crashReason
  }
}

async function bundleChild(dir: string): Promise<string> {
  const out = join(dir, 'child.mjs')
  await build({
    entryPoints: [join(import.meta.dirname, 'child.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'silent'
  })
  return out
}

/** 200 cards of every kind of balance, so long runs do not fill them up to the balance cap. */
const CARDS: CardRecord[] = Array.from({ length: 200 }, (_, i) => ({
  number: `9398${String(7_000_000_000 + i * 7919).padStart(12, '0')}`,
  balanceKzt: (i % 10) * 1_000,
  status: 'active'
}))
const NOTES = Object.entries(DEFAULT_CONFIG.currencies).flatMap(([currency, spec]) =>
  (spec?.bills ?? []).map((value) => ({ currency: currency as 'KZT', value }))
)

/** Runs the crash test; resolves with the counts and any money-audit violations. */
export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestResult> {
  const started = Date.now()
  const log = options.log ?? (() => {})
  const rnd = seededRandom(options.seed)
  const work = mkdtempSync(join(tmpdir(), 'kiosk-crash-'))
  const dataDir = join(work, 'data')
  mkdirSync(dataDir)
  log(`crash test: seed ${options.seed}, ${options.kills} kills, data in ${dataDir}`)
  const bundle = await bundleChild(work)
  const result: CrashTestResult = {
    seed: options.seed,
    sessions: 0,
    kills: 0,
    killsAtWrites: {},
    killsAtMoments: 0,
    killsInFlight: 0,
    notesStacked: 0,
    tengeCredited: 0,
    transactions: {},
    violations: [],
    dataDir,
    seconds: 0
  }

  // The HTTP host on the data folder's host.sqlite and the card key the child uses too (its card references resolve).
  const store = options.http ? new SqliteCardStore(join(dataDir, 'host.sqlite'), CARDS) : null
  const server = store && buildHostServer({ store, cardKey: loadOrCreateCardKey(join(dataDir, 'card-key.bin')) })
  const hostUrl = server ? await server.listen({ port: 0, host: '127.0.0.1' }) : undefined
  let life: ChildLife | null = null
  let lifeNumber = 0
  /** Spawns the next life with its crash point: a journal write (every one of the first 60 in turn, then random) or a moment. */
  const spawnLife = async () => {
    lifeNumber++
    // A moment in the next two minutes or so of virtual time: mid-stacking, mid-write, with a request in flight …
    // With the HTTP host, half the lives die with a credit in flight (one of the first two of that life).
    const crash: Crash =
      result.kills >= options.kills
        ? {}
        : options.http && rnd.chance(0.5)
          ? { inFlight: rnd.int(1, 2) }
          : rnd.chance(0.6)
            ? { afterAppend: lifeNumber <= 60 ? lifeNumber : rnd.int(1, 80) }
            : { afterMs: rnd.int(1, 150_000) }
    life = new ChildLife(bundle, dataDir, crash, hostUrl)
  }

  const send = (intent: Intent) => life!.ask({ op: 'send', intent })
  const wait = async (ms: number) => life!.ask({ op: 'advance', ms })

  /** One customer, from tap to walking away. */
  const session = async () => {
    result.sessions++
    // After a restart the kiosk may be finishing an interrupted top-up: let it.
    const before = await wait(rnd.int(1_000, 20_000))
    if (before.screen !== 'idle') await wait(150_000)
    const card = rnd.pick(CARDS)
    if (rnd.chance(0.8)) await send({ type: 'tapCard', number: card.number })
    else {
      await send({ type: 'start' })
      for (const d of card.number.slice(-8)) await send({ type: 'keypad', key: d as '0' })
      await send({ type: 'submitCard' })
    }
    const amountScreen = await wait(1_000)
    const wanted = rnd.pick([500, 1000, 2000, 5000, 10000, rnd.int(100, 30_000)])
    await send({ type: 'chooseAmount', kzt: Math.max(100, Math.min(wanted, amountScreen.maxAmountKzt ?? wanted)) })
    const faults: Intent[] = []
    if (rnd.chance(0.08)) faults.push({ type: 'fault', device: 'host', fault: rnd.pick(['timeoutAfterCredit', 'timeoutBeforeCredit', 'slow']) })
    if (rnd.chance(0.05)) faults.push({ type: 'fault', device: 'billValidator', fault: 'jam' })
    if (rnd.chance(0.05)) faults.push({ type: 'fault', device: 'pos', fault: rnd.pick(['decline', 'timeout']) })
    if (rnd.chance(0.03)) faults.push({ type: 'fault', device: 'printer', fault: 'paperOut' })
    for (const f of faults) await send(f)
    if (rnd.chance(0.2)) {
      await send({ type: 'payCard' })
      await wait(rnd.int(500, 3_000))
    } else {
      await send({ type: 'payCash' })
      await wait(500)
      for (let i = rnd.int(1, 4); i > 0; i--) {
        const note = rnd.pick(NOTES)
        await send({ type: 'insertBill', currency: note.currency, value: note.value })
        // Mostly the customer waits for the note to go in; sometimes the next comes too fast.
        await wait(rnd.chance(0.8) ? rnd.int(700, 1_500) : rnd.int(50, 600))
      }
      if (rnd.chance(0.1)) await send({ type: 'cancel' })
      if (rnd.chance(0.8)) await wait(800) // the last note has gone in
      const confirmed = await send({ type: 'confirm' })
      // Nothing went in (every note returned): the customer gives up.
      if (!confirmed.ok) await send({ type: 'cancel' })
      await wait(rnd.int(200, 1_500))
    }
    if (rnd.chance(0.3)) await send({ type: 'removeCard' })
    await wait(rnd.int(100, 3_000))
    if (rnd.chance(0.6)) await send({ type: 'tapCard', number: card.number })
    if (rnd.chance(0.1)) await send({ type: 'removeCard' })
    await wait(rnd.int(0, 40_000))
    await send({ type: 'done' })
    for (const fault of faults) if (fault.type === 'fault') await send({ type: 'clearFault', device: fault.device })
    await send({ type: 'removeCard' })
    await wait(rnd.int(5_000, 60_000))
  }

  await spawnLife()
  while (result.kills < options.kills || result.sessions < (options.minSessions ?? 0)) {
    try {
      await session()
    } catch (err) {
      if (!(err instanceof Killed)) throw err
      result.kills++
      const reason = life!.reason
      if (reason.startsWith('after-append ')) {
        const kind = reason.slice('after-append '.length)
        result.killsAtWrites[kind] = (result.killsAtWrites[kind] ?? 0) + 1
      } else if (reason === 'in-flight credit') result.killsInFlight++
      else result.killsAtMoments++
      if (result.kills % 50 === 0) log(`  ${result.kills} kills, ${result.sessions} sessions`)
      await spawnLife()
    }
  }
  // The last life runs without a crash point: let it finish whatever is open.
  if (life && !(life as ChildLife).exited) await (life as ChildLife).ask({ op: 'stop' }).catch(() => {})
  const final = new ChildLife(bundle, dataDir, {}, hostUrl)
  await final.ask({ op: 'advance', ms: 300_000 })
  await final.ask({ op: 'send', intent: { type: 'removeCard' } })
  await final.ask({ op: 'advance', ms: 300_000 })
  const end = await final.ask({ op: 'state' })
  await final.ask({ op: 'stop' })
  if (end.error) result.violations.push(`the kiosk stopped on an error: ${end.error}`)
  await server?.close()
  store?.close()

  // The audit reads the files, as an operator would.
  const stored = readJournalFile(join(dataDir, 'journal.sqlite'))
  const records = stored.map(toJournalRecord)
  const host = new DatabaseSync(join(dataDir, 'host.sqlite'), { readOnly: true })
  const cardsNow = (host.prepare('SELECT number, balance_kzt, status FROM cards').all() as { number: string; balance_kzt: number; status: CardStatus }[]).map(
    (r): CardRecord => ({ number: r.number, balanceKzt: r.balance_kzt, status: r.status })
  )
  const credits = (
    host.prepare('SELECT idempotency_key, card_number, amount_kzt, written FROM credits ORDER BY rowid').all() as {
      idempotency_key: string
      card_number: string
      amount_kzt: number
      written: number
    }[]
  ).map((r): AppliedCredit => ({ transactionId: r.idempotency_key, cardNumber: r.card_number, amountKzt: r.amount_kzt, written: r.written === 1 }))
  host.close()
  const audit = auditMoney({ stored, records, credits, cardsNow, cardsBefore: CARDS, config: DEFAULT_CONFIG, cashbox: end.cashbox as never })
  result.violations.push(...audit.violations)
  const open = audit.transactions.filter(
    (t) => t.status === 'pending' && !t.writtenToCard && t.balanceAfterKzt === null && t.stacked.length + t.inDoubt.length > 0
  )
  for (const t of open) result.violations.push(`${t.id}: never finished (money in, neither credited, flagged nor cancelled)`)
  for (const t of audit.transactions) result.transactions[t.status] = (result.transactions[t.status] ?? 0) + 1
  result.notesStacked = records.filter((r) => r.kind === 'noteStacked').length
  result.tengeCredited = credits.reduce((sum, c) => sum + c.amountKzt, 0)
  result.seconds = Math.round((Date.now() - started) / 100) / 10
  if (!options.keep && result.violations.length === 0) rmSync(work, { recursive: true, force: true })
  return result
}

/** The result as the lines the CLI prints. */
export function formatCrashResult(r: CrashTestResult): string {
  const writes = Object.entries(r.killsAtWrites)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')
  return [
    `seed ${r.seed}: ${r.sessions} sessions, ${r.kills} kills (${r.kills - r.killsAtMoments - r.killsInFlight} right after a journal write, ${r.killsAtMoments} at random moments${r.killsInFlight > 0 ? `, ${r.killsInFlight} with a credit in flight to the HTTP host` : ''}), ${r.notesStacked} notes stacked, ${r.tengeCredited} ₸ credited, in ${r.seconds} s`,
    `transactions: ${Object.entries(r.transactions)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ')}`,
    `kills after writing: ${writes}`,
    r.violations.length === 0
      ? 'no tenge lost or doubled; journal chain intact; cashbox matches'
      : `VIOLATIONS (replay with --seed ${r.seed}; data kept in ${r.dataDir}):\n${r.violations.map((v) => `  ${v}`).join('\n')}`
  ].join('\n')
}
