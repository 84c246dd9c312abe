import { describe, expect, it } from 'vitest'
import { KEYPAD_KEYS } from '../../../src/core/protocol'
import CardScreen from '../../../src/renderer/src/screens/CardScreen.vue'
import { makeView } from '../fixtures'
import { mountScreen } from '../helpers'

const cardView = (cardEntry: string, flags = { canCancel: true, canGoBack: false }) => makeView({ screen: 'card', cardEntry, ...flags })

describe('CardScreen', () => {
  it('shows the typed digits in 8 boxes', () => {
    const { wrapper } = mountScreen(CardScreen, cardView('112'))
    const boxes = wrapper.findAll('[data-testid="card-digit"]')
    expect(boxes).toHaveLength(8)
    expect(boxes.map((b) => b.text())).toEqual(['1', '1', '2', '', '', '', '', ''])
    expect(wrapper.text()).toContain('3 of 8 digits entered')
  })

  it('sends every keypad key', async () => {
    const { wrapper, intents } = mountScreen(CardScreen, cardView(''))
    for (const key of KEYPAD_KEYS) await wrapper.get(`[data-testid="keypad-${key}"]`).trigger('click')
    expect(intents()).toEqual(KEYPAD_KEYS.map((key) => ({ type: 'keypad', key })))
  })

  it('enables Continue only with 8 digits, and sends submitCard', async () => {
    const partial = mountScreen(CardScreen, cardView('1111222'))
    expect(partial.wrapper.get('[data-testid="submit-card"]').attributes('disabled')).toBeDefined()

    const full = mountScreen(CardScreen, cardView('11112222'))
    const submit = full.wrapper.get('[data-testid="submit-card"]')
    expect(submit.attributes('disabled')).toBeUndefined()
    await submit.trigger('click')
    expect(full.intents()).toEqual([{ type: 'submitCard' }])
  })

  it('cancels, and shows Back only when the core allows it', async () => {
    const { wrapper, intents } = mountScreen(CardScreen, cardView('', { canCancel: true, canGoBack: false }))
    expect(wrapper.find('[data-testid="back"]').exists()).toBe(false)
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'cancel' }])

    const withBack = mountScreen(CardScreen, cardView('', { canCancel: false, canGoBack: true }))
    expect(withBack.wrapper.find('[data-testid="cancel"]').exists()).toBe(false)
    await withBack.wrapper.get('[data-testid="back"]').trigger('click')
    expect(withBack.intents()).toEqual([{ type: 'back' }])
  })

  it('speaks Kazakh', () => {
    const { wrapper } = mountScreen(CardScreen, makeView({ screen: 'card', language: 'kk', canCancel: true }))
    expect(wrapper.text()).toContain('Карта нөмірінің соңғы 8 цифрын енгізіңіз')
    expect(wrapper.get('[data-testid="cancel"]').text()).toBe('Болдырмау')
    expect(wrapper.get('[data-testid="keypad-clear"]').text()).toBe('Тазалау')
  })
})
