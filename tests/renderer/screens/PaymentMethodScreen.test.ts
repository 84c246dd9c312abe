import { describe, expect, it } from 'vitest'
import type { KioskView } from '../../../src/core/protocol'
import PaymentMethodScreen from '../../../src/renderer/src/screens/PaymentMethodScreen.vue'
import { breakdown, CARD, makeView, TENGE_NOTES } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

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

  it('says which notes cash takes and that its rate, fee and bonus come on the next screen', () => {
    const { wrapper } = mountScreen(PaymentMethodScreen, paymentView())
    expect(wrapper.get('[data-testid="cash-hint"]').text()).toBe('Tenge and USD, EUR, RUB, CNY banknotes. No change is given.')
    expect(wrapper.get('[data-testid="cash-preview"]').text()).toBe('The rate, fee and bonus are shown on the next screen, before you insert the first note.')
    const tengeOnly = mountScreen(PaymentMethodScreen, paymentView({ acceptedNotes: TENGE_NOTES }))
    expect(tengeOnly.wrapper.get('[data-testid="cash-hint"]').text()).toBe('Tenge banknotes. No change is given.')
  })

  it('enables the bank card when the core offers it and shows what it will credit', async () => {
    const view = paymentView({ amountKzt: 10000, paymentMethods: { cash: true, card: true }, cardPreview: breakdown(10000, 0, 0, 500) })
    const { wrapper, intents } = mountScreen(PaymentMethodScreen, view)
    const card = wrapper.get('[data-testid="pay-card"]')
    expect(card.attributes('disabled')).toBeUndefined()
    expect(card.text()).toContain('On the payment terminal below the screen')
    expect(wrapper.get('[data-testid="card-preview-charged"]').text()).toBe('10,000\u00a0₸')
    expect(wrapper.get('[data-testid="card-preview-fee"]').text()).toBe('0\u00a0₸')
    expect(wrapper.get('[data-testid="card-preview-bonus"]').text()).toBe('500\u00a0₸')
    expect(wrapper.get('[data-testid="card-preview-credited"]').text()).toBe('10,500\u00a0₸')
    expect(wrapper.get('[data-testid="card-preview"]').text()).toContain('Will be credited')
    expect(wrapper.find('[data-testid="card-unavailable"]').exists()).toBe(false)
    await card.trigger('click')
    expect(intents()).toEqual([{ type: 'payCard' }])
  })

  it('shows a card fee when there is one', () => {
    const view = paymentView({ paymentMethods: { cash: true, card: true }, cardPreview: breakdown(5000, 0, 50, 0) })
    const { wrapper } = mountScreen(PaymentMethodScreen, view)
    expect(wrapper.get('[data-testid="card-preview-fee"]').text()).toBe('50\u00a0₸')
    expect(wrapper.get('[data-testid="card-preview-credited"]').text()).toBe('4,950\u00a0₸')
  })

  it('shows the bank card disabled, with the reason, when the bonus would take the card over its cap', async () => {
    const view = paymentView({ amountKzt: 12000, paymentMethods: { cash: true, card: false }, cardPreview: breakdown(12000, 0, 0, 600) })
    const { wrapper, intents } = mountScreen(PaymentMethodScreen, view)
    const card = wrapper.get('[data-testid="pay-card"]')
    expect(card.attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="card-unavailable"]').text()).toBe(
      'Not available for this amount: with the bonus the card balance would go over 200,000\u00a0₸.'
    )
    expect(wrapper.find('[data-testid="card-preview"]').exists()).toBe(false)
    await card.trigger('click')
    expect(intents()).toEqual([])
  })

  it.each(['stackerFull', 'cassetteRemoved', 'jam'] as const)(
    'shows cash disabled, with the reason, when the note acceptor is stopped (%s)',
    async (condition) => {
      const view = paymentView({ paymentMethods: { cash: false, card: true }, cashUnavailable: condition, cardPreview: breakdown(5000) })
      const { wrapper, intents } = mountScreen(PaymentMethodScreen, view)
      const cash = wrapper.get('[data-testid="pay-cash"]')
      expect(cash.attributes('disabled')).toBeDefined()
      expect(wrapper.get('[data-testid="cash-unavailable"]').text()).toBe('Cash is not accepted right now — please pay by bank card')
      expect(wrapper.find('[data-testid="cash-hint"]').exists()).toBe(false)
      expect(wrapper.find('[data-testid="cash-preview"]').exists()).toBe(false)
      await cash.trigger('click')
      await wrapper.get('[data-testid="pay-card"]').trigger('click')
      expect(intents()).toEqual([{ type: 'payCard' }])
    }
  )

  it.each([
    ['stackerFull', 'The note acceptor is full.'],
    ['cassetteRemoved', 'The note acceptor is being serviced.'],
    ['jam', 'A note is stuck in the note acceptor; staff must clear it.']
  ] as const)('says why cash is not taken (%s)', (condition, reason) => {
    const view = paymentView({ paymentMethods: { cash: false, card: true }, cashUnavailable: condition, cardPreview: breakdown(5000) })
    expect(mountScreen(PaymentMethodScreen, view).wrapper.get('[data-testid="cash-unavailable-reason"]').text()).toBe(reason)
  })

  it('says a note is stuck in Kazakh and Chinese', () => {
    const view = (language: 'kk' | 'zh') =>
      paymentView({ language, paymentMethods: { cash: false, card: true }, cashUnavailable: 'jam', cardPreview: breakdown(5000) })
    expect(mountScreen(PaymentMethodScreen, view('kk')).wrapper.get('[data-testid="cash-unavailable-reason"]').text()).toBe(
      'Купюра қабылдағышта банкнот кептеліп қалды; оны қызметкер шығаруы керек.'
    )
    expect(mountScreen(PaymentMethodScreen, view('zh')).wrapper.get('[data-testid="cash-unavailable-reason"]').text()).toBe(
      '收钞机内卡有纸币，需由工作人员清除。'
    )
  })

  it('does not send the customer to the bank card when it is not offered either', () => {
    const view = paymentView({ paymentMethods: { cash: false, card: false }, cashUnavailable: 'cassetteRemoved' })
    const { wrapper } = mountScreen(PaymentMethodScreen, view)
    expect(wrapper.get('[data-testid="cash-unavailable"]').text()).toBe('Cash is not accepted right now')
  })

  it('says nothing about the note acceptor while cash is offered', () => {
    const { wrapper } = mountScreen(PaymentMethodScreen, paymentView())
    expect(wrapper.find('[data-testid="cash-unavailable"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="cash-unavailable-reason"]').exists()).toBe(false)
  })

  it.each([
    ['kk', 'Қазір қолма-қол ақша қабылданбайды — банк картасымен төлеңіз'],
    ['ru', 'Наличные сейчас не принимаются — оплатите банковской картой'],
    ['zh', '暂不收取现金——请使用银行卡支付']
  ] as const)('says cash is not accepted in %s', (language, text) => {
    const view = paymentView({ language, paymentMethods: { cash: false, card: true }, cashUnavailable: 'stackerFull', cardPreview: breakdown(5000) })
    expect(mountScreen(PaymentMethodScreen, view).wrapper.get('[data-testid="cash-unavailable"]').text()).toBe(text)
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
    const { wrapper } = mountScreen(
      PaymentMethodScreen,
      paymentView({ language: 'zh', paymentMethods: { cash: true, card: true }, cardPreview: breakdown(5000) })
    )
    expect(wrapper.get('[data-testid="pay-cash"]').text()).toContain('现金')
    expect(wrapper.get('[data-testid="cash-hint"]').text()).toBe('坚戈及 USD, EUR, RUB, CNY 纸币，不找零。')
    expect(wrapper.get('[data-testid="card-preview"]').text()).toContain('将充入卡内')
  })

  it('gives the reason the card is unavailable in Kazakh and Russian', () => {
    for (const [language, text] of [
      ['kk', 'Бұл сомаға қолжетімсіз: бонуспен бірге карта балансы 200 000 ₸ шегінен асып кетеді.'],
      ['ru', 'Недоступно для этой суммы: с бонусом баланс карты превысит 200 000 ₸.']
    ] as const) {
      const { wrapper } = mountScreen(PaymentMethodScreen, paymentView({ language }))
      expect(normalizeSpaces(wrapper.get('[data-testid="card-unavailable"]').text())).toBe(text)
    }
  })
})
