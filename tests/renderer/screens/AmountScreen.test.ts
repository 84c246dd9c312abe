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

  it.each([
    ['en', 'This card can take up to 5,000 ₸', 'Below the minimum of 1,500 ₸'],
    ['ru', 'На эту карту — не больше 5 000 ₸', 'Меньше минимума 1 500 ₸'],
    ['kk', 'Бұл картаға ең көбі 5 000 ₸', 'Ең аз сомадан (1 500 ₸) кем'],
    ['zh', '此卡最多可充 5,000 ₸', '低于最低金额 1,500 ₸']
  ] as const)('in %s, disables the presets the core says the card cannot take, with the reason', async (language, cap, min) => {
    const view = amountView({
      language,
      maxAmountKzt: 5000,
      limits: { minTopUpKzt: 1500, maxTopUpKzt: 100000, maxBalanceKzt: 200000 },
      amountPresets: [
        { kzt: 1000, available: false, reason: 'belowMin' },
        { kzt: 5000, available: true },
        { kzt: 10000, available: false, reason: 'overBalanceCap' }
      ]
    })
    const { wrapper, intents } = mountScreen(AmountScreen, view)
    expect(wrapper.get('[data-testid="preset-10000"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="preset-5000"]').attributes('disabled')).toBeUndefined()
    expect(normalizeSpaces(wrapper.get('[data-testid="why-preset-10000"]').text())).toBe(normalizeSpaces(cap))
    expect(normalizeSpaces(wrapper.get('[data-testid="why-preset-1000"]').text())).toBe(normalizeSpaces(min))
    expect(wrapper.get('[data-testid="preset-10000"]').attributes('aria-describedby')).toBe('preset-reason-10000')
    expect(wrapper.find('[data-testid="why-preset-5000"]').exists()).toBe(false)
    await wrapper.get('[data-testid="preset-10000"]').trigger('click')
    expect(intents()).toEqual([])
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

describe('AmountScreen: earlier top-ups', () => {
  const exists = (view: KioskView, id: string) => mountScreen(AmountScreen, view).wrapper.find(`[data-testid="${id}"]`).exists()

  it('says nothing without earlier top-ups', () => {
    expect(exists(amountView(), 'pending-activated')).toBe(false)
    expect(exists(amountView(), 'pending-waiting')).toBe(false)
  })

  it('says an earlier top-up just written onto the tapped card is now active', () => {
    const view = amountView({ pendingTopUps: { count: 0, amountKzt: 0, activatedKzt: 5250 } })
    const { wrapper } = mountScreen(AmountScreen, view)
    expect(normalizeSpaces(wrapper.get('[data-testid="pending-activated"]').text())).toBe('Your earlier top-up of 5,250 ₸ is now active on the card')
    expect(wrapper.get('[data-testid="pending-activated"]').classes()).toContain('notice-ok')
    expect(wrapper.find('[data-testid="pending-waiting"]').exists()).toBe(false)
  })

  it('says earlier top-ups wait for the card on the reader at the end when the card was typed', () => {
    const view = amountView({ pendingTopUps: { count: 2, amountKzt: 7000, activatedKzt: 0 } })
    const { wrapper } = mountScreen(AmountScreen, view)
    expect(normalizeSpaces(wrapper.get('[data-testid="pending-waiting"]').text())).toBe(
      '7,000 ₸ from earlier top-ups is waiting: it is written onto the card when you hold it on the reader at the end'
    )
    expect(wrapper.find('[data-testid="pending-activated"]').exists()).toBe(false)
  })

  it.each([
    ['kk', 'Бұрынғы 5 250 ₸ толтыруыңыз енді картада белсенді', 'Бұрынғы толтырулардағы 7 000 ₸ күтуде'],
    ['ru', 'Ваше прежнее пополнение на 5 250 ₸ теперь активно на карте', '7 000 ₸ от прежних пополнений ждёт записи'],
    ['zh', '您此前充值的 5,250 ₸ 现已在卡上生效', '此前充值的 7,000 ₸ 尚待写入']
  ] as const)('speaks %s', (language, activated, waiting) => {
    const view = amountView({ language, pendingTopUps: { count: 1, amountKzt: 7000, activatedKzt: 5250 } })
    const { wrapper } = mountScreen(AmountScreen, view)
    expect(normalizeSpaces(wrapper.get('[data-testid="pending-activated"]').text())).toBe(activated)
    expect(normalizeSpaces(wrapper.get('[data-testid="pending-waiting"]').text())).toContain(waiting)
  })
})
