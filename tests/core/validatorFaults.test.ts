/** Bill validator conditions: counterfeit notes, a full stacker, a removed cassette. Nothing inserted is lost. */
import { describe, expect, it } from 'vitest'
import { summarizeTransactions } from '../../src/core/report'
import { DEMO_CARD, atCashScreen, expectMoneyInvariant, makeKiosk, moneyInvariantAfterEach, txId } from './helpers'

moneyInvariantAfterEach()

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })

describe('bill validator faults', () => {
  it('rejects a counterfeit note, says why, and takes the next good one', async () => {
    const { kiosk, act, journal } = await atCashScreen(3000)
    kiosk.send({ type: 'fault', device: 'billValidator', fault: 'counterfeit' })
    expect(kiosk.technicianView().devices.billValidator.counterfeitNext).toBe(true)
    await act(KZT(1000))
    expect(kiosk.view().cash).toMatchObject({ stacked: [], lastReturned: { note: { value: 1000 }, reason: 'counterfeit' } })
    expect(journal.all().at(-1)).toMatchObject({ kind: 'noteReturned', data: { reason: 'counterfeit' } })
    await act(KZT(1000))
    expect(kiosk.view().cash?.stacked).toEqual([{ currency: 'KZT', value: 1000 }])
  })

  it('stops taking cash when the stacker reaches its capacity, finishes the transaction, and offers only the bank card after it', async () => {
    const { kiosk, act, clock, cards } = await atCashScreen(3000, { config: { devices: { billValidator: { stackerCapacity: 2 } } } })
    await act(KZT(1000))
    await act(KZT(1000))
    expect(kiosk.technicianView().devices.billValidator).toMatchObject({ condition: 'stackerFull', state: 'disabled' })
    expect(kiosk.view().cashUnavailable).toBe('stackerFull')
    await act(KZT(1000))
    expect(kiosk.view().cash?.stacked).toHaveLength(2) // the third note never went in
    expect(kiosk.view().cash?.lastReturned?.reason).toBe('acceptorOff')
    await act({ type: 'confirm' })
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
    await clock.advance(17_000) // the done screen (15 s) and the goodbye
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 1000 })
    expect(kiosk.view().paymentMethods).toEqual({ cash: false, card: true })
    expect((await act({ type: 'payCash' })).ok).toBe(false)
    kiosk.send({ type: 'clearFault', device: 'billValidator' }) // staff emptied the stacker
    expect(kiosk.view().paymentMethods).toEqual({ cash: true, card: true })
    expect(kiosk.technicianView().devices.billValidator.cashbox).toEqual([])
  })

  it('a removed cassette keeps every note already stacked and refuses new ones', async () => {
    const { kiosk, act, journal } = await atCashScreen(3000)
    await act(KZT(1000))
    kiosk.send({ type: 'fault', device: 'billValidator', fault: 'cassetteRemoved' })
    await act(KZT(1000))
    expect(kiosk.view()).toMatchObject({ cashUnavailable: 'cassetteRemoved', cash: { stacked: [{ value: 1000 }] }, canConfirm: true })
    expect(journal.all().some((r) => r.kind === 'validatorCondition' && r.data.condition === 'cassetteRemoved')).toBe(true)
  })

  describe('jam', () => {
    it('a jam while stacking the first note: nothing credited, the note in doubt, flagged, the customer told the reference', async () => {
      const k = await atCashScreen(3000)
      const { kiosk, act, journal, cards, clock } = k
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      expect(kiosk.technicianView().devices.billValidator.jamNext).toBe(true)
      await act(KZT(1000))
      const view = kiosk.view()
      expect(view).toMatchObject({
        screen: 'billJam',
        notesInDoubt: [{ currency: 'KZT', value: 1000 }],
        cashUnavailable: 'jam',
        topUp: { transactionId: txId(1) }
      })
      expect(view.terminal).toMatchObject({ id: '00412783', supportPhone: '+7 727 356 00 00' })
      expect(kiosk.technicianView().devices.billValidator).toMatchObject({ state: 'jammed', condition: 'jam', jammedNote: { value: 1000 } })
      expect(journal.all().find((r) => r.kind === 'noteInDoubt')?.data).toEqual({
        transactionId: txId(1),
        note: { currency: 'KZT', value: 1000 },
        phase: 'stacking'
      })
      await act({ type: 'done' })
      expect(kiosk.view()).toMatchObject({
        screen: 'receipt',
        receipt: { status: 'flagged', notesInDoubt: [{ value: 1000 }], notes: [], balanceAfterKzt: null }
      })
      expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(500)
      expect(journal.all().find((r) => r.kind === 'transactionFlagged')?.data).toMatchObject({
        reasons: ['noteInDoubt'],
        notesInDoubt: [{ value: 1000 }],
        stacked: [],
        credited: false
      })
      expect(journal.all().some((r) => r.kind === 'creditRequested')).toBe(false)
      await clock.advance(60_000)
      expectMoneyInvariant(k)
    })

    it('a jam after notes were stacked: those are credited and written, the jammed one is in doubt and the transaction flagged', async () => {
      const k = await atCashScreen(5000)
      const { kiosk, act, journal, cards, clock } = k
      await act(KZT(2000))
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      await act(KZT(1000))
      expect(kiosk.view()).toMatchObject({ screen: 'billJam', topUp: { breakdown: { creditedKzt: 2000 } }, canCancel: false })
      await clock.advance(30_000) // the notice goes on by itself
      expect(kiosk.view()).toMatchObject({
        screen: 'receipt',
        receipt: { status: 'flagged', notes: [{ value: 2000 }], notesInDoubt: [{ value: 1000 }], balanceAfterKzt: 2500 }
      })
      expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
      const kinds = journal.all().map((r) => r.kind)
      expect(kinds.indexOf('noteInDoubt')).toBeLessThan(kinds.indexOf('creditRequested'))
      expect(kinds).toContain('cardWritten')
      expect(kinds).not.toContain('transactionCompleted')
      expect(journal.all().find((r) => r.kind === 'transactionFlagged')?.data).toMatchObject({ reasons: ['noteInDoubt'], credited: true, creditedKzt: 2000 })
      expectMoneyInvariant(k)
    })

    it('stops cash until staff clear the jam; clearing keeps the cashbox count and takes notes again', async () => {
      const k = await atCashScreen(5000)
      const { kiosk, act, clock } = k
      await act(KZT(2000))
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      await act(KZT(1000))
      await act({ type: 'done' })
      await clock.advance(60_000)
      expect(kiosk.view().screen).toBe('idle')
      await act({ type: 'tapCard', number: DEMO_CARD })
      await act({ type: 'chooseAmount', kzt: 1000 })
      expect(kiosk.view()).toMatchObject({ cashUnavailable: 'jam', paymentMethods: { cash: false, card: true } })
      kiosk.send({ type: 'clearFault', device: 'billValidator' })
      expect(kiosk.technicianView().devices.billValidator).toMatchObject({
        condition: null,
        jammedNote: null,
        cashbox: [{ currency: 'KZT', value: 2000, count: 1 }]
      })
      expect(kiosk.view().paymentMethods.cash).toBe(true)
      await act({ type: 'payCash' })
      await act(KZT(1000))
      expect(kiosk.view().cash?.stacked).toEqual([{ currency: 'KZT', value: 1000 }])
      expectMoneyInvariant(k)
    })

    it('jams the note in the path at once when a note is being stacked', async () => {
      const k = await atCashScreen(3000)
      const { kiosk, act, journal } = k
      await act(KZT(1000), 0.2) // still on its way into the cashbox
      expect(kiosk.technicianView().devices.billValidator.state).toBe('stacking')
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      expect(kiosk.view().screen).toBe('billJam')
      expect(journal.all().find((r) => r.kind === 'noteInDoubt')?.data.phase).toBe('stacking')
      await act({ type: 'done' })
      expectMoneyInvariant(k)
    })

    it('a refused note that jams on its way back is in doubt: the transaction is flagged with it listed', async () => {
      const capped = [{ number: DEMO_CARD, balanceKzt: 199_500, status: 'active' as const }]
      const k = await atCashScreen(500, { cards: capped })
      const { kiosk, act, journal } = k
      await act(KZT(1000), 0) // over the balance cap: on its way back
      expect(kiosk.technicianView().devices.billValidator.state).toBe('returning')
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      expect(kiosk.view().screen).toBe('billJam')
      expect(journal.all().find((r) => r.kind === 'noteInDoubt')?.data).toMatchObject({ phase: 'returning' })
      await act({ type: 'done' })
      expect(kiosk.view().receipt).toMatchObject({ status: 'flagged', notes: [], notesInDoubt: [{ value: 1000 }] })
      expectMoneyInvariant(k)
    })

    it('a note jammed on its way back after the customer cancelled flags the cancelled transaction', async () => {
      const capped = [{ number: DEMO_CARD, balanceKzt: 199_500, status: 'active' as const }]
      const k = await atCashScreen(500, { cards: capped })
      const { kiosk, act, journal } = k
      await act(KZT(1000), 0)
      await act({ type: 'cancel' }, 0) // "Cancel the top-up?"
      await act({ type: 'cancel' }, 0)
      expect(kiosk.view().screen).toBe('idle')
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      const flag = journal.all().find((r) => r.kind === 'transactionFlagged')
      expect(flag?.data).toMatchObject({ transactionId: txId(1), reasons: ['noteInDoubt'], notesInDoubt: [{ value: 1000 }] })
      expect(summarizeTransactions(journal.all(), kiosk.snapshot().context.config)[0]).toMatchObject({ status: 'flagged', inDoubt: [{ value: 1000 }] })
      expectMoneyInvariant(k)
    })

    it('armed with no note in the path, the jam waits for the next note and cash stays on offer until then', async () => {
      const k = makeKiosk()
      const { kiosk, act } = k
      kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
      await act({ type: 'tapCard', number: DEMO_CARD })
      await act({ type: 'chooseAmount', kzt: 1000 })
      expect(kiosk.view()).toMatchObject({ cashUnavailable: null, paymentMethods: { cash: true } })
      expect(kiosk.technicianView().devices.billValidator).toMatchObject({ condition: null, jamNext: true })
      kiosk.send({ type: 'clearFault', device: 'billValidator' })
      expect(kiosk.technicianView().devices.billValidator.jamNext).toBe(false) // the trainer called the drill off
    })
  })
})
