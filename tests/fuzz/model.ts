/**
 * Random event sequences against the core (fast-check `fc.commands`): customer intents, hardware
 * events, faults and waits in any order, on a fresh kiosk per sequence. After every command the
 * invariants hold: no tenge lost or doubled (the money audit, with the journal's hash chain),
 * balances never negative nor above the cap, the view always renders, the kiosk still runs.
 */
import fc from 'fast-check'
import { auditKiosk } from '../../src/core/kioskAudit'
import { DEMO_CARDS, type CardRecord } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { DEFAULT_CONFIG, loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import { DEVICE_FAULTS, DEVICES, KEYPAD_KEYS, type Device, type FaultName, type Intent, type ScreenName } from '../../src/core/protocol'

export interface Real {
  kiosk: Kiosk
  clock: VirtualClock
  journal: MemoryJournal
  cards: MemoryCardStore
  initialCards: CardRecord[]
}

/** The screen the kiosk showed after the last command: commands that make no sense there are mostly skipped. */
interface Model {
  screen: ScreenName
}

/** Where a customer would plausibly do this; hardware events, faults and waits happen anywhere. */
const PLAUSIBLE: Partial<Record<Intent['type'], readonly ScreenName[]>> = {
  chooseAmount: ['amount'],
  submitAmount: ['amount'],
  payCash: ['paymentMethod'],
  payCard: ['paymentMethod'],
  confirm: ['cash'],
  submitCard: ['card'],
  keypad: ['card', 'amount'],
  done: ['receipt', 'billJam', 'thankYou'],
  insertBill: ['cash'],
  tapCard: ['idle', 'card', 'cardReadError', 'cardUnknown', 'cardBlocked', 'cardExpired', 'cardWrite']
}

/** Checks every invariant; throws naming the first broken one. */
export function checkInvariants(real: Real): void {
  const { kiosk, journal, cards, initialCards } = real
  const failure = kiosk.error()
  if (failure) throw new Error(`the kiosk stopped: ${failure.message}`)
  const view = kiosk.view() // renders, or throws
  JSON.stringify(view)
  const { violations } = auditKiosk(kiosk, journal, cards, initialCards)
  if (violations.length > 0) throw new Error(`money audit: ${violations.join('; ')}`)
  const cap = kiosk.snapshot().context.config.limits.maxBalanceKzt
  for (const card of cards.list()) {
    if (card.balanceKzt < 0 || card.balanceKzt > cap) throw new Error(`card …${card.number.slice(-4)} balance ${card.balanceKzt} ₸ is outside 0…${cap}`)
  }
}

class Send implements fc.AsyncCommand<Model, Real> {
  /** `anywhere`: also where it makes no sense (a customer pressing at random), which must be harmless too. */
  constructor(
    readonly intent: Intent,
    readonly anywhere: boolean
  ) {}
  check = (model: Readonly<Model>) => this.anywhere || !PLAUSIBLE[this.intent.type] || PLAUSIBLE[this.intent.type]!.includes(model.screen)
  async run(model: Model, real: Real): Promise<void> {
    real.kiosk.send(this.intent)
    // A person takes a moment between two actions (a lookup, a note going in).
    await real.clock.advance(this.intent.type === 'insertBill' ? 700 : 400)
    checkInvariants(real)
    model.screen = real.kiosk.view().screen
  }
  toString = () => `send(${JSON.stringify(this.intent)})`
}

class Wait implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true
  async run(model: Model, real: Real): Promise<void> {
    await real.clock.advance(this.ms)
    checkInvariants(real)
    model.screen = real.kiosk.view().screen
  }
  toString = () => `wait(${this.ms})`
}

const CARD_NUMBERS = DEMO_CARDS.map((c) => c.number)
const NOTES = Object.entries(DEFAULT_CONFIG.currencies).flatMap(([currency, spec]) =>
  (spec?.bills ?? []).map((value) => ({ currency: currency as 'KZT', value }))
)
const FAULTS = (Object.entries(DEVICE_FAULTS) as [Device, readonly FaultName[]][]).flatMap(([device, faults]) => faults.map((fault) => ({ device, fault })))

const intent: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CARD_NUMBERS).map((number): Intent => ({ type: 'tapCard', number })) },
  { weight: 1, arbitrary: fc.constant<Intent>({ type: 'removeCard' }) },
  { weight: 6, arbitrary: fc.constantFrom(...NOTES).map((note): Intent => ({ type: 'insertBill', ...note })) },
  { weight: 3, arbitrary: fc.constantFrom(500, 1000, 2000, 5000, 10000, 100, 99_999).map((kzt): Intent => ({ type: 'chooseAmount', kzt })) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYPAD_KEYS).map((key): Intent => ({ type: 'keypad', key })) },
  {
    weight: 6,
    arbitrary: fc.constantFrom<Intent>(
      { type: 'start' },
      { type: 'submitCard' },
      { type: 'submitAmount' },
      { type: 'payCash' },
      { type: 'payCard' },
      { type: 'confirm' },
      { type: 'cancel' },
      { type: 'back' },
      { type: 'done' },
      { type: 'moreTime' },
      { type: 'language', code: 'zh' }
    )
  },
  { weight: 2, arbitrary: fc.constantFrom(...FAULTS).map((f): Intent => ({ type: 'fault', device: f.device, fault: f.fault })) },
  { weight: 2, arbitrary: fc.constantFrom<Device>(...DEVICES).map((device): Intent => ({ type: 'clearFault', device })) },
  { weight: 1, arbitrary: fc.constantFrom('450', '480.5', '500').map((rate): Intent => ({ type: 'setRate', currency: 'USD', rate })) }
)

const send = fc.tuple(intent, fc.integer({ min: 0, max: 9 })).map(([i, n]) => new Send(i, n === 0))

// fc.commands picks among its arbitraries evenly: four parts actions to one part waiting.
export const commands = fc.commands(
  [
    send,
    send,
    send,
    send,
    fc
      .oneof({ weight: 8, arbitrary: fc.constantFrom(100, 700, 2_000, 5_000) }, { weight: 1, arbitrary: fc.constantFrom(15_000, 45_000, 130_000) })
      .map((ms) => new Wait(ms))
  ],
  { maxCommands: 80, size: 'max' }
)

/** A fresh kiosk for one sequence. */
export function setup(): { model: Model; real: Real } {
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 6))
  const initialCards = DEMO_CARDS.map((c) => ({ ...c }))
  const journal = new MemoryJournal()
  const cards = new MemoryCardStore(initialCards)
  const kiosk = new Kiosk({ config: loadConfig(), clock, journal, cards })
  return { model: { screen: 'idle' }, real: { kiosk, clock, journal, cards, initialCards } }
}

export interface FuzzStats {
  sequences: number
  commands: number
  credits: number
  flagged: number
  notesStacked: number
}

/** Runs `runs` random sequences from `seed`; throws with fast-check's replay information on a failure. */
export async function fuzz(runs: number, seed: number): Promise<FuzzStats> {
  const stats: FuzzStats = { sequences: 0, commands: 0, credits: 0, flagged: 0, notesStacked: 0 }
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => {
      const env = setup()
      try {
        await fc.asyncModelRun(() => env, cmds)
        // And when everything has settled: nothing left half-done breaks the audit.
        await env.real.clock.advance(300_000)
        checkInvariants(env.real)
        const records = env.real.journal.all()
        stats.sequences++
        stats.commands += [...cmds].length
        stats.credits += env.real.cards.appliedCredits().length
        stats.flagged += records.filter((r) => r.kind === 'transactionFlagged').length
        stats.notesStacked += records.filter((r) => r.kind === 'noteStacked').length
      } finally {
        env.real.kiosk.stop()
      }
    }),
    { numRuns: runs, seed }
  )
  return stats
}
