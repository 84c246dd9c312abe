import { describe, expect, it } from 'vitest'
import type { KioskView } from '../../../src/core/protocol'
import PaymentMethodScreen from '../../../src/renderer/src/screens/PaymentMethodScreen.vue'
import { CARD, makeView } from '../fixtures'
import { mountScreen } from '../helpers'

const paymentView = (overrides: Partial<KioskView> = {}) =>
  makeView({ screen: 'paymentMethod', card: CARD, amountKzt: 5000, canCancel: true, canGoBack: true, ...overrides })

describe('PaymentMethodScreen', () => {
  it('sums up the chosen amount and card', () => {
    const { wrapper } = mountScreen(PaymentMethodScreen, paymentView())
    expect(wrapper.get('[data-testid="chosen-amount"]').text()).toBe('5,000\u00a0₸')
    expect(wrapper.get('[data-testid="card-masked"]').text()).toBe('9398 •••• •••• 2222')
  })

  it('pays cash', async () => {
    const { wrapper, intents } = mountScreen(PaymentMethodScreen, paymentView())
    await wrapper.get('[data-testid="pay-cash"]').trigger('click')
    expect(intents()).toEqual([{ type: 'payCash' }])
  })

  it('shows the bank card disabled and coming soon when the core does not offer it', async () => {
    const { wrapper, intents } = mountScreen(PaymentMethodScreen, paymentView())
    const card = wrapper.get('[data-testid="pay-card"]')
    expect(card.attributes('disabled')).toBeDefined()
    expect(card.text()).toContain('Bank card')
    expect(wrapper.get('[data-testid="card-coming-soon"]').text()).toBe('Coming soon')
    await card.trigger('click')
    expect(intents()).toEqual([])
  })

  it('enables the bank card when the core offers it', async () => {
    const { wrapper, intents } = mountScreen(PaymentMethodScreen, paymentView({ paymentMethods: { cash: true, card: true } }))
    expect(wrapper.find('[data-testid="card-coming-soon"]').exists()).toBe(false)
    await wrapper.get('[data-testid="pay-card"]').trigger('click')
    expect(intents()).toEqual([{ type: 'payCard' }])
  })

  it('goes back and cancels, only when allowed', async () => {
    const { wrapper, intents } = mountScreen(PaymentMethodScreen, paymentView())
    await wrapper.get('[data-testid="back"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'back' }, { type: 'cancel' }])

    const locked = mountScreen(PaymentMethodScreen, paymentView({ canCancel: false, canGoBack: false }))
    expect(locked.wrapper.find('[data-testid="back"]').exists()).toBe(false)
    expect(locked.wrapper.find('[data-testid="cancel"]').exists()).toBe(false)
  })

  it('speaks Chinese', () => {
    const { wrapper } = mountScreen(PaymentMethodScreen, paymentView({ language: 'zh' }))
    expect(wrapper.get('[data-testid="pay-cash"]').text()).toContain('现金')
    expect(wrapper.get('[data-testid="card-coming-soon"]').text()).toBe('即将推出')
  })
})
