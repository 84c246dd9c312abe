import { describe, expect, it } from 'vitest'
import { MemoryJournal, type RecordData } from '../../src/core/journal'
import { receiptDocument } from '../../src/core/receipt/document'
import { atCashScreen, makeKiosk, moneyInvariantAfterEach, txId, testBootNonce } from './helpers'

moneyInvariantAfterEach()

const CARD = '9398000011112222' // 500 ₸, active
const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })

const atCash = (amount = 3000, options: Parameters<typeof makeKiosk>[0] = {}) => atCashScreen(amount, options)

describe('attract screen and card identification', () => {
  it('starts on the attract screen and opens the card keypad on touch', async () => {
    const { act, screen, kiosk } = makeKiosk()
    expect(screen()).toBe('idle')
    expect(kiosk.view().canCancel).toBe(false)
    await act({ type: 'start' })
    expect(screen()).toBe('card')
  })

  it('looks a card up when it is tapped on the attract screen and shows its balance', async () => {
    const { act, screen, kiosk } = makeKiosk()
    kiosk.send({ type: 'tapCard', number: CARD })
    expect(screen()).toBe('checkingCard')
    await act({ type: 'language', code: 'en' })
    expect(screen()).toBe('amount')
    expect(kiosk.view().card).toEqual({ masked: '9398 •••• •••• 2222', balanceKzt: 500 })
  })

  it('takes the last 8 digits typed on the keypad, ignoring a 9th digit', async () => {
    const { act, screen, kiosk } = makeKiosk()
    await act({ type: 'start' })
    for (const d of '111122229') kiosk.send({ type: 'keypad', key: d as '1' })
    expect(kiosk.view().cardEntry).toBe('11112222')
    kiosk.send({ type: 'keypad', key: 'backspace' })
    expect(kiosk.view().cardEntry).toBe('1111222')
    expect(kiosk.send({ type: 'submitCard' })).toEqual({ ok: false, error: '"submitCard" is not possible on the card screen' })
    kiosk.send({ type: 'keypad', key: '2' })
    await act({ type: 'submitCard' })
    expect(screen()).toBe('amount')
    expect(kiosk.view().card?.masked).toBe('9398 •••• •••• 2222')
  })

  it.each([
    ['an unknown card', '9398000000000001', 'cardUnknown'],
    ['a blocked card', '9398000077778888', 'cardBlocked'],
    ['an expired card', '9398000099990000', 'cardExpired']
  ] as const)('shows %s its own screen with a way back', async (_, number, expected) => {
    const { act, screen } = makeKiosk()
    await act({ type: 'tapCard', number })
    expect(screen()).toBe(expected)
    await act({ type: 'back' })
    expect(screen()).toBe('card')
    await act({ type: 'tapCard', number })
    await act({ type: 'cancel' })
    expect(screen()).toBe('idle')
  })

  it('leaves a card-problem screen by itself after the message time', async () => {
    const { act, clock, screen } = makeKiosk()
    await act({ type: 'tapCard', number: '9398000077778888' }, 0.5)
    expect(screen()).toBe('cardBlocked')
    await clock.advance(9_000)
    expect(screen()).toBe('cardBlocked')
    await clock.advance(1_000)
    expect(screen()).toBe('idle')
  })

  it('accepts a good card tapped on a card-problem screen', async () => {
    const { act, screen } = makeKiosk()
    await act({ type: 'tapCard', number: '9398000077778888' })
    await act({ type: 'tapCard', number: CARD })
    expect(screen()).toBe('amount')
  })

  it('treats typed digits that match no card as unknown', async () => {
    const { act, screen, kiosk } = makeKiosk()
    await act({ type: 'start' })
    for (const d of '12345678') kiosk.send({ type: 'keypad', key: d as '1' })
    await act({ type: 'submitCard' })
    expect(screen()).toBe('cardUnknown')
  })
})

describe('amount', () => {
  it('goes on with a preset amount and back to the amount with back', async () => {
    const { act, screen, kiosk } = makeKiosk()
    await act({ type: 'tapCard', number: CARD })
    await act({ type: 'chooseAmount', kzt: 5000 })
    expect(screen()).toBe('paymentMethod')
    expect(kiosk.view().amountKzt).toBe(5000)
    await act({ type: 'back' })
    expect(screen()).toBe('amount')
  })

  it('takes a typed amount from the keypad', async () => {
    const { act, screen, kiosk } = makeKiosk()
    await act({ type: 'tapCard', number: CARD })
    kiosk.send({ type: 'keypad', key: '0' }) // no leading zero
    for (const d of '2500') kiosk.send({ type: 'keypad', key: d as '2' })
    expect(kiosk.view().amountEntry).toBe('2500')
    await act({ type: 'submitAmount' })
    expect(screen()).toBe('paymentMethod')
    expect(kiosk.view().amountKzt).toBe(2500)
  })

  it.each([
    ['below the minimum', 50, 'belowMin'],
    ['above the maximum per top-up', 100_001, 'aboveMax']
  ] as const)('refuses an amount %s on the spot, saying why', async (_, kzt, refusal) => {
    const { act, screen, kiosk } = makeKiosk()
    await act({ type: 'tapCard', number: CARD })
    await act({ type: 'chooseAmount', kzt })
    expect(screen()).toBe('amount')
    expect(kiosk.view().amountRefusal).toBe(refusal)
    kiosk.send({ type: 'keypad', key: '1' })
    expect(kiosk.view().amountRefusal).toBeNull()
  })

  it('refuses an amount that would take the card over its balance cap', async () => {
    const { act, screen, kiosk } = makeKiosk()
    await act({ type: 'tapCard', number: '9398000055556666' }) // 195 000 of 200 000
    expect(kiosk.view().maxAmountKzt).toBe(5000)
    await act({ type: 'chooseAmount', kzt: 10000 })
    expect(screen()).toBe('amount')
    expect(kiosk.view().amountRefusal).toBe('overBalanceCap')
    await act({ type: 'chooseAmount', kzt: 5000 })
    expect(screen()).toBe('paymentMethod')
  })

  it('refuses an amount whose bonus would take the card over its cap, and says how much it can take', async () => {
    const { act, screen, kiosk } = makeKiosk({ cards: [{ number: CARD, balanceKzt: 190_000, status: 'active' }] })
    await act({ type: 'tapCard', number: CARD })
    expect(kiosk.view().maxAmountKzt).toBe(9999) // 10 000 would earn a 500 ₸ bonus: 200 500
    await act({ type: 'chooseAmount', kzt: 10000 })
    expect(kiosk.view()).toMatchObject({ screen: 'amount', amountRefusal: 'overBalanceCap' })
    await act({ type: 'chooseAmount', kzt: 9999 })
    expect(screen()).toBe('paymentMethod')
    expect(kiosk.view().paymentMethods).toEqual({ cash: true, card: true })
  })
})

describe('cash', () => {
  it('shows the running total and what remains, and credits exactly what was stacked', async () => {
    const { act, kiosk, screen, cards, clock } = await atCash(3000)
    expect(kiosk.view().cash).toMatchObject({ stacked: [], remainingKzt: 3000, accepting: true })
    expect(kiosk.view().canConfirm).toBe(false)
    await act(KZT(1000))
    await act(KZT(500))
    expect(kiosk.view().cash).toMatchObject({
      stacked: [
        { currency: 'KZT', value: 1000 },
        { currency: 'KZT', value: 500 }
      ],
      remainingKzt: 1500
    })
    expect(kiosk.view().cash?.breakdown.grossKzt).toBe(1500)
    await act({ type: 'confirm' }, 0)
    expect(screen()).toBe('crediting')
    await clock.advance(1000)
    expect(screen()).toBe('receipt')
    expect(kiosk.view().receipt).toMatchObject({
      maskedCard: '9398 •••• •••• 2222',
      balanceBeforeKzt: 500,
      balanceAfterKzt: 2000,
      notes: [{ value: 1000 }, { value: 500 }]
    })
    expect(kiosk.view().receipt?.breakdown.creditedKzt).toBe(1500)
    expect(cards.get(CARD)?.balanceKzt).toBe(2000)
  })

  it('shows a note being checked while it is in the validator', async () => {
    const { kiosk, clock } = await atCash()
    kiosk.send(KZT(1000))
    expect(kiosk.view().cash?.noteInEscrow).toEqual({ currency: 'KZT', value: 1000 })
    expect(kiosk.view().canConfirm).toBe(false)
    expect(kiosk.view().canCancel).toBe(false) // it is on its way into the cashbox
    await clock.advance(1000)
    expect(kiosk.view().cash?.noteInEscrow).toBeNull()
    expect(kiosk.view().canConfirm).toBe(true)
  })

  it('accepts the note that passes the chosen amount, then returns further notes', async () => {
    const { act, kiosk } = await atCash(1500)
    await act(KZT(1000))
    await act(KZT(2000))
    expect(kiosk.view().cash).toMatchObject({ remainingKzt: 0, accepting: false })
    expect(kiosk.view().cash?.breakdown.grossKzt).toBe(3000)
    expect(kiosk.validator().getSnapshot().value).toBe('disabled')
    await act(KZT(500))
    expect(kiosk.view().cash?.lastReturned).toEqual({ note: { currency: 'KZT', value: 500 }, reason: 'amountReached' })
    expect(kiosk.view().cash?.stacked).toHaveLength(2)
  })

  it('returns a note the kiosk does not take', async () => {
    const { act, kiosk } = await atCash()
    await act(KZT(300))
    expect(kiosk.view().cash?.lastReturned).toEqual({ note: { currency: 'KZT', value: 300 }, reason: 'notAccepted' })
    await act({ type: 'insertBill', currency: 'USD', value: 3 })
    expect(kiosk.view().cash?.lastReturned?.reason).toBe('notAccepted')
    await act({ type: 'insertBill', currency: 'GBP' as 'USD', value: 10 }) // a currency the kiosk does not know
    expect(kiosk.view().cash?.lastReturned?.reason).toBe('notAccepted')
    expect(kiosk.view().cash?.stacked).toEqual([])
    await act(KZT(1000))
    expect(kiosk.view().cash?.lastReturned).toBeNull() // the message goes once a note is accepted
  })

  it('returns a note that would break the per-top-up maximum', async () => {
    const { act, kiosk } = await atCash(1000, { config: { limits: { maxTopUpKzt: 1500 } } })
    await act(KZT(2000))
    expect(kiosk.view().cash?.lastReturned?.reason).toBe('overMaxTopUp')
  })

  it('returns a note that would take the balance over the cap', async () => {
    const k = makeKiosk()
    await k.act({ type: 'tapCard', number: '9398000055556666' }) // 195 000
    await k.act({ type: 'chooseAmount', kzt: 4000 })
    await k.act({ type: 'payCash' })
    await k.act(KZT(10000))
    expect(k.kiosk.view().cash?.lastReturned?.reason).toBe('overBalanceCap')
    await k.act(KZT(5000))
    expect(k.kiosk.view().cash?.stacked).toEqual([{ currency: 'KZT', value: 5000 }])
  })

  it('lets the customer cancel or go back until the first note is stacked, and never after', async () => {
    const { act, kiosk, screen, journal } = await atCash()
    expect(kiosk.view()).toMatchObject({ canCancel: true, canGoBack: true })
    await act({ type: 'back' })
    expect(screen()).toBe('paymentMethod')
    await act({ type: 'payCash' })
    await act(KZT(1000))
    expect(kiosk.view()).toMatchObject({ canCancel: false, canGoBack: false, canConfirm: true })
    expect((await act({ type: 'cancel' })).ok).toBe(false)
    expect((await act({ type: 'back' })).ok).toBe(false)
    expect(screen()).toBe('cash')
    const kinds = journal.all().map((r) => r.kind)
    expect(kinds.filter((k) => k === 'transactionCancelled')).toHaveLength(1)
    expect(kinds.filter((k) => k === 'transactionStarted')).toHaveLength(2)
  })

  it('cancels before any note: nothing credited, the transaction is journaled as cancelled', async () => {
    const { act, screen, journal, cards, kiosk } = await atCash()
    await act({ type: 'cancel' })
    expect(kiosk.view().cancelQuestion).toEqual({ balanceKzt: 500, returningNote: null }) // "Cancel the top-up?"
    await act({ type: 'cancel' })
    expect(screen()).toBe('idle')
    expect(journal.all().at(-1)).toMatchObject({ kind: 'transactionCancelled', data: { transactionId: txId(1) } })
    expect(cards.get(CARD)?.balanceKzt).toBe(500)
  })

  it('gives back a note still in escrow when the customer cancels', async () => {
    const { kiosk, clock, screen, journal } = await atCash()
    // Hold the note in escrow: the kiosk decides at once, so cancel in the same instant.
    kiosk.send({ type: 'insertBill', currency: 'KZT', value: 300 }) // refused: returning
    kiosk.send({ type: 'cancel' })
    expect(kiosk.view().cancelQuestion).toEqual({ balanceKzt: 500, returningNote: { currency: 'KZT', value: 300 } })
    kiosk.send({ type: 'cancel' })
    await clock.advance(2000)
    expect(screen()).toBe('idle')
    const returned = journal.all().filter((r) => r.kind === 'noteReturned')
    expect(returned).toHaveLength(1)
    expect(journal.all().some((r) => r.kind === 'noteStacked')).toBe(false)
  })

  it('writes every stacked note to the journal before the screen shows it', async () => {
    const { kiosk, clock, journal } = await atCash()
    const seenWithoutRecord: number[] = []
    kiosk.subscribe(() => {
      const shown = kiosk.view().cash?.stacked.length ?? 0
      const journaled = journal.all().filter((r) => r.kind === 'noteStacked').length
      if (shown > journaled) seenWithoutRecord.push(shown)
    })
    for (const value of [200, 500, 1000]) {
      kiosk.send(KZT(value))
      await clock.advance(1000)
    }
    expect(kiosk.view().cash?.stacked).toHaveLength(3)
    expect(seenWithoutRecord).toEqual([])
  })
})

describe('receipt and thank you', () => {
  it('goes from the receipt to thank you to the attract screen by itself', async () => {
    const { act, clock, screen, kiosk } = await atCash(1000)
    await act(KZT(1000))
    await act({ type: 'confirm' }, 1)
    expect(screen()).toBe('receipt')
    const shown = kiosk.view().receipt!
    // The done screen: the new balance, the credit and the reference stay 15 s (timeouts.doneSeconds) unless Done is tapped.
    expect(shown).toMatchObject({ balanceAfterKzt: 1500, breakdown: { creditedKzt: 1000 }, transactionId: txId(1) })
    await clock.advance(13_000) // the receipt came up within the first second after confirm
    expect(screen()).toBe('receipt')
    await clock.advance(2_000)
    expect(screen()).toBe('thankYou')
    expect(kiosk.view().receipt?.balanceAfterKzt).toBe(1500)
    await clock.advance(1000)
    expect(screen()).toBe('idle')
    // The paper gets the very receiptline document the screen shows, in the customer's language.
    expect(kiosk.printer.printed).toEqual([receiptDocument(shown, 'ru')])
    expect(kiosk.printer.printed[0]).toContain('1 000 KZT')
  })

  it('keeps the done screen as long as timeouts.doneSeconds says', async () => {
    const { act, clock, screen } = await atCash(1000, { config: { timeouts: { doneSeconds: 40 } } })
    await act(KZT(1000))
    await act({ type: 'confirm' }, 1)
    await clock.advance(39_000)
    expect(screen()).toBe('receipt')
    await clock.advance(1_000)
    expect(screen()).toBe('thankYou')
  })

  it('leaves the receipt at once when the customer presses done', async () => {
    const { act, screen } = await atCash(1000)
    await act(KZT(1000))
    await act({ type: 'confirm' }, 1)
    await act({ type: 'done' }, 0)
    expect(screen()).toBe('thankYou')
  })

  it('journals the whole top-up in order', async () => {
    const { act, journal, clock } = await atCash(1000)
    await act(KZT(1000))
    await act({ type: 'confirm' })
    await clock.advance(5000)
    expect(journal.all().map((r) => r.kind)).toEqual([
      'kioskStarted',
      'transactionStarted',
      'ratesQuoted',
      'noteEscrowed',
      'noteStacked',
      'creditRequested',
      'creditApplied',
      'cardWritten',
      'transactionCompleted',
      'receiptPrinted'
    ])
    expect(JSON.stringify(journal.all())).not.toContain(CARD) // only masked numbers
  })

  it('numbers transactions on from the journal after a restart', async () => {
    const journal = new MemoryJournal()
    journal.append('transactionStarted', { transactionId: txId(41), number: 41 } as RecordData<'transactionStarted'>, 0)
    const { Kiosk } = await import('../../src/core/kiosk')
    const { loadConfig } = await import('../../src/core/config')
    const { VirtualClock } = await import('../../src/core/clock')
    const { MemoryCardStore } = await import('../../src/core/devices/host')
    const { DEMO_CARDS } = await import('../../src/core/cards')
    const clock = new VirtualClock(0)
    const kiosk = new Kiosk({ config: loadConfig(), clock, journal, cards: new MemoryCardStore(DEMO_CARDS), bootNonce: testBootNonce })
    kiosk.send({ type: 'tapCard', number: CARD })
    await clock.advance(1000)
    kiosk.send({ type: 'chooseAmount', kzt: 1000 })
    kiosk.send({ type: 'payCash' })
    expect(journal.all().at(-1)).toMatchObject({ kind: 'transactionStarted', data: { transactionId: txId(42), number: 42 } })
  })
})

describe('inactivity', () => {
  it('gives the customer the whole inactivity time on the screen after a bank-card terminal that gave up', async () => {
    const { act, clock, kiosk, screen } = makeKiosk()
    await act({ type: 'fault', device: 'pos', fault: 'timeout' }, 0)
    await act({ type: 'tapCard', number: CARD })
    await act({ type: 'chooseAmount', kzt: 3000 })
    await act({ type: 'payCard' }, 0)
    await clock.advance(59_000)
    expect(screen()).toBe('bankCard')
    await clock.advance(1_000)
    expect(screen()).toBe('bankCardTimeout')
    // The 60 s spent waiting for the terminal were not the customer's: no warning covers the choice at once.
    expect(kiosk.view().warning).toBeNull()
    await clock.advance(29_000)
    expect(kiosk.view().warning).toBeNull()
    await clock.advance(1_000)
    expect(kiosk.view().warning).toMatchObject({ secondsLeft: 20 })
  })

  it('warns after 30 s without a touch, counts down, and gives more time', async () => {
    const { act, clock, kiosk, screen } = makeKiosk()
    await act({ type: 'tapCard', number: CARD }, 0)
    await clock.advance(29_000)
    expect(kiosk.view().warning).toBeNull()
    await clock.advance(1_000)
    expect(kiosk.view().warning).toEqual({ secondsLeft: 20, totalSeconds: 20, onExpiry: 'endSession' })
    await clock.advance(5_000)
    expect(kiosk.view().warning).toMatchObject({ secondsLeft: 15 })
    expect((await act({ type: 'moreTime' }, 0)).ok).toBe(true)
    expect(kiosk.view().warning).toBeNull()
    expect(screen()).toBe('amount')
    await clock.advance(29_000)
    expect(kiosk.view().warning).toBeNull()
  })

  it('any touch during the warning keeps the session', async () => {
    const { act, clock, kiosk } = makeKiosk()
    await act({ type: 'tapCard', number: CARD }, 0)
    await clock.advance(31_000)
    expect(kiosk.view().warning).not.toBeNull()
    kiosk.send({ type: 'keypad', key: '5' })
    expect(kiosk.view().warning).toBeNull()
  })

  it('goes back to the attract screen when no money is in', async () => {
    const { clock, screen, act, journal } = await atCash() // the last touch was 2 s ago
    await clock.advance(30_000 + 20_000 - 2_000 - 500)
    expect(screen()).toBe('cash')
    await clock.advance(1_000)
    expect(screen()).toBe('idle')
    expect(journal.all().at(-1)?.kind).toBe('transactionCancelled')
    expect((await act({ type: 'confirm' })).ok).toBe(false)
  })

  it('completes the top-up with a receipt when money is in', async () => {
    const { act, clock, screen, cards, kiosk } = await atCash(5000)
    await act(KZT(2000))
    await clock.advance(30_000)
    expect(kiosk.view().warning).toMatchObject({ onExpiry: 'completeTopUp' })
    await clock.advance(20_000)
    expect(['crediting', 'receipt']).toContain(screen())
    await clock.advance(500)
    expect(screen()).toBe('receipt')
    expect(cards.get(CARD)?.balanceKzt).toBe(2500)
  })

  it('inserting a note counts as activity', async () => {
    const { kiosk, clock } = await atCash(5000)
    await clock.advance(25_000)
    kiosk.send(KZT(1000))
    await clock.advance(25_000)
    expect(kiosk.view().warning).toBeNull()
  })

  it('never warns on the attract screen', async () => {
    const { clock, kiosk } = makeKiosk()
    await clock.advance(600_000)
    expect(kiosk.view()).toMatchObject({ screen: 'idle', warning: null })
  })

  it.each(['card', 'cardUnknown'] as const)('times out on the %s screen too', async (where) => {
    const { act, clock, screen } = makeKiosk()
    if (where === 'card') await act({ type: 'start' }, 0)
    else await act({ type: 'tapCard', number: '9398000000000001' })
    expect(screen()).toBe(where)
    await clock.advance(51_000)
    expect(screen()).toBe('idle')
  })
})

describe('language', () => {
  it('switches language on any screen and keeps it for the session', async () => {
    const { act, kiosk } = makeKiosk()
    expect(kiosk.view().language).toBe('ru')
    await act({ type: 'language', code: 'kk' })
    expect(kiosk.view().language).toBe('kk')
    await act({ type: 'tapCard', number: CARD })
    await act({ type: 'language', code: 'zh' })
    expect(kiosk.view()).toMatchObject({ screen: 'amount', language: 'zh' })
  })

  it('greets the next customer in the default language', async () => {
    const { act, kiosk } = makeKiosk()
    await act({ type: 'tapCard', number: CARD })
    await act({ type: 'language', code: 'en' })
    await act({ type: 'cancel' })
    await act({ type: 'cancel' }) // the answer to "Cancel the top-up?"
    expect(kiosk.view()).toMatchObject({ screen: 'idle', language: 'ru' })
  })
})
