import { describe, expect, it } from 'vitest'
import ReceiptScreen from '../../../src/renderer/src/screens/ReceiptScreen.vue'
import ThankYouScreen from '../../../src/renderer/src/screens/ThankYouScreen.vue'
import { makeReceipt, makeView } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

describe('ReceiptScreen', () => {
  const view = makeView({ screen: 'receipt', receipt: makeReceipt() })
  const field = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => wrapper.get(`[data-testid="receipt-${id}"]`).text()

  it('shows every field operators require', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(field(wrapper, 'issuer')).toBe('Demo Transit Card LLP')
    expect(field(wrapper, 'bin')).toBe('BIN: 210540012345')
    expect(field(wrapper, 'terminal')).toBe('00412783')
    expect(field(wrapper, 'location')).toBe('Almaty, Almaly metro station, entrance hall')
    expect(field(wrapper, 'transaction')).toBe('TX-00412783-000042')
    expect(field(wrapper, 'card')).toBe('9398 •••• •••• 2222')
    expect(field(wrapper, 'support')).toBe('Support: +7 727 356 00 00')
  })

  it('shows the time in Almaty', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(field(wrapper, 'time')).toBe('25/11/2025, 14:03:12')
  })

  it('lists each note and the breakdown', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(wrapper.findAll('[data-testid="receipt-notes"] li').map((li) => li.text())).toEqual(['2,000\u00a0₸', '2,000\u00a0₸', '1,000\u00a0₸'])
    expect(field(wrapper, 'gross')).toBe('5,000\u00a0₸')
    expect(field(wrapper, 'fee')).toBe('0\u00a0₸')
    expect(field(wrapper, 'bonus')).toBe('250\u00a0₸')
    expect(field(wrapper, 'credited')).toBe('5,250\u00a0₸')
    expect(field(wrapper, 'balance-before')).toBe('1,500\u00a0₸')
    expect(field(wrapper, 'balance-after')).toBe('6,750\u00a0₸')
  })

  it('tells the customer to keep the receipt and finishes with done', async () => {
    const { wrapper, intents } = mountScreen(ReceiptScreen, view)
    expect(wrapper.get('[data-testid="keep-receipt"]').text()).toBe('Keep your receipt: it is your proof of payment.')
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it('is written in Russian with Russian number and date formats', () => {
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', language: 'ru', receipt: makeReceipt() }))
    expect(wrapper.text()).toContain('Чек')
    expect(wrapper.get('[data-testid="receipt-bin"]').text()).toBe('БИН: 210540012345')
    expect(field(wrapper, 'time')).toBe('25.11.2025, 14:03:12')
    expect(normalizeSpaces(field(wrapper, 'credited'))).toBe('5 250 ₸')
    expect(wrapper.get('[data-testid="done"]').text()).toBe('Готово')
  })
})

describe('ThankYouScreen', () => {
  it('thanks and shows the new balance', () => {
    const { wrapper } = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', receipt: makeReceipt() }))
    expect(wrapper.get('[data-testid="screen-thankYou"]').text()).toContain('Thank you!')
    expect(wrapper.get('[data-testid="new-balance"]').text()).toBe('New balance: 6,750\u00a0₸')
  })

  it('thanks without a balance when there is no receipt', () => {
    const { wrapper } = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', language: 'zh' }))
    expect(wrapper.text()).toContain('谢谢！')
    expect(wrapper.find('[data-testid="new-balance"]').exists()).toBe(false)
  })
})
