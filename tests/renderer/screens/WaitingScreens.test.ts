import { describe, expect, it } from 'vitest'
import CheckingCardScreen from '../../../src/renderer/src/screens/CheckingCardScreen.vue'
import CreditingScreen from '../../../src/renderer/src/screens/CreditingScreen.vue'
import { CARD, KZT, makeCash, makeView } from '../fixtures'
import { mountScreen } from '../helpers'

describe('CheckingCardScreen', () => {
  it('says the card is being checked, with a spinner', () => {
    const { wrapper } = mountScreen(CheckingCardScreen, makeView({ screen: 'checkingCard' }))
    expect(wrapper.get('[data-testid="screen-checkingCard"]').text()).toContain('Checking your card…')
    expect(wrapper.find('.spinner').exists()).toBe(true)
  })

  it('speaks Chinese', () => {
    const { wrapper } = mountScreen(CheckingCardScreen, makeView({ screen: 'checkingCard', language: 'zh' }))
    expect(wrapper.text()).toContain('正在验证您的卡…')
  })
})

describe('CreditingScreen', () => {
  it('says the card is being credited and must stay on the reader', () => {
    const breakdown = makeCash({ stacked: [KZT(5000)], remainingKzt: 0 }).breakdown
    const view = makeView({ screen: 'crediting', card: CARD, amountKzt: 5000, topUp: { transactionId: '00412783-000001', method: 'cash', breakdown } })
    const { wrapper } = mountScreen(CreditingScreen, view)
    expect(wrapper.text()).toContain('Crediting your card…')
    expect(wrapper.text()).toContain('Do not remove the card')
    expect(wrapper.get('[data-testid="crediting-amount"]').text()).toBe('5,000\u00a0₸ to card 9398 •••• •••• 2222')
  })

  it('does not say to keep the card on the reader when the number was typed (no card lies there)', () => {
    const { wrapper } = mountScreen(CreditingScreen, makeView({ screen: 'crediting', card: CARD, cardOnReader: false }))
    expect(wrapper.text()).toContain('Crediting your card…')
    expect(wrapper.find('[data-testid="keep-card"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Do not remove the card')
  })

  it('speaks Kazakh', () => {
    const { wrapper } = mountScreen(CreditingScreen, makeView({ screen: 'crediting', language: 'kk' }))
    expect(wrapper.text()).toContain('Картаңызға ақша есептелуде…')
    expect(wrapper.text()).toContain('Картаны алмаңыз')
  })
})
