/**
 * A bug in the core (an error thrown inside a step) must not leave the customer screen frozen on its
 * last picture, nor take the host process down: the kiosk stops, every screen says it is out of
 * order, the technician panel shows the error, and every intent is answered with why.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal, type JournalKind, type RecordData } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import { DEMO_CARD, START } from './helpers'

/** A journal with a bug: appending a transaction's start throws. */
class BuggyJournal extends MemoryJournal {
  override append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number) {
    if (kind === 'transactionStarted') throw new TypeError("Cannot read properties of undefined (reading 'number')")
    return super.append(kind, data, time)
  }
}

describe('a core that stops on an error', () => {
  it('tells every screen it is out of order, answers every intent with why, and throws nothing at the host', async () => {
    const clock = new VirtualClock(START)
    const kiosk = new Kiosk({ config: loadConfig(), clock, journal: new BuggyJournal(), cards: new MemoryCardStore(DEMO_CARDS) })
    let told = 0
    kiosk.subscribe(() => told++)
    kiosk.send({ type: 'tapCard', number: DEMO_CARD })
    await clock.advance(2000)
    kiosk.send({ type: 'chooseAmount', kzt: 1000 })
    await clock.advance(2000)
    const before = told
    expect(() => kiosk.send({ type: 'payCash' })).not.toThrow()
    expect(told).toBeGreaterThan(before)
    expect(kiosk.error()?.message).toMatch(/reading 'number'/)
    const view = kiosk.view()
    expect(view).toMatchObject({ screen: 'outOfService', outOfService: 'stopped', canCancel: false, canConfirm: false, warning: null })
    expect(kiosk.technicianView().integrity.stopped).toMatch(/reading 'number'/)
    expect(kiosk.send({ type: 'cancel' })).toEqual({ ok: false, error: expect.stringMatching(/^the kiosk is stopped: /) })
    await clock.advance(60_000)
    expect(kiosk.view().screen).toBe('outOfService')
  })
})
