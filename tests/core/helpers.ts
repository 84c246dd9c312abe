import { DEMO_CARDS, type CardRecord } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import type { Intent } from '../../src/core/protocol'
import { expect } from 'vitest'

export const START = Date.UTC(2026, 10, 25, 6, 0, 0)

/** A kiosk on a virtual clock with an in-memory journal and card store. */
export function makeKiosk(options: { config?: unknown; cards?: CardRecord[] } = {}) {
  const clock = new VirtualClock(START)
  const journal = new MemoryJournal()
  const cards = new MemoryCardStore(options.cards ?? DEMO_CARDS)
  const kiosk = new Kiosk({ config: loadConfig(options.config ?? {}), clock, journal, cards })
  /** Sends an intent and lets devices and the host finish what they started (a few virtual seconds at most). */
  const act = async (intent: Intent, seconds = 2) => {
    const result = kiosk.send(intent)
    await clock.advance(seconds * 1000)
    return result
  }
  return { kiosk, clock, journal, cards, act, screen: () => kiosk.view().screen }
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
