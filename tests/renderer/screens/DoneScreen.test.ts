/** The done screen (the receipt screen's side): the credit, the new balance and the reference, in big type, from the core's receipt. */
import { describe, expect, it } from 'vitest'
import ReceiptScreen from '../../../src/renderer/src/screens/ReceiptScreen.vue'
import { makeFlaggedReceipt, makePendingReceipt, makeReceipt, makeView } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

const mountDone = (receipt: ReturnType<typeof makeReceipt>, language: 'en' | 'ru' | 'kk' | 'zh' = 'en') =>
  mountScreen(ReceiptScreen, makeView({ screen: 'receipt', language, receipt })).wrapper

describe('the done screen', () => {
  it('shows what was credited, the new balance and the reference of a completed top-up', () => {
    const wrapper = mountDone(makeReceipt())
    const summary = normalizeSpaces(wrapper.get('[data-testid="done-summary"]').text())
    expect(summary).toContain('Credited to your card')
    expect(summary).toContain('New balance')
    expect(normalizeSpaces(wrapper.get('[data-testid="done-credited"]').text())).toBe('5,250 ₸')
    expect(normalizeSpaces(wrapper.get('[data-testid="new-balance"]').text())).toBe('6,750 ₸')
    expect(summary).toContain('Reference: TX-00412783-000042')
    expect(wrapper.find('[data-testid="done"]').exists()).toBe(true)
  })

  it('says the balance is the one after the next tap when the top-up is pending (its reference is in the standing panel)', () => {
    const wrapper = mountDone(makePendingReceipt())
    const summary = normalizeSpaces(wrapper.get('[data-testid="done-summary"]').text())
    expect(summary).toContain('Balance after your next tap')
    expect(wrapper.find('[data-testid="done-reference"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-reference"]').exists()).toBe(true)
  })

  it('shows no amounts while the credit is unknown (flagged): the reference and the advice instead', () => {
    const wrapper = mountDone(makeFlaggedReceipt())
    expect(wrapper.find('[data-testid="done-summary"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-reference"]').exists()).toBe(true)
  })

  it.each([
    ['ru', 'Новый баланс'],
    ['kk', 'Жаңа баланс'],
    ['zh', '新余额']
  ] as const)('in %s: %s', (language, label) => {
    expect(mountDone(makeReceipt(), language).get('[data-testid="done-summary"]').text()).toContain(label)
  })
})
