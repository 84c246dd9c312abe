/**
 * A card lifted while the reader writes it (issue 18): the first time the kiosk asks for it back and
 * waits timeouts.cardWriteSeconds again; put back, the write starts again. A second pull, or the wait
 * running out, leaves the top-up pending at the host as before. Driven on the virtual clock.
 */
import { describe, expect, it } from 'vitest'
import { summarizeTransactions } from '../../src/core/report'
import { DEMO_CARD, expectMoneyInvariant, makeKiosk, moneyInvariantAfterEach, txId } from './helpers'

moneyInvariantAfterEach()

/** A 3-second write, so the card can be lifted during it; the kiosk waits 30 s for the card (the default). */
function writingKiosk() {
  return makeKiosk({ config: { devices: { cardReader: { writeMs: 3000 } } } })
}

/** Taps the demo card, pays 1 000 ₸ in one note and confirms: the write is going on (1 s into it). */
async function writing(k: ReturnType<typeof makeKiosk>) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 1000 })
  await k.act({ type: 'payCash' })
  await k.act({ type: 'insertBill', currency: 'KZT', value: 1000 })
  await k.act({ type: 'confirm' }, 1)
  expect(k.kiosk.view().cardWrite?.phase).toBe('writing')
}

const status = (k: ReturnType<typeof makeKiosk>) => summarizeTransactions(k.journal.all(), k.kiosk.snapshot().context.config).at(-1)?.status
const kinds = (k: ReturnType<typeof makeKiosk>, kind: string) => k.journal.all().filter((r) => r.kind === kind)

describe('a card pulled mid-write', () => {
  it('is asked back; put back, it is written and the top-up completed', async () => {
    const k = writingKiosk()
    await writing(k)
    await k.act({ type: 'removeCard' }, 20)
    // Still the write step, 20 s after the pull: the wait started again at the pull (30 s), so it has not run out.
    expect(k.kiosk.view()).toMatchObject({ screen: 'cardWrite', cardWrite: { phase: 'waiting', problem: 'pulled', waitSeconds: 30, failure: null } })
    expect(k.kiosk.technicianView().devices.cardReader.writingFor).toBe('9398 •••• •••• 2222')
    expect(kinds(k, 'cardWriteFailed')).toEqual([])
    expect(status(k)).toBe('pending')

    await k.act({ type: 'tapCard', number: DEMO_CARD }, 1)
    expect(k.kiosk.view().cardWrite).toMatchObject({ phase: 'writing', problem: null })
    await k.act({ type: 'done' }, 3)
    expect(k.kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { status: 'completed', balanceAfterKzt: 1500 } })
    expect(kinds(k, 'cardWritten').map((r) => r.data)).toMatchObject([{ transactionId: txId(1), amountKzt: 1000 }])
    expect(k.cards.pendingTopUps(DEMO_CARD)).toEqual([])
    expect(status(k)).toBe('completed')
    expectMoneyInvariant(k)
  })

  it('pulled a second time, it is given up: the top-up stays pending, the journal says cardRemoved', async () => {
    const k = writingKiosk()
    await writing(k)
    await k.act({ type: 'removeCard' })
    await k.act({ type: 'tapCard', number: DEMO_CARD }, 1)
    expect(k.kiosk.view().cardWrite?.phase).toBe('writing')
    await k.act({ type: 'removeCard' }, 0)
    expect(k.kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { status: 'pending', balanceAfterKzt: 1500 } })
    expect(kinds(k, 'cardWriteFailed').map((r) => r.data)).toEqual([{ transactionId: txId(1), reason: 'cardRemoved' }])
    expect(kinds(k, 'cardWritten')).toEqual([])
    expect(k.cards.pendingTopUps(DEMO_CARD)).toEqual([{ transactionId: txId(1), amountKzt: 1000 }])
    expect(k.cards.get(DEMO_CARD)?.balanceKzt).toBe(1500) // credited once at the host
    expect(status(k)).toBe('pending')
    expectMoneyInvariant(k)
  })

  it('not put back before the wait runs out: given up as a card never presented, pending', async () => {
    const k = writingKiosk()
    await writing(k)
    await k.act({ type: 'removeCard' }, 29)
    expect(k.kiosk.view().screen).toBe('cardWrite')
    await k.clock.advance(1500)
    expect(k.kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { status: 'pending' } })
    expect(kinds(k, 'cardWriteFailed').map((r) => r.data)).toEqual([{ transactionId: txId(1), reason: 'notPresented' }])
    expect(k.cards.pendingTopUps(DEMO_CARD)).toEqual([{ transactionId: txId(1), amountKzt: 1000 }])
    expectMoneyInvariant(k)
  })

  it('the ask-back is for this write only: the next session starts without it', async () => {
    const k = writingKiosk()
    await writing(k)
    await k.act({ type: 'removeCard' })
    await k.act({ type: 'tapCard', number: DEMO_CARD }, 4)
    await k.act({ type: 'done' }, 20)
    await k.act({ type: 'removeCard' }, 5)
    await writing(k)
    expect(k.kiosk.snapshot().context.cardWrite).toMatchObject({ problem: null, askedBack: false })
    await k.act({ type: 'removeCard' }, 1)
    expect(k.kiosk.view().cardWrite).toMatchObject({ phase: 'waiting', problem: 'pulled' })
  })

  it('at activation too: earlier top-ups are written once the card is put back', async () => {
    const k = writingKiosk()
    await writing(k)
    await k.act({ type: 'removeCard' })
    await k.act({ type: 'tapCard', number: DEMO_CARD }, 1)
    await k.act({ type: 'removeCard' }, 70) // given up; the session ends
    expect(k.kiosk.view().screen).toBe('idle')
    await k.act({ type: 'tapCard', number: DEMO_CARD }, 1)
    expect(k.kiosk.view().cardWrite).toMatchObject({ purpose: 'activation', phase: 'writing' })
    await k.act({ type: 'removeCard' }, 1)
    expect(k.kiosk.view()).toMatchObject({ screen: 'cardWrite', cardWrite: { purpose: 'activation', phase: 'waiting', problem: 'pulled' } })
    await k.act({ type: 'tapCard', number: DEMO_CARD }, 4)
    expect(k.kiosk.view()).toMatchObject({ screen: 'amount', pendingTopUps: { activatedKzt: 1000 } })
    expect(k.cards.pendingTopUps(DEMO_CARD)).toEqual([])
    expect(status(k)).toBe('completed')
  })
})
