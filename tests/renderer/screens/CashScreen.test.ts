import { describe, expect, it } from 'vitest'
import type { NoteRefusal } from '../../../src/core/money'
import type { KioskView } from '../../../src/core/protocol'
import CashScreen from '../../../src/renderer/src/screens/CashScreen.vue'
import { CARD, KZT, makeCash, makeView } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

const cashView = (overrides: Partial<KioskView> = {}) =>
  makeView({ screen: 'cash', card: CARD, amountKzt: 5000, cash: makeCash(), canCancel: false, canGoBack: false, canConfirm: true, ...overrides })

describe('CashScreen', () => {
  it('shows the chosen amount, what is paid and what remains', () => {
    const { wrapper } = mountScreen(CashScreen, cashView())
    expect(wrapper.get('[data-testid="cash-amount"]').text()).toBe('5,000\u00a0₸')
    expect(wrapper.get('[data-testid="cash-paid"]').text()).toBe('2,000\u00a0₸')
    expect(wrapper.get('[data-testid="cash-remaining"]').text()).toBe('3,000\u00a0₸')
    expect(wrapper.get('[data-testid="cash-credited"]').text()).toBe('2,000\u00a0₸')
    expect(wrapper.find('[data-testid="cash-fee"]').exists()).toBe(false)
  })

  it('shows the fee and bonus when there are some', () => {
    const cash = makeCash({
      stacked: [{ currency: 'USD', value: 20 }],
      breakdown: { tengeGrossKzt: 0, foreignGrossKzt: 9427, grossKzt: 9427, feeKzt: 189, netKzt: 9238, bonusKzt: 92, creditedKzt: 9330 }
    })
    const { wrapper } = mountScreen(CashScreen, cashView({ cash }))
    expect(wrapper.get('[data-testid="cash-fee"]').text()).toBe('189\u00a0₸')
    expect(wrapper.get('[data-testid="cash-bonus"]').text()).toBe('92\u00a0₸')
    expect(wrapper.get('[data-testid="cash-credited"]').text()).toBe('9,330\u00a0₸')
    expect(wrapper.get('[data-testid="stacked-notes"]').text()).toBe('20\u00a0USD')
  })

  it('lists the accepted (stacked) notes', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [KZT(2000), KZT(1000), KZT(200)] }) }))
    expect(wrapper.findAll('[data-testid="stacked-notes"] li').map((li) => li.text())).toEqual(['2,000\u00a0₸', '1,000\u00a0₸', '200\u00a0₸'])
  })

  it('says there are no notes yet before the first one', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [] }), canCancel: true, canConfirm: false }))
    expect(wrapper.find('[data-testid="stacked-notes"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('No notes yet')
  })

  it('shows the denominations it takes as chips', () => {
    const { wrapper } = mountScreen(CashScreen, cashView())
    const chips = wrapper.findAll('[data-testid="accepted-notes"] li').map((li) => li.text())
    expect(chips).toEqual(['200\u00a0₸', '500\u00a0₸', '1,000\u00a0₸', '2,000\u00a0₸', '5,000\u00a0₸', '10,000\u00a0₸', '20,000\u00a0₸'])
  })

  it('always says that no change is given', () => {
    const { wrapper } = mountScreen(CashScreen, cashView())
    expect(wrapper.get('[data-testid="no-change"]').text()).toBe('No change is given: every note you insert is credited')
  })

  it('shows the note being checked', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ noteInEscrow: KZT(5000) }) }))
    const escrow = wrapper.get('[data-testid="note-in-escrow"]')
    expect(escrow.text()).toContain('Checking your note…')
    expect(escrow.text()).toContain('5,000\u00a0₸')
  })

  it.each<[NoteRefusal, string]>([
    ['notAccepted', 'This note is not accepted here. Please use one of the notes listed below.'],
    ['amountReached', 'The amount is already paid. Press Confirm to top up your card.'],
    ['overMaxTopUp', 'It would take the top-up over the maximum of 100,000\u00a0₸. Please insert a smaller note.'],
    ['overBalanceCap', 'It would take the card balance over 200,000\u00a0₸. Please insert a smaller note.']
  ])('explains a note returned because %s', (reason, message) => {
    const note = reason === 'notAccepted' ? { currency: 'USD' as const, value: 20 } : KZT(10000)
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ lastReturned: { note, reason } }) }))
    const returned = wrapper.get('[data-testid="note-returned"]')
    expect(returned.attributes('role')).toBe('alert')
    expect(returned.text()).toContain(reason === 'notAccepted' ? 'Your 20\u00a0USD note was returned. Please take it.' : 'Your 10,000\u00a0₸ note was returned.')
    expect(wrapper.get('[data-testid="returned-reason"]').text()).toBe(message)
  })

  it('explains a returned note in Russian', () => {
    const view = cashView({ language: 'ru', cash: makeCash({ lastReturned: { note: { currency: 'EUR', value: 50 }, reason: 'notAccepted' } }) })
    const { wrapper } = mountScreen(CashScreen, view)
    expect(normalizeSpaces(wrapper.get('[data-testid="note-returned"]').text())).toContain('Банкнота 50 EUR возвращена. Заберите её.')
    expect(wrapper.get('[data-testid="returned-reason"]').text()).toBe('Эта банкнота здесь не принимается. Используйте одну из банкнот, перечисленных ниже.')
  })

  it('enables Confirm exactly when the core says so, and sends confirm', async () => {
    const disabled = mountScreen(CashScreen, cashView({ canConfirm: false }))
    expect(disabled.wrapper.get('[data-testid="confirm"]').attributes('disabled')).toBeDefined()

    const { wrapper, intents } = mountScreen(CashScreen, cashView({ canConfirm: true }))
    expect(wrapper.get('[data-testid="confirm"]').attributes('disabled')).toBeUndefined()
    await wrapper.get('[data-testid="confirm"]').trigger('click')
    expect(intents()).toEqual([{ type: 'confirm' }])
  })

  it('hides Cancel and Back when they are not allowed, and says the money is safe', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ canCancel: false, canGoBack: false }))
    expect(wrapper.find('[data-testid="cancel"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="back"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="money-safe"]').text()).toBe('Your money is safe: press Confirm to finish')
  })

  it('offers Cancel and Back before any money is in, without the safe-money line', async () => {
    const { wrapper, intents } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [] }), canCancel: true, canGoBack: true, canConfirm: false }))
    expect(wrapper.find('[data-testid="money-safe"]').exists()).toBe(false)
    await wrapper.get('[data-testid="back"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'back' }, { type: 'cancel' }])
  })

  it('says when the amount is paid', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [KZT(5000)], remainingKzt: 0, accepting: false }) }))
    expect(wrapper.get('[data-testid="cash-remaining"]').text()).toBe('0\u00a0₸')
    expect(wrapper.get('[data-testid="amount-reached"]').text()).toBe('The amount is paid. Press Confirm to top up your card.')
  })
})
