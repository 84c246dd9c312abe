/**
 * The technician view shows cards masked with a handle (their keyed journal reference), never a
 * full number; a tap names its card by number or by that handle, exactly one of them.
 */
import { describe, expect, it } from 'vitest'
import { cardReference, DEMO_CARD_KEY, DEMO_CARDS } from '../../src/core/cards'
import { parseIntent } from '../../src/core/protocol'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach } from './helpers'

moneyInvariantAfterEach()

describe('cards in the technician view', () => {
  it('are masked, with the journal’s keyed reference as their handle, and no full number', () => {
    const { kiosk } = makeKiosk()
    const cards = kiosk.technicianView().cards
    expect(cards).toEqual(
      DEMO_CARDS.map((c) => ({
        masked: `${c.number.slice(0, 4)} •••• •••• ${c.number.slice(-4)}`,
        cardRef: cardReference(c.number, DEMO_CARD_KEY),
        balanceKzt: c.balanceKzt,
        status: c.status
      }))
    )
    const json = JSON.stringify(kiosk.technicianView())
    for (const { number } of DEMO_CARDS) expect(json).not.toContain(number)
  })
})

describe('tapCard', () => {
  it('takes a card by its handle, as by its number', async () => {
    const k = makeKiosk()
    const handle = k.kiosk.technicianView().cards.find((c) => c.masked.endsWith('2222'))!.cardRef
    expect(await k.act({ type: 'tapCard', cardRef: handle })).toEqual({ ok: true })
    expect(k.kiosk.view().card).toEqual({ masked: '9398 •••• •••• 2222', balanceKzt: 500 })
    expect(k.kiosk.cardReader().getSnapshot().context.card).toBe(DEMO_CARD)
  })

  it('refuses a handle no card of the kiosk has, and changes nothing', async () => {
    const k = makeKiosk()
    expect(await k.act({ type: 'tapCard', cardRef: cardReference(DEMO_CARD, new Uint8Array(32)) })).toEqual({
      ok: false,
      error: 'no card of this kiosk has that cardRef'
    })
    expect(k.screen()).toBe('idle')
    expect(k.kiosk.cardReader().getSnapshot().context.card).toBeNull()
  })

  it('is validated: a number or a handle, exactly one, each in its shape', () => {
    const ref = cardReference(DEMO_CARD, DEMO_CARD_KEY)
    expect(parseIntent({ type: 'tapCard', number: DEMO_CARD }, 'technician')).toEqual({ ok: true, intent: { type: 'tapCard', number: DEMO_CARD } })
    expect(parseIntent({ type: 'tapCard', cardRef: ref }, 'technician')).toEqual({ ok: true, intent: { type: 'tapCard', cardRef: ref } })
    const both = parseIntent({ type: 'tapCard', number: DEMO_CARD, cardRef: ref }, 'technician')
    expect(both).toEqual({ ok: false, error: 'invalid intent: tapCard takes exactly one of number (16 digits) or cardRef' })
    expect(parseIntent({ type: 'tapCard' }, 'technician')).toEqual(both)
    expect(parseIntent({ type: 'tapCard', cardRef: 'abc' }, 'technician')).toEqual({
      ok: false,
      error: 'invalid intent at cardRef: expected a card reference (64 hex digits)'
    })
    expect(parseIntent({ type: 'tapCard', number: '1234' }, 'technician')).toEqual({ ok: false, error: 'invalid intent at number: expected 16 digits' })
    expect(parseIntent({ type: 'tapCard', cardRef: ref }, 'kiosk')).toEqual({ ok: false, error: 'the kiosk screen may not send "tapCard"' })
  })
})
