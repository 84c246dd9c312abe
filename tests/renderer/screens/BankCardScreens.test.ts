import { describe, expect, it } from 'vitest'
import type { DeclineReason } from '../../../src/core/devices/pos'
import type { KioskView } from '../../../src/core/protocol'
// One component serves both failed card payments, worded by the view's screen.
import { default as BankCardDeclinedScreen, default as BankCardTimeoutScreen } from '../../../src/renderer/src/screens/BankCardProblemScreen.vue'
import BankCardScreen from '../../../src/renderer/src/screens/BankCardScreen.vue'
import { breakdown, CARD, makeBankCard, makeView } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

const bankCardView = (screen: 'bankCard' | 'bankCardDeclined' | 'bankCardTimeout', overrides: Partial<KioskView> = {}) =>
  makeView({
    screen,
    card: CARD,
    amountKzt: 10000,
    paymentMethods: { cash: true, card: true },
    cardPreview: breakdown(10000, 0, 0, 500),
    bankCard: makeBankCard({ amountKzt: 10000, breakdown: breakdown(10000, 0, 0, 500) }),
    canCancel: screen !== 'bankCard',
    canGoBack: screen !== 'bankCard',
    ...overrides
  })

describe('BankCardScreen', () => {
  it('tells the customer to use the payment terminal below the screen, and waits', () => {
    const { wrapper } = mountScreen(BankCardScreen, bankCardView('bankCard'))
    const screen = wrapper.get('[data-testid="screen-bankCard"]')
    expect(screen.attributes('aria-busy')).toBe('true')
    expect(screen.text()).toContain('Pay by bank card')
    expect(screen.text()).toContain('Tap, insert or swipe your bank card on the payment terminal below the screen')
    expect(screen.text()).toContain('Waiting for the payment terminal…')
    expect(screen.find('svg.bank-card-animation').exists()).toBe(true)
  })

  it('shows the amount to be charged and what will be credited', () => {
    const { wrapper } = mountScreen(BankCardScreen, bankCardView('bankCard'))
    expect(wrapper.get('[data-testid="bank-card-amount"]').text()).toBe('10,000\u00a0₸')
    expect(wrapper.get('[data-testid="bank-card-breakdown-fee"]').text()).toBe('0\u00a0₸')
    expect(wrapper.get('[data-testid="bank-card-breakdown-bonus"]').text()).toBe('500\u00a0₸')
    expect(wrapper.get('[data-testid="bank-card-breakdown-credited"]').text()).toBe('10,500\u00a0₸')
    expect(wrapper.find('[data-testid="bank-card-breakdown-charged"]').exists()).toBe(false)
  })

  it('has no Cancel or Back: the payment terminal has its own cancel', async () => {
    const { wrapper, intents } = mountScreen(BankCardScreen, bankCardView('bankCard', { canCancel: true, canGoBack: true }))
    expect(wrapper.find('button').exists()).toBe(false)
    expect(wrapper.get('[data-testid="pos-cancel-hint"]').text()).toBe('To cancel, press the red button on the payment terminal.')
    expect(intents()).toEqual([])
  })

  it('speaks Kazakh', () => {
    const { wrapper } = mountScreen(BankCardScreen, bankCardView('bankCard', { language: 'kk' }))
    expect(wrapper.text()).toContain('Банк картасымен төлеу')
    expect(normalizeSpaces(wrapper.get('[data-testid="bank-card-breakdown-credited"]').text())).toBe('10 500 ₸')
  })

  it('shows the instructions without amounts before the core sends them', () => {
    const { wrapper } = mountScreen(BankCardScreen, bankCardView('bankCard', { bankCard: null }))
    expect(wrapper.find('[data-testid="bank-card-amount"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Waiting for the payment terminal…')
  })
})

describe('BankCardDeclinedScreen', () => {
  it.each<[DeclineReason, string]>([
    ['insufficientFunds', 'The bank declined the payment: there is not enough money on the card.'],
    ['cardNotSupported', 'This card cannot be used on this payment terminal.'],
    ['wrongPin', 'The PIN was wrong.'],
    ['cancelledByCustomer', 'The payment was cancelled on the payment terminal.']
  ])('says why the payment was declined: %s', (declineReason, text) => {
    const { wrapper } = mountScreen(BankCardDeclinedScreen, bankCardView('bankCardDeclined', { bankCard: makeBankCard({ declineReason }) }))
    expect(wrapper.get('[data-testid="screen-bankCardDeclined"]').text()).toContain('The card payment did not go through')
    expect(wrapper.get('[data-testid="decline-reason"]').text()).toBe(text)
    expect(wrapper.get('[data-testid="not-charged"]').text()).toBe('Your card was not charged.')
  })

  it('still says the card was not charged without a reason', () => {
    const { wrapper } = mountScreen(BankCardDeclinedScreen, bankCardView('bankCardDeclined', { bankCard: null }))
    expect(wrapper.get('[data-testid="decline-reason"]').text()).toBe('The bank declined the payment.')
    expect(wrapper.get('[data-testid="not-charged"]').text()).toBe('Your card was not charged.')
  })

  it.each(['kk', 'ru', 'zh'] as const)('gives every reason in %s, each differently', (language) => {
    const reasons: DeclineReason[] = ['insufficientFunds', 'cardNotSupported', 'wrongPin', 'cancelledByCustomer']
    const texts = reasons.map((declineReason) => {
      const { wrapper } = mountScreen(BankCardDeclinedScreen, bankCardView('bankCardDeclined', { language, bankCard: makeBankCard({ declineReason }) }))
      return wrapper.get('[data-testid="decline-reason"]').text()
    })
    expect(new Set(texts).size).toBe(reasons.length)
    for (const text of texts) expect(text).not.toMatch(/[A-Za-z]/)
  })

  it('goes back to try again or pay another way, or cancels', async () => {
    const { wrapper, intents } = mountScreen(
      BankCardDeclinedScreen,
      bankCardView('bankCardDeclined', { bankCard: makeBankCard({ declineReason: 'wrongPin' }) })
    )
    expect(wrapper.get('[data-testid="back"]').text()).toBe('Try again or pay another way')
    expect(wrapper.get('[data-testid="cancel"]').text()).toBe('Cancel')
    await wrapper.get('[data-testid="back"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'back' }, { type: 'cancel' }])
  })

  it('shows only the buttons the core allows', () => {
    const { wrapper } = mountScreen(BankCardDeclinedScreen, bankCardView('bankCardDeclined', { canCancel: false, canGoBack: false }))
    expect(wrapper.find('[data-testid="back"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="cancel"]').exists()).toBe(false)
  })

  it('speaks Russian', () => {
    const { wrapper } = mountScreen(
      BankCardDeclinedScreen,
      bankCardView('bankCardDeclined', { language: 'ru', bankCard: makeBankCard({ declineReason: 'insufficientFunds' }) })
    )
    expect(wrapper.get('[data-testid="decline-reason"]').text()).toBe('Банк отклонил платёж: на карте недостаточно средств.')
    expect(wrapper.get('[data-testid="not-charged"]').text()).toBe('Деньги с вашей карты не списаны.')
    expect(wrapper.get('[data-testid="back"]').text()).toBe('Повторить или выбрать другой способ')
  })
})

describe('BankCardTimeoutScreen', () => {
  it('says the payment terminal did not answer and the card was not charged', () => {
    const { wrapper } = mountScreen(BankCardTimeoutScreen, bankCardView('bankCardTimeout'))
    expect(wrapper.get('[data-testid="problem-title"]').text()).toBe('The payment terminal did not answer')
    expect(wrapper.get('[data-testid="not-charged"]').text()).toBe('Your card was not charged.')
    expect(wrapper.find('[data-testid="decline-reason"]').exists()).toBe(false)
  })

  it('gives the support phone, kept on one line', () => {
    const { wrapper } = mountScreen(BankCardTimeoutScreen, bankCardView('bankCardTimeout'))
    expect(wrapper.get('[data-testid="problem-advice"]').text()).toBe('You can try again or pay another way. Support: +7\u00a0727\u00a0356\u00a000\u00a000.')
  })

  it('goes back or cancels', async () => {
    const { wrapper, intents } = mountScreen(BankCardTimeoutScreen, bankCardView('bankCardTimeout'))
    await wrapper.get('[data-testid="back"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'back' }, { type: 'cancel' }])
  })

  it('speaks Chinese', () => {
    const { wrapper } = mountScreen(BankCardTimeoutScreen, bankCardView('bankCardTimeout', { language: 'zh' }))
    expect(wrapper.get('[data-testid="problem-title"]').text()).toBe('支付终端无响应')
    expect(wrapper.get('[data-testid="not-charged"]').text()).toBe('您的银行卡未被扣款。')
  })
})
