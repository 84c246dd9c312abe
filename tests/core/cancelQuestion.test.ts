/**
 * Cancel once the customer's card is known asks first ("Cancel the top-up?"): Keep going stays, a
 * second Cancel ends the session. Before the card is known, Cancel is immediate.
 */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config'
import { atCashScreen, DEMO_CARD, makeKiosk, moneyInvariantAfterEach } from './helpers'

moneyInvariantAfterEach()

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })

describe('Cancel the top-up?', () => {
  it('asks on the payment-method screen, with the balance the card keeps; Keep going stays there', async () => {
    const { act, kiosk, screen } = makeKiosk()
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 2000 })
    expect(kiosk.view().canCancel).toBe(true)
    expect((await act({ type: 'cancel' })).ok).toBe(true)
    expect(screen()).toBe('paymentMethod')
    expect(kiosk.view().cancelQuestion).toEqual({ balanceKzt: 500, returningNote: null })
    expect((await act({ type: 'keepGoing' })).ok).toBe(true)
    expect(kiosk.view()).toMatchObject({ screen: 'paymentMethod', cancelQuestion: null })
    expect((await act({ type: 'keepGoing' })).ok).toBe(false) // nothing asked now
  })

  it.each(['amount', 'paymentMethod', 'cash'] as const)('on the %s screen a second Cancel ends the session', async (where) => {
    const { act, kiosk, screen, journal } = makeKiosk()
    await act({ type: 'tapCard', number: DEMO_CARD })
    if (where !== 'amount') await act({ type: 'chooseAmount', kzt: 2000 })
    if (where === 'cash') await act({ type: 'payCash' })
    expect(screen()).toBe(where)
    await act({ type: 'cancel' })
    expect(kiosk.view().cancelQuestion).not.toBeNull()
    await act({ type: 'cancel' })
    expect(kiosk.view()).toMatchObject({ screen: 'idle', cancelQuestion: null })
    if (where === 'cash') expect(journal.all().at(-1)?.kind).toBe('transactionCancelled')
  })

  it('is not asked before the card is known: Cancel on the card screen is immediate', async () => {
    const { act, screen } = makeKiosk()
    await act({ type: 'start' })
    await act({ type: 'cancel' })
    expect(screen()).toBe('idle')
  })

  it('closes when a note goes in while it is asked: Cancel is no longer possible', async () => {
    const { act, kiosk } = await atCashScreen(3000)
    await act({ type: 'cancel' })
    expect(kiosk.view().cancelQuestion).not.toBeNull()
    await act(KZT(1000))
    expect(kiosk.view()).toMatchObject({ screen: 'cash', cancelQuestion: null, canCancel: false })
    expect((await act({ type: 'cancel' })).ok).toBe(false)
  })

  it('lets inactivity do what it does without the question: the session ends (no money in)', async () => {
    const { act, clock, kiosk, screen } = makeKiosk()
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'cancel' }, 0)
    expect(kiosk.view().cancelQuestion).not.toBeNull()
    await clock.advance(30_000)
    expect(kiosk.view().warning).toMatchObject({ secondsLeft: 20, onExpiry: 'endSession' })
    await clock.advance(20_000)
    expect(screen()).toBe('idle')
  })
})

describe('the amount presets in the view', () => {
  it('disables what the card cannot take, with the reason a typed amount would get', async () => {
    const nearCap = [{ number: '9398000055556666', balanceKzt: 195_000, status: 'active' as const }]
    const { act, kiosk } = makeKiosk({ cards: nearCap, config: { limits: { minTopUpKzt: 1500 }, amountPresetsKzt: [1000, 2000, 5000, 10000] } })
    await act({ type: 'tapCard', number: '9398000055556666' })
    expect(kiosk.view().maxAmountKzt).toBe(5000)
    expect(kiosk.view().amountPresets).toEqual([
      { kzt: 1000, available: false, reason: 'belowMin' },
      { kzt: 2000, available: true },
      { kzt: 5000, available: true },
      { kzt: 10000, available: false, reason: 'overBalanceCap' }
    ])
  })
})

describe("the cash screen's amount still to insert", () => {
  it('counts the tenge still to insert with the fee included, and the credit apart', async () => {
    const config = { fees: { cashKzt: { percent: '2', minKzt: 50 } } }
    const { act, kiosk } = await atCashScreen(1000, { config })
    // Net 1 000 needs 1 050 in: the fee (50, its minimum) comes off what is inserted.
    expect(kiosk.view().cash).toMatchObject({ remainingKzt: 1050, breakdown: { creditedKzt: 0 } })
    await act(KZT(500))
    // 500 in, fee 50, net 450: 1 050 − 500 still to insert, 450 credited so far.
    expect(kiosk.view().cash).toMatchObject({ remainingKzt: 550, breakdown: { netKzt: 450, creditedKzt: 450 } })
    await act(KZT(1000))
    expect(kiosk.view().cash).toMatchObject({ remainingKzt: 0, accepting: false })
  })
})

describe('the card on the reader', () => {
  it('is in the view while the tapped card lies there, not for a typed number nor once lifted', async () => {
    const tapped = await atCashScreen(1000)
    expect(tapped.kiosk.view().cardOnReader).toBe(true)
    await tapped.act({ type: 'removeCard' })
    expect(tapped.kiosk.view().cardOnReader).toBe(false)

    const typed = makeKiosk()
    await typed.act({ type: 'start' })
    for (const key of DEMO_CARD.slice(-8)) await typed.act({ type: 'keypad', key: key as '0' }, 0)
    await typed.act({ type: 'submitCard' })
    expect(typed.kiosk.view()).toMatchObject({ screen: 'amount', cardOnReader: false })
  })
})

describe('the default language (terminal.defaultLanguage)', () => {
  it('greets in the configured language and returns to it after every session', async () => {
    const { act, kiosk } = makeKiosk({ config: { terminal: { defaultLanguage: 'zh' } } })
    expect(kiosk.view()).toMatchObject({ screen: 'idle', language: 'zh' })
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'language', code: 'en' })
    await act({ type: 'cancel' })
    await act({ type: 'cancel' })
    expect(kiosk.view()).toMatchObject({ screen: 'idle', language: 'zh' })
  })

  it('is Russian by default, and another code is refused naming the field', () => {
    expect(loadConfig().terminal.defaultLanguage).toBe('ru')
    expect(() => loadConfig({ terminal: { defaultLanguage: 'fr' } })).toThrow('terminal.defaultLanguage: expected one of kk, ru, en, zh')
  })
})

describe('the place-card screen has a way out', () => {
  it('"later" leaves before the write: the top-up stays pending at the host, as when the wait runs out', async () => {
    const { act, kiosk, screen, journal } = makeKiosk()
    await act({ type: 'start' })
    for (const key of DEMO_CARD.slice(-8)) await act({ type: 'keypad', key: key as '0' }, 0)
    await act({ type: 'submitCard' })
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCash' })
    await act(KZT(1000))
    await act({ type: 'confirm' })
    expect(kiosk.view()).toMatchObject({ screen: 'cardWrite', cardWrite: { phase: 'waiting', canLeave: true } })
    expect((await act({ type: 'done' })).ok).toBe(true)
    expect(screen()).toBe('receipt')
    expect(kiosk.view().receipt?.status).toBe('pending')
    expect(journal.all().find((r) => r.kind === 'cardWriteFailed')?.data).toMatchObject({ reason: 'notPresented' })
  })
})
