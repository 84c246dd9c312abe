/**
 * The card reader: read errors, the write of the top-up onto the card after payment, and a
 * top-up that could not be written staying pending at the host until the card's next tap.
 */
import { describe, expect, it } from 'vitest'
import { cardReference, DEMO_CARD_KEY } from '../../src/core/cards'
import { summarizeTransactions } from '../../src/core/report'
import { DEMO_CARD, expectMoneyInvariant, makeKiosk, moneyInvariantAfterEach, txId } from './helpers'

moneyInvariantAfterEach()

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })
const OTHER_CARD = '9398000033334444'

/** Types the demo card's last 8 digits (no card on the reader), pays `amount` in one tenge note and confirms. */
async function paidWithTypedCard(k: ReturnType<typeof makeKiosk>, amount = 1000) {
  await k.act({ type: 'start' })
  for (const d of DEMO_CARD.slice(-8)) k.kiosk.send({ type: 'keypad', key: d as '0' })
  await k.act({ type: 'submitCard' })
  await k.act({ type: 'chooseAmount', kzt: amount })
  await k.act({ type: 'payCash' })
  await k.act(KZT(amount))
  await k.act({ type: 'confirm' })
}

/** Taps the demo card (it stays on the reader), pays 1 000 ₸ in one note; confirming is left to the test. */
async function paidWithCardOnReader(k: ReturnType<typeof makeKiosk>) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 1000 })
  await k.act({ type: 'payCash' })
  await k.act(KZT(1000))
}

/** The first pull mid-write asks the card back (tests/core/cardPulledMidWrite.test.ts); put back, it is being written again. */
async function pulledAndPutBack(k: ReturnType<typeof makeKiosk>) {
  await k.act({ type: 'removeCard' })
  expect(k.kiosk.view().cardWrite).toMatchObject({ phase: 'waiting', problem: 'pulled' })
  await k.act({ type: 'tapCard', number: DEMO_CARD }, 1)
  expect(k.kiosk.view().cardWrite?.phase).toBe('writing')
}

const status = (k: ReturnType<typeof makeKiosk>) => summarizeTransactions(k.journal.all(), k.kiosk.snapshot().context.config).at(-1)?.status

describe('card reader', () => {
  it('a read error shows its own screen; the customer taps again once the reader reads', async () => {
    const k = makeKiosk()
    const { kiosk, act, journal } = k
    expect(kiosk.send({ type: 'fault', device: 'cardReader', fault: 'readError' })).toEqual({ ok: true })
    expect(kiosk.technicianView().devices.cardReader.readError).toBe(true)
    await act({ type: 'tapCard', number: DEMO_CARD })
    expect(kiosk.view().screen).toBe('cardReadError')
    expect(journal.all().at(-1)?.kind).toBe('cardReadFailed')
    await act({ type: 'tapCard', number: DEMO_CARD })
    expect(kiosk.view().screen).toBe('cardReadError')
    kiosk.send({ type: 'clearFault', device: 'cardReader' })
    await act({ type: 'tapCard', number: DEMO_CARD })
    expect(kiosk.view()).toMatchObject({ screen: 'amount', card: { balanceKzt: 500 } })
  })

  it('from the read-error screen the customer can go back and type the number instead', async () => {
    const { kiosk, act, clock } = makeKiosk()
    kiosk.send({ type: 'fault', device: 'cardReader', fault: 'readError' })
    await act({ type: 'start' })
    await act({ type: 'tapCard', number: DEMO_CARD })
    expect(kiosk.view().screen).toBe('cardReadError')
    await act({ type: 'back' })
    expect(kiosk.view().screen).toBe('card')
    await act({ type: 'tapCard', number: DEMO_CARD })
    await clock.advance(10_000)
    expect(kiosk.view().screen).toBe('idle') // the message goes back to the attract screen by itself
  })

  it('a card on the reader is written right after the credit: the top-up is completed', async () => {
    const k = makeKiosk({ config: { devices: { cardReader: { writeMs: 2000 } } } })
    const { kiosk, act, journal, cards } = k
    await paidWithCardOnReader(k)
    await act({ type: 'confirm' }, 1)
    expect(kiosk.view()).toMatchObject({ screen: 'cardWrite', cardWrite: { purpose: 'topUp', phase: 'writing', amountKzt: 1000 } })
    expect(kiosk.technicianView().devices.cardReader).toMatchObject({ state: 'writing', writingFor: '9398 •••• •••• 2222' })
    await act({ type: 'done' }, 2)
    expect(kiosk.view().receipt).toMatchObject({ status: 'completed', balanceAfterKzt: 1500 })
    expect(journal.all().find((r) => r.kind === 'cardWritten')?.data).toMatchObject({ transactionId: txId(1), amountKzt: 1000 })
    expect(cards.pendingTopUps(DEMO_CARD)).toEqual([])
    expect(status(k)).toBe('completed')
    expectMoneyInvariant(k)
  })

  it('a typed card is asked for after payment; presenting it writes the top-up', async () => {
    const k = makeKiosk()
    const { kiosk, act } = k
    await paidWithTypedCard(k)
    expect(kiosk.view()).toMatchObject({ screen: 'cardWrite', cardWrite: { phase: 'waiting', problem: null } })
    expect(status(k)).toBe('pending')
    await act({ type: 'tapCard', number: OTHER_CARD })
    expect(kiosk.view().cardWrite).toMatchObject({ phase: 'waiting', problem: 'wrongCard' })
    await act({ type: 'removeCard' })
    expect((await act({ type: 'tapCard', number: DEMO_CARD })).ok).toBe(true)
    expect(kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { status: 'completed' } })
    expect(status(k)).toBe('completed')
    expectMoneyInvariant(k)
  })

  it('a card never presented: the top-up stays pending at the host, the receipt says so, and the next tap activates it', async () => {
    const k = makeKiosk()
    const { kiosk, act, journal, cards, clock } = k
    await paidWithTypedCard(k)
    await clock.advance(30_000)
    expect(kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { status: 'pending', balanceAfterKzt: 1500 } })
    expect(journal.all().find((r) => r.kind === 'cardWriteFailed')?.data).toEqual({ transactionId: txId(1), reason: 'notPresented' })
    expect(cards.pendingTopUps(DEMO_CARD)).toEqual([{ transactionId: txId(1), amountKzt: 1000 }])
    expect(status(k)).toBe('pending')
    expectMoneyInvariant(k)

    await clock.advance(60_000)
    expect(kiosk.view().screen).toBe('idle')
    await act({ type: 'tapCard', number: DEMO_CARD }, 0.4)
    expect(kiosk.view()).toMatchObject({ screen: 'cardWrite', cardWrite: { purpose: 'activation', amountKzt: 1000 } })
    await act({ type: 'done' }, 2)
    expect(kiosk.view()).toMatchObject({ screen: 'amount', pendingTopUps: { activatedKzt: 1000 } })
    expect(
      journal
        .all()
        .filter((r) => r.kind === 'cardWritten')
        .map((r) => r.data)
    ).toEqual([
      { transactionId: txId(1), card: '9398 •••• •••• 2222', cardRef: cardReference(DEMO_CARD, DEMO_CARD_KEY), amountKzt: 1000, activatedAtTap: true }
    ])
    expect(cards.pendingTopUps(DEMO_CARD)).toEqual([])
    expect(status(k)).toBe('completed')
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500) // activation moves no money: the host credited it once
    expectMoneyInvariant(k)
  })

  it('a card pulled mid-write twice: the top-up is pending; the balance was credited once', async () => {
    const k = makeKiosk({ config: { devices: { cardReader: { writeMs: 3000 } } } })
    const { kiosk, act, journal, cards } = k
    await paidWithCardOnReader(k)
    await act({ type: 'confirm' }, 1)
    expect(kiosk.view().cardWrite?.phase).toBe('writing')
    await pulledAndPutBack(k)
    await act({ type: 'removeCard' })
    expect(kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { status: 'pending' } })
    expect(journal.all().find((r) => r.kind === 'cardWriteFailed')?.data).toMatchObject({ reason: 'cardRemoved' })
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
    expect(status(k)).toBe('pending')
    expectMoneyInvariant(k)
  })

  it('pending top-ups of a typed card are written with the next top-up when the card is presented', async () => {
    const k = makeKiosk()
    const { kiosk, act, journal, clock } = k
    await paidWithTypedCard(k)
    await clock.advance(120_000) // never presented: pending; back to idle
    await act({ type: 'start' })
    for (const d of DEMO_CARD.slice(-8)) kiosk.send({ type: 'keypad', key: d as '0' })
    await act({ type: 'submitCard' })
    expect(kiosk.view().pendingTopUps).toEqual({ count: 1, amountKzt: 1000, activatedKzt: 0 })
    await act({ type: 'chooseAmount', kzt: 2000 })
    await act({ type: 'payCash' })
    await act(KZT(2000))
    await act({ type: 'confirm' })
    expect(kiosk.view().cardWrite).toMatchObject({ phase: 'waiting', amountKzt: 3000 })
    await act({ type: 'tapCard', number: DEMO_CARD })
    expect(
      journal
        .all()
        .filter((r) => r.kind === 'cardWritten')
        .map((r) => r.data.transactionId)
    ).toEqual([txId(1), txId(2)])
    const summaries = summarizeTransactions(journal.all(), kiosk.snapshot().context.config)
    expect(summaries.map((t) => t.status)).toEqual(['completed', 'completed'])
    expectMoneyInvariant(k)
  })

  it('a bank-card top-up is written the same way', async () => {
    const k = makeKiosk()
    const { kiosk, act, clock } = k
    await act({ type: 'start' })
    for (const d of DEMO_CARD.slice(-8)) kiosk.send({ type: 'keypad', key: d as '0' })
    await act({ type: 'submitCard' })
    await act({ type: 'chooseAmount', kzt: 2000 })
    await act({ type: 'payCard' }, 3)
    expect(kiosk.view()).toMatchObject({ screen: 'cardWrite', cardWrite: { phase: 'waiting', amountKzt: 2000 } })
    await clock.advance(30_000)
    expect(kiosk.view().receipt).toMatchObject({ status: 'pending', method: 'card' })
    expectMoneyInvariant(k)
  })

  describe('with other faults', () => {
    it('a reader that cannot read during the write wait says so; the top-up then stays pending', async () => {
      const k = makeKiosk()
      const { kiosk, act, clock } = k
      await paidWithTypedCard(k)
      kiosk.send({ type: 'fault', device: 'cardReader', fault: 'readError' })
      await act({ type: 'tapCard', number: DEMO_CARD })
      expect(kiosk.view().cardWrite).toMatchObject({ phase: 'waiting', problem: 'readError' })
      await clock.advance(30_000)
      expect(kiosk.view().receipt?.status).toBe('pending')
    })

    it('the host down when the write is confirmed: the card holds it, the next tap writes it again and moves no money', async () => {
      const k = makeKiosk()
      const { kiosk, act, journal, cards, clock } = k
      await paidWithCardOnReader(k)
      await act({ type: 'confirm' }, 0.45) // credited (0.3 s), being written (0.3 s)
      expect(kiosk.view().cardWrite?.phase).toBe('writing')
      kiosk.send({ type: 'fault', device: 'host', fault: 'down' })
      await clock.advance(10_000)
      expect(cards.pendingTopUps(DEMO_CARD)).toHaveLength(1) // the host never heard of the write
      expect(status(k)).toBe('completed')
      kiosk.send({ type: 'clearFault', device: 'host' })
      await act({ type: 'removeCard' })
      await act({ type: 'done' }, 2) // the done screen would stay 15 s
      await act({ type: 'tapCard', number: DEMO_CARD })
      expect(kiosk.error()).toBeNull()
      expect(kiosk.view().pendingTopUps?.activatedKzt).toBe(1000)
      expect(journal.all().filter((r) => r.kind === 'cardWritten')).toHaveLength(2)
      expect(cards.pendingTopUps(DEMO_CARD)).toEqual([])
      expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
      expect(status(k)).toBe('completed')
    })

    it('a lost host answer, then the write: credited once and completed', async () => {
      const k = makeKiosk()
      const { kiosk, act, clock, cards } = k
      await paidWithCardOnReader(k)
      kiosk.send({ type: 'fault', device: 'host', fault: 'timeoutAfterCredit' })
      await act({ type: 'confirm' })
      await clock.advance(15_000)
      expect(kiosk.view().receipt?.status ?? status(k)).toBe('completed')
      expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
    })

    it('a jam and a host that stays down: flagged for both reasons, the stacked note listed, nothing credited twice', async () => {
      const k = makeKiosk()
      const { kiosk, act, clock, journal } = k
      await act({ type: 'tapCard', number: DEMO_CARD })
      await act({ type: 'chooseAmount', kzt: 5000 })
      await act({ type: 'payCash' })
      await act(KZT(2000))
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      await act(KZT(1000))
      kiosk.send({ type: 'fault', device: 'host', fault: 'down' })
      await act({ type: 'done' })
      await clock.advance(120_000)
      expect(journal.all().find((r) => r.kind === 'transactionFlagged')?.data).toMatchObject({
        reasons: ['creditOutcomeUnknown', 'noteInDoubt'],
        stacked: [{ value: 2000 }],
        notesInDoubt: [{ value: 1000 }],
        credited: false
      })
      expect(status(k)).toBe('flagged')
    })

    it('the card pulled mid-write with the printer out of paper: pending, and the e-receipt says so', async () => {
      const k = makeKiosk({ config: { devices: { cardReader: { writeMs: 3000 } } } })
      const { kiosk, act } = k
      kiosk.send({ type: 'fault', device: 'printer', fault: 'paperOut' })
      await paidWithCardOnReader(k)
      await act({ type: 'confirm' }, 1)
      await pulledAndPutBack(k)
      await act({ type: 'removeCard' })
      expect(kiosk.view().receipt).toMatchObject({ status: 'pending', printed: 'failed' })
    })
  })
})
