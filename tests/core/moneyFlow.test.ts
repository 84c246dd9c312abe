/** The money-rules release in the flow: foreign notes at a locked quote, bonus, bank card. */
import { describe, expect, it } from 'vitest'
import { atCashScreen, makeKiosk, moneyInvariantAfterEach } from './helpers'

moneyInvariantAfterEach()

const CARD = '9398000011112222' // 500 ₸
const note = (currency: 'KZT' | 'USD' | 'EUR' | 'RUB' | 'CNY', value: number) => ({ type: 'insertBill' as const, currency, value })

const atCash = atCashScreen

describe('foreign notes at the quoted rate', () => {
  it('shows the quote with its time and validity before the first note', async () => {
    const { kiosk, clock } = await atCash(3000)
    const quote = kiosk.view().cash!.quote!
    expect(quote.rates).toContainEqual({ currency: 'USD', rate: '471.3725' })
    expect(Date.parse(quote.validUntil!) - Date.parse(quote.quotedAt)).toBe(120_000)
    expect(Date.parse(quote.quotedAt)).toBeLessThanOrEqual(clock.now())
  })

  it('shows per currency how many notes reach the chosen amount and what they credit', async () => {
    const { kiosk } = await atCash(3000)
    const usd = kiosk.view().cash!.options.find((o) => o.currency === 'USD')!
    expect(usd).toMatchObject({ rate: '471.3725', units: 7, notes: [5, 2] })
    expect(usd.breakdown).toMatchObject({ grossKzt: 3299, feeKzt: 100, creditedKzt: 3199 })
    expect(kiosk.view().cash!.options.find((o) => o.currency === 'KZT')).toMatchObject({ units: 3000, notes: [2000, 1000] })
  })

  it('converts each currency once and charges the foreign fee on the foreign part only', async () => {
    const { act, kiosk, clock, cards } = await atCash(5000)
    await act(note('USD', 5))
    await act(note('KZT', 2000))
    await act(note('USD', 2))
    const b = kiosk.view().cash!.breakdown
    // 7 USD → floor(3299.6075) = 3299; fee max(100, ceil(65.98)) = 100; tenge 2000 without fee.
    expect(b).toMatchObject({ tengeGrossKzt: 2000, foreignGrossKzt: 3299, grossKzt: 5299, feeKzt: 100, netKzt: 5199, bonusKzt: 0, creditedKzt: 5199 })
    expect(kiosk.view().cash!.paid).toEqual([
      { currency: 'USD', units: 7 },
      { currency: 'KZT', units: 2000 }
    ])
    await act({ type: 'confirm' })
    expect(kiosk.view().receipt).toMatchObject({ quote: { rates: { USD: '471.3725' } }, breakdown: { creditedKzt: 5199 } })
    expect(cards.get(CARD)?.balanceKzt).toBe(500 + 5199)
    await clock.advance(5000)
  })

  it('adds the bonus of the tier the net reaches', async () => {
    const { act, kiosk } = await atCash(20000)
    await act(note('KZT', 20000))
    expect(kiosk.view().cash!.breakdown).toMatchObject({ netKzt: 20000, bonusKzt: 1000, creditedKzt: 21000 })
  })
})

describe('rate lock', () => {
  it('takes a fresh quote at the new market rate when the old one runs out with nothing stacked', async () => {
    const { kiosk, clock, journal } = await atCash(3000)
    const first = kiosk.view().cash!.quote!
    kiosk.send({ type: 'setRate', currency: 'USD', rate: '480' })
    expect(kiosk.view().cash!.quote!.rates).toContainEqual({ currency: 'USD', rate: '471.3725' }) // new quotes only
    kiosk.send({ type: 'moreTime' })
    await clock.advance(25_000)
    kiosk.send({ type: 'keypad', key: '1' }) // stay active
    await clock.advance(25_000)
    kiosk.send({ type: 'keypad', key: '1' })
    await clock.advance(25_000)
    kiosk.send({ type: 'keypad', key: '1' })
    await clock.advance(25_000)
    kiosk.send({ type: 'keypad', key: '1' })
    await clock.advance(21_000)
    const second = kiosk.view().cash!.quote!
    expect(second.quotedAt).not.toBe(first.quotedAt)
    expect(second.rates).toContainEqual({ currency: 'USD', rate: '480' })
    expect(journal.all().filter((r) => r.kind === 'ratesQuoted')).toHaveLength(2)
    expect(journal.all().some((r) => r.kind === 'rateChanged')).toBe(true)
  })

  it('holds the quote for the whole transaction once a note is stacked', async () => {
    const { act, kiosk, clock } = await atCash(5000)
    await act(note('USD', 5))
    expect(kiosk.view().cash!.quote!.validUntil).toBeNull()
    kiosk.send({ type: 'setRate', currency: 'USD', rate: '300' })
    for (let waited = 0; waited < 150_000; waited += 20_000) {
      kiosk.send({ type: 'keypad', key: '1' }) // any touch keeps the session
      await clock.advance(20_000)
    }
    expect(kiosk.view().screen).toBe('cash')
    await act(note('USD', 5))
    // 10 USD at the locked 471.3725 = 4713, fee 100 → 4613; at 300 it would have been 2900.
    expect(kiosk.view().cash!.breakdown).toMatchObject({ foreignGrossKzt: 4713, creditedKzt: 4613 })
    expect(kiosk.view().cash!.quote!.rates).toContainEqual({ currency: 'USD', rate: '471.3725' })
  })

  it('does not requote while a note is on its way into the cashbox', async () => {
    const { kiosk, clock, journal } = await atCash(5000, { config: { timeouts: { rateLockSeconds: 1 }, devices: { billValidator: { stackMs: 3000 } } } })
    const quotes = () => journal.all().filter((r) => r.kind === 'ratesQuoted').length
    await clock.advance(500) // just after a fresh quote
    const before = quotes()
    const locked = kiosk.view().cash!.quote!.quotedAt
    kiosk.send(note('USD', 5))
    await clock.advance(2000) // the quote ran out during stacking
    expect(quotes()).toBe(before)
    await clock.advance(2000)
    expect(kiosk.view().cash!.stacked).toEqual([{ currency: 'USD', value: 5 }])
    await clock.advance(5000)
    expect(quotes()).toBe(before)
    expect(kiosk.view().cash!.quote).toMatchObject({ quotedAt: locked, validUntil: null })
  })

  it('requotes once a refused note has come back', async () => {
    const { kiosk, clock, journal } = await atCash(5000, { config: { timeouts: { rateLockSeconds: 1 }, devices: { billValidator: { returnMs: 3000 } } } })
    kiosk.send(note('USD', 3)) // no 3-dollar notes: returned
    await clock.advance(4000)
    expect(kiosk.view().cash!.lastReturned?.reason).toBe('notAccepted')
    expect(journal.all().filter((r) => r.kind === 'ratesQuoted').length).toBeGreaterThanOrEqual(2)
  })

  it('refuses a rate for a currency the kiosk does not take', () => {
    const { kiosk } = makeKiosk({ config: { currencies: { USD: { rate: '470', bills: [10] }, EUR: null, RUB: null, CNY: null } } })
    expect(kiosk.send({ type: 'setRate', currency: 'USD', rate: '480' })).toEqual({ ok: true })
    expect(kiosk.technicianView().marketRates).toEqual([{ currency: 'USD', rate: '480' }])
    expect(kiosk.send({ type: 'setRate', currency: 'EUR', rate: '500' })).toEqual({ ok: false, error: 'EUR is not an accepted currency on this kiosk' })
  })
})

describe('bank card', () => {
  async function atPaymentMethod(amount = 5000) {
    const k = makeKiosk()
    await k.act({ type: 'tapCard', number: CARD })
    await k.act({ type: 'chooseAmount', kzt: amount })
    return k
  }

  it('charges the chosen amount and credits it with the bonus', async () => {
    const { act, kiosk, clock, cards, journal } = await atPaymentMethod(10000)
    expect(kiosk.view().cardPreview).toMatchObject({ grossKzt: 10000, feeKzt: 0, bonusKzt: 500, creditedKzt: 10500 })
    await act({ type: 'payCard' }, 0)
    expect(kiosk.view().screen).toBe('bankCard')
    expect(kiosk.view().canCancel).toBe(false)
    expect(kiosk.view().topUp).toMatchObject({ method: 'card', breakdown: { creditedKzt: 10500 } })
    expect(kiosk.view().paymentMethods).toEqual({ cash: false, card: false })
    await clock.advance(3000) // terminal, host, then the write onto the card held on the reader
    expect(kiosk.view().screen).toBe('receipt')
    expect(kiosk.view().receipt).toMatchObject({
      method: 'card',
      status: 'completed',
      cardPayment: { maskedPan: '4400 •••• •••• 1234' },
      breakdown: { creditedKzt: 10500 }
    })
    expect(cards.get(CARD)?.balanceKzt).toBe(11000)
    expect(journal.all().map((r) => r.kind)).toContain('cardCharged')
  })

  it('shows a decline with its reason, charges nothing, and lets the customer pay cash instead', async () => {
    const { act, kiosk, cards, journal } = await atPaymentMethod()
    expect(kiosk.send({ type: 'fault', device: 'pos', fault: 'decline', reason: 'wrongPin' })).toEqual({ ok: true })
    await act({ type: 'payCard' })
    expect(kiosk.view()).toMatchObject({ screen: 'bankCardDeclined', bankCard: { declineReason: 'wrongPin' } })
    expect(journal.all().at(-1)?.kind).toBe('transactionCancelled')
    await act({ type: 'back' })
    expect(kiosk.view().screen).toBe('paymentMethod')
    await act({ type: 'payCash' })
    expect(kiosk.view().screen).toBe('cash')
    expect(cards.get(CARD)?.balanceKzt).toBe(500)
  })

  it('gives up on a terminal that never answers', async () => {
    const { act, kiosk, clock } = await atPaymentMethod()
    kiosk.send({ type: 'fault', device: 'pos', fault: 'timeout' })
    await act({ type: 'payCard' }, 59)
    expect(kiosk.view().screen).toBe('bankCard')
    await clock.advance(1000)
    expect(kiosk.view().screen).toBe('bankCardTimeout')
    kiosk.send({ type: 'clearFault', device: 'pos' })
    await act({ type: 'back' })
    await act({ type: 'payCard' }, 3)
    expect(kiosk.view().screen).toBe('receipt')
  })

  it('names an unknown fault and the ones it knows', () => {
    const { kiosk } = makeKiosk()
    expect(kiosk.send({ type: 'fault', device: 'pos', fault: 'jam' })).toEqual({
      ok: false,
      error: 'unknown pos fault "jam"; expected one of decline, timeout'
    })
    expect(kiosk.send({ type: 'fault', device: 'cardReader', fault: 'paperOut' })).toEqual({
      ok: false,
      error: 'unknown cardReader fault "paperOut"; expected one of readError'
    })
  })
})
