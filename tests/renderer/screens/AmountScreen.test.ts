import { describe, expect, it } from 'vitest'
import type { KioskView } from '../../../src/core/protocol'
import AmountScreen from '../../../src/renderer/src/screens/AmountScreen.vue'
import { CARD, makeView } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

const amountView = (overrides: Partial<KioskView> = {}) =>
  makeView({ screen: 'amount', card: CARD, maxAmountKzt: 100000, canCancel: true, canGoBack: true, ...overrides })

describe('AmountScreen', () => {
  it('shows the masked card and its balance', () => {
    const { wrapper } = mountScreen(AmountScreen, amountView())
    expect(wrapper.get('[data-testid="card-masked"]').text()).toBe('9398 •••• •••• 2222')
    expect(wrapper.get('[data-testid="card-balance"]').text()).toBe('1,500\u00a0₸')
  })

  it('offers the presets as buttons that choose the amount', async () => {
    const { wrapper, intents } = mountScreen(AmountScreen, amountView())
    expect(wrapper.get('[data-testid="preset-5000"]').text()).toBe('5,000\u00a0₸')
    expect(wrapper.findAll('[data-testid^="preset-"]')).toHaveLength(4)
    await wrapper.get('[data-testid="preset-5000"]').trigger('click')
    expect(intents()).toEqual([{ type: 'chooseAmount', kzt: 5000 }])
  })

  it('shows the typed amount formatted and continues with submitAmount', async () => {
    const { wrapper, intents } = mountScreen(AmountScreen, amountView({ amountEntry: '12500', language: 'ru' }))
    expect(normalizeSpaces(wrapper.get('[data-testid="amount-entry"]').text())).toBe('12 500 ₸')
    await wrapper.get('[data-testid="keypad-0"]').trigger('click')
    await wrapper.get('[data-testid="submit-amount"]').trigger('click')
    expect(intents()).toEqual([{ type: 'keypad', key: '0' }, { type: 'submitAmount' }])
  })

  it('cannot continue before an amount is typed', () => {
    const { wrapper } = mountScreen(AmountScreen, amountView({ amountEntry: '' }))
    expect(wrapper.get('[data-testid="submit-amount"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="amount-entry"]').text()).toBe('Type an amount')
  })

  it('shows the limits and how much this card can take', () => {
    const { wrapper } = mountScreen(AmountScreen, amountView({ maxAmountKzt: 61500 }))
    const limits = wrapper.get('[data-testid="amount-limits"]').text()
    expect(limits).toContain('Top-up amount: from 100\u00a0₸ to 100,000\u00a0₸')
    expect(limits).toContain('This card can take up to 61,500\u00a0₸ now')
    expect(limits).toContain('Maximum card balance: 200,000\u00a0₸')
  })

  it('shows no refusal while the amount is fine', () => {
    const { wrapper } = mountScreen(AmountScreen, amountView())
    expect(wrapper.find('[data-testid="amount-refusal"]').exists()).toBe(false)
  })

  it.each([
    ['belowMin', 'This amount is too small. The minimum top-up is 100\u00a0₸.'],
    ['aboveMax', 'This amount is too large. The maximum top-up is 100,000\u00a0₸.'],
    ['overBalanceCap', 'This card cannot take that much: its balance may not exceed 200,000\u00a0₸. You can add up to 61,500\u00a0₸.']
  ] as const)('explains the refusal %s with its limit', (amountRefusal, message) => {
    const { wrapper } = mountScreen(AmountScreen, amountView({ amountRefusal, maxAmountKzt: 61500 }))
    const alert = wrapper.get('[data-testid="amount-refusal"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toBe(message)
  })

  it('explains a refusal in Kazakh', () => {
    const { wrapper } = mountScreen(AmountScreen, amountView({ language: 'kk', amountRefusal: 'belowMin' }))
    expect(normalizeSpaces(wrapper.get('[data-testid="amount-refusal"]').text())).toBe('Бұл сома тым аз. Ең аз толтыру сомасы — 100 ₸.')
  })

  it('goes back and cancels', async () => {
    const { wrapper, intents } = mountScreen(AmountScreen, amountView())
    await wrapper.get('[data-testid="back"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'back' }, { type: 'cancel' }])
  })
})
