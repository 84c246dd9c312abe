/**
 * One kiosk of a fleet (docs/host-api.md): the real core on a virtual clock and an in-memory
 * journal, crediting cards on a host over HTTP, doing generated customer sessions (tap, amount,
 * tenge notes, confirm, the card written) for a stretch of real time. Its cards are its own share
 * of the host's fleet cards, so at the end its journal is audited against the host alone.
 */
import { auditMoney } from '../../core/audit'
import { VirtualClock } from '../../core/clock'
import { loadConfig } from '../../core/config'
import type { CardRecord } from '../../core/cards'
import { MemoryCardStore, type AppliedCredit, type HostLink } from '../../core/devices/host'
import { toJournalRecord, MemoryJournal } from '../../core/journal'
import { Kiosk } from '../../core/kiosk'
import type { Intent } from '../../core/protocol'
import { seededRandom } from '../../core/testing/random'
import { HttpHostLink } from '../client'
import { fleetCards } from '../fleetCards'

/** Virtual time's step while a host request may be on its way: well under the kiosk's host timeout (10 s). */
const STEP_MS = 1000

export interface FleetKioskOptions {
  url: string
  /** This kiosk's number (0…kiosks−1) and how many there are: kiosk k tops up the fleet cards k, k + kiosks, … */
  index: number
  kiosks: number
  /** How many fleet cards the host has (kiosk-sim host --cards). */
  cardCount: number
  durationMs: number
  seed: number
  /** When the fleet started (epoch ms; default: when this kiosk starts): the duration and the per-second counts run from it. */
  startedAt?: number
  /** Stop after this many sessions too (Artillery: one per virtual user). */
  sessions?: number
  /**
   * Check the cards' balances against the credits (default true). Off where other kiosks may top up
   * the same cards meanwhile (Artillery's virtual users): each transaction is still checked with the host.
   */
  auditBalances?: boolean
}

export interface FleetKioskReport {
  index: number
  sessions: number
  completed: number
  flagged: number
  /** Sessions that took no money: the card not found, the kiosk out of service, a session that ended without a top-up. */
  failed: number
  /** Each credit's round trip to the host, real milliseconds. */
  creditLatenciesMs: number[]
  /** When each top-up completed, real ms after the fleet's start (throughput per second). */
  completedAtMs: number[]
  lost: number
  doubled: number
  violations: string[]
}

/** The host link with each credit's round trip timed. */
function timed(link: HttpHostLink, latencies: number[]): HostLink {
  return {
    lookupCard: (q) => link.lookupCard(q),
    confirmCardWrite: (r) => link.confirmCardWrite(r),
    creditStatus: (k) => link.creditStatus(k),
    credit: async (request) => {
      const started = performance.now()
      const result = await link.credit(request)
      latencies.push(performance.now() - started)
      return result
    }
  }
}

/** A violation of the money audit as lost (money in, not on the card) or doubled (more on the card than paid for). */
export function classify(violation: string): 'lost' | 'doubled' | 'other' {
  if (/never credited/.test(violation)) return 'lost'
  if (/applied twice|credited without money in/.test(violation)) return 'doubled'
  const credited = /credited (\d+) ₸, the money rules give (\d+) ₸/.exec(violation)
  if (credited) return Number(credited[1]) > Number(credited[2]) ? 'doubled' : 'lost'
  const balance = /balance (\d+) ₸, expected (\d+) \+ (\d+) ₸/.exec(violation)
  if (balance) return Number(balance[1]) > Number(balance[2]) + Number(balance[3]) ? 'doubled' : 'lost'
  return 'other'
}

export async function runFleetKiosk(options: FleetKioskOptions): Promise<FleetKioskReport> {
  const rnd = seededRandom(options.seed * 1009 + options.index)
  const link = new HttpHostLink(options.url)
  // The set-up's and the audit's questions wait longer than a kiosk would: a loaded host answers them late, never wrongly.
  const patient = new HttpHostLink(options.url, { timeoutMs: 30_000, attempts: 5, retryDelayMs: 1000 })
  const latencies: number[] = []
  const clock = new VirtualClock(Date.UTC(2026, 11, 7, 6, 0, 0))
  const journal = new MemoryJournal()
  const mine = fleetCards(options.cardCount).filter((_, i) => i % options.kiosks === options.index)
  if (mine.length === 0) throw new Error(`kiosk ${options.index} has no fleet card: the host has ${options.cardCount}, fewer than the kiosks`)
  const cardsBefore: CardRecord[] = []
  for (const card of mine) {
    const found = await patient.lookupCard({ number: card.number })
    if (!found.found) throw new Error(`the host at ${options.url} does not know fleet card ${card.number}: start it with --cards ${options.cardCount} or more`)
    cardsBefore.push(found.card)
  }
  const config = loadConfig({ terminal: { id: String(10_000_000 + options.index) }, devices: { billValidator: { stackerCapacity: 100_000 } } })
  const kiosk = new Kiosk({ config, clock, journal, cards: new MemoryCardStore(mine), hostLink: timed(link, latencies) })
  const started = options.startedAt ?? Date.now()
  const report: FleetKioskReport = {
    index: options.index,
    sessions: 0,
    completed: 0,
    flagged: 0,
    failed: 0,
    creditLatenciesMs: latencies,
    completedAtMs: [],
    lost: 0,
    doubled: 0,
    violations: []
  }

  /** Virtual time goes on in steps, each once the host has answered what is on its way (the real network is never overtaken). */
  const step = async (ms: number) => {
    for (let t = 0; t < ms; t += STEP_MS) {
      await link.settled()
      await clock.advance(Math.min(STEP_MS, ms - t))
    }
    await link.settled()
    await clock.advance(0)
  }
  const send = async (intent: Intent) => {
    const result = kiosk.send(intent)
    await step(0)
    return result
  }

  while (Date.now() - started < options.durationMs && report.sessions < (options.sessions ?? Infinity)) {
    report.sessions++
    const card = rnd.pick(mine)
    await send({ type: 'tapCard', number: card.number })
    await step(800)
    const max = kiosk.view().maxAmountKzt ?? 0
    const note = rnd.pick([1000, 2000, 5000].filter((v) => v <= max))
    if (kiosk.view().screen !== 'amount' || note === undefined) {
      await send({ type: 'cancel' })
    } else {
      await send({ type: 'chooseAmount', kzt: note })
      await send({ type: 'payCash' })
      await step(500)
      await send({ type: 'insertBill', currency: 'KZT', value: note })
      await step(1500)
      await send({ type: 'confirm' })
      // Crediting, then the write onto the card lying on the reader.
      for (let waited = 0; waited < 120_000 && ['crediting', 'cardWrite'].includes(kiosk.view().screen); waited += 500) await step(500)
      if (kiosk.view().screen === 'receipt') report.completedAtMs.push(Date.now() - started)
      await step(1000)
    }
    await send({ type: 'done' })
    await send({ type: 'removeCard' })
    await step(rnd.int(1000, 5000))
  }
  // Whatever is open finishes (a flagged top-up's last retry, a receipt) before the audit.
  await send({ type: 'removeCard' })
  for (let waited = 0; waited < 300_000 && kiosk.view().screen !== 'idle'; waited += 1000) await step(1000)

  // The audit: this kiosk's journal against the host's credits and cards (its own share of them).
  const stored = journal.stored()
  const records = stored.map(toJournalRecord)
  const credits: AppliedCredit[] = []
  const ids = new Set(records.flatMap((r) => (r.kind === 'transactionStarted' ? [r.data.transactionId] : [])))
  for (const id of ids) {
    const status = await patient.creditStatus(id)
    if (status.status === 'applied') credits.push({ transactionId: id, cardNumber: status.cardNumber, amountKzt: status.amountKzt, written: status.written })
  }
  const cardsNow: CardRecord[] = []
  for (const card of mine) {
    const found = await patient.lookupCard({ number: card.number })
    if (found.found) cardsNow.push(found.card)
  }
  const cashbox = kiosk.validator().getSnapshot().context.cashbox
  const error = kiosk.error()
  kiosk.stop()
  const balances = options.auditBalances ?? true
  const audit = auditMoney({ stored, records, credits, cardsNow: balances ? cardsNow : [], cardsBefore: balances ? cardsBefore : [], config, cashbox })
  report.violations = [...(error ? [`kiosk ${options.index} stopped on an error: ${error.message}`] : []), ...audit.violations]
  for (const v of audit.violations) {
    const kind = classify(v)
    if (kind !== 'other') report[kind]++
  }
  for (const t of audit.transactions) {
    if (t.status === 'completed' || t.status === 'pending') report.completed++
    else if (t.status === 'flagged') report.flagged++
  }
  report.failed = report.sessions - report.completed - report.flagged
  return report
}
