/** Bill validator conditions: counterfeit notes, a full stacker, a removed cassette. Nothing inserted is lost. */
import { describe, expect, it } from 'vitest'
import { atCashScreen, DEMO_CARD, makeKiosk } from './helpers'

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
    await clock.advance(5000)
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

  it('says a jam is not simulated yet', () => {
    const { kiosk } = makeKiosk()
    expect(kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })).toEqual({ ok: false, error: 'billValidator jam is not simulated yet' })
  })
})
