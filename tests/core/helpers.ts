import { DEMO_CARDS, type CardRecord } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore, type CardStore } from '../../src/core/devices/host'
import { MemoryJournal, verifyChain, type Journal } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import { cashBreakdown } from '../../src/core/money'
import type { Intent } from '../../src/core/protocol'
import { summarizeTransactions } from '../../src/core/report'
import { afterEach, expect } from 'vitest'

export const START = Date.UTC(2026, 10, 25, 6, 0, 0)

export interface TestKiosk {
  kiosk: Kiosk
  clock: VirtualClock
  journal: MemoryJournal
  cards: MemoryCardStore
  /** The cards as the test started (for the balance check of the money invariant). */
  initialCards: CardRecord[]
  /** Sends an intent and lets devices and the host finish what they started (a few virtual seconds at most). */
  act: (intent: Intent, seconds?: number) => Promise<ReturnType<Kiosk['send']>>
  screen: () => ReturnType<Kiosk['view']>['screen']
}

/** A kiosk on a virtual clock with an in-memory journal and card store. */
export function makeKiosk(options: { config?: unknown; cards?: CardRecord[] } = {}): TestKiosk {
  const clock = new VirtualClock(START)
  const journal = new MemoryJournal()
  const initialCards = (options.cards ?? DEMO_CARDS).map((c) => ({ ...c }))
  const cards = new MemoryCardStore(initialCards)
  const kiosk = new Kiosk({ config: loadConfig(options.config ?? {}), clock, journal, cards })
  const act = async (intent: Intent, seconds = 2) => {
    const result = kiosk.send(intent)
    await clock.advance(seconds * 1000)
    return result
  }
  const k: TestKiosk = { kiosk, clock, journal, cards, initialCards, act, screen: () => kiosk.view().screen }
  created.push(k)
  return k
}

/** Kiosks made by the current test, for moneyInvariantAfterEach. */
const created: TestKiosk[] = []

/** Checks that every kiosk a test made is still running and keeps the money invariant, after each test of the file. */
export function moneyInvariantAfterEach(): void {
  afterEach(() => {
    const kiosks = created.splice(0)
    for (const k of kiosks) {
      expect(k.kiosk.error(), 'the kiosk stopped on an error').toBeNull()
      expectMoneyInvariant(k)
    }
  })
}

/** The demo card with 500 ₸ on it. */
export const DEMO_CARD = '9398000011112222'

/** A fresh kiosk brought to the cash screen for `amount` on the demo card. */
export async function atCashScreen(amount: number, options: Parameters<typeof makeKiosk>[0] = {}) {
  const k = makeKiosk(options)
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: amount })
  await k.act({ type: 'payCash' })
  expect(k.screen()).toBe('cash')
  return k
}

/**
 * The money invariant after any sequence of events: every stacked note belongs to exactly one
 * transaction; a transaction with stacked notes was credited exactly once by the host with the
 * amount the money rules give, or it is flagged with its notes listed; every note in doubt is
 * listed in its transaction's flag; the host applied no credit the journal cannot explain, and
 * the balances moved by exactly the credits applied.
 */
export function expectMoneyInvariant(k: { kiosk: Kiosk; journal: Journal; cards: CardStore; initialCards: readonly CardRecord[] }): void {
  const { journal, cards, kiosk, initialCards } = k
  expect(verifyChain(journal.stored()), 'the journal hash chain verifies').toMatchObject({ ok: true })
  const records = journal.all()
  const config = kiosk.snapshot().context.config
  const credits = cards.appliedCredits()
  const byKey = new Map(credits.map((c) => [c.transactionId, c]))
  expect(byKey.size, 'one host credit per idempotency key').toBe(credits.length)
  const stackedRecords = records.filter((r) => r.kind === 'noteStacked')
  const started = new Set(records.filter((r) => r.kind === 'transactionStarted').map((r) => r.data.transactionId as string))
  for (const r of stackedRecords) expect(started.has(r.data.transactionId as string), `stacked note of an unknown transaction: ${JSON.stringify(r.data)}`).toBe(true)
  // The transaction still on screen is judged when it ends.
  const snapshot = kiosk.snapshot()
  const open = snapshot.matches('session') && !snapshot.matches({ session: { flow: 'finishing' } }) ? snapshot.context.transaction?.id : undefined
  for (const t of summarizeTransactions(records, config)) {
    if (t.id === open) continue
    const flag = records.find((r) => r.kind === 'transactionFlagged' && r.data.transactionId === t.id)
    const credit = byKey.get(t.id)
    if (t.method === 'cash') {
      const expected = cashBreakdown(t.stacked, t.rates, config).creditedKzt
      if (t.stacked.length > 0 && t.status !== 'flagged') {
        expect(credit, `${t.id} (${t.status}) was credited by the host`).toBeDefined()
        expect(credit!.amountKzt, `${t.id} credited what the money rules give`).toBe(expected)
      }
      if (credit) expect(credit.amountKzt, `${t.id} credited what the money rules give`).toBe(expected)
    }
    if (t.status === 'flagged') {
      expect(flag!.data.stacked ?? t.stacked, `${t.id} flag lists its stacked notes`).toEqual(t.stacked)
      expect(flag!.data.notesInDoubt ?? [], `${t.id} flag lists its notes in doubt`).toEqual(t.inDoubt)
    } else expect(t.inDoubt, `${t.id} has notes in doubt but is not flagged`).toEqual([])
    if (t.status === 'cancelled') expect(t.stacked, `${t.id} was cancelled with money in`).toEqual([])
    if (t.status === 'completed') expect(t.writtenToCard, `${t.id} completed but not written onto the card`).toBe(true)
    // The host learns of a write a moment later (or at the next tap), never before it happened.
    if (credit?.written) expect(t.writtenToCard, `${t.id} confirmed to the host but never written`).toBe(true)
  }
  for (const c of credits) expect(started.has(c.transactionId), `host credit ${c.transactionId} of no transaction`).toBe(true)
  for (const initial of initialCards) {
    const applied = credits.filter((c) => c.cardNumber === initial.number).reduce((sum, c) => sum + c.amountKzt, 0)
    expect(cards.get(initial.number)!.balanceKzt, `balance of ${initial.number}`).toBe(initial.balanceKzt + applied)
  }
}
