import { DEMO_CARDS, type CardRecord } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore, type CardStore } from '../../src/core/devices/host'
import { MemoryJournal, type Journal } from '../../src/core/journal'
import { fixedBootNonce, Kiosk } from '../../src/core/kiosk'
import { transactionIdFor } from '../../src/core/machines/kioskContext'
import { auditKiosk } from '../../src/core/kioskAudit'
import type { Intent } from '../../src/core/protocol'
import { hashPin } from '../../src/core/service/pins'
import { afterEach, expect } from 'vitest'

export const START = Date.UTC(2026, 10, 25, 6, 0, 0)

/** The boot nonce test kiosks start with, so their transaction ids are known in advance. */
export const TEST_BOOT_NONCE = fixedBootNonce('kiosk-sim tests')
export const testBootNonce = (): string => TEST_BOOT_NONCE

/** The id of transaction number `n` of a test kiosk (demo terminal, TEST_BOOT_NONCE). */
export const txId = (n: number): string => transactionIdFor('00412783', n, TEST_BOOT_NONCE)

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
  const kiosk = new Kiosk({ config: loadConfig(options.config ?? {}), clock, journal, cards, bootNonce: testBootNonce })
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

/** The money invariant (src/core/audit.ts) on a test kiosk: no tenge lost or doubled, the journal chain intact, the cashbox right. */
export function expectMoneyInvariant(k: { kiosk: Kiosk; journal: Journal; cards: CardStore; initialCards: readonly CardRecord[] }): void {
  expect(auditKiosk(k.kiosk, k.journal, k.cards, k.initialCards).violations).toEqual([])
}

/**
 * Service PINs for tests (collector 1111, technician 2222, administrator 3333), hashed once at the
 * lowest cost the configuration takes: `makeKiosk({ config: SERVICE_TEST_CONFIG })`, then `loginAs`.
 */
const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 }
export const SERVICE_TEST_CONFIG = {
  service: {
    pins: {
      collector: hashPin('1111', new Uint8Array(16).fill(1), FAST_SCRYPT),
      technician: hashPin('2222', new Uint8Array(16).fill(2), FAST_SCRYPT),
      administrator: hashPin('3333', new Uint8Array(16).fill(3), FAST_SCRYPT)
    }
  }
}

/** Staff log in to service mode on the kiosk (the hidden gesture, then the PIN). */
export function loginAs(kiosk: Kiosk, pin: '1111' | '2222' | '3333'): void {
  expect(kiosk.send({ type: 'serviceEntry' })).toEqual({ ok: true })
  expect(kiosk.send({ type: 'servicePin', pin })).toEqual({ ok: true })
  expect(kiosk.view().service?.role).not.toBeNull()
}
