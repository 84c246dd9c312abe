import { describe, expect, it } from 'vitest'
// One component serves the four card-problem screens, worded by the view's screen.
import {
  default as CardBlockedScreen,
  default as CardExpiredScreen,
  default as CardReadErrorScreen,
  default as CardUnknownScreen
} from '../../../src/renderer/src/screens/CardProblemScreen.vue'
import { makeView } from '../fixtures'
import { mountScreen } from '../helpers'

const cases = [
  {
    screen: 'cardReadError',
    component: CardReadErrorScreen,
    title: 'The card could not be read',
    advice: 'Tap the card again, or type the last 8 digits of its number.',
    back: 'Type the card number'
  },
  {
    screen: 'cardUnknown',
    component: CardUnknownScreen,
    title: 'Card not found',
    advice: 'Check the last 8 digits on the back of the card',
    back: 'Try again'
  },
  {
    screen: 'cardBlocked',
    component: CardBlockedScreen,
    title: 'This card is blocked',
    advice: 'Please contact the card issuer: +7 727 356 00 00.',
    back: 'Try again'
  },
  {
    screen: 'cardExpired',
    component: CardExpiredScreen,
    title: 'This card has expired',
    advice: 'exchange it for a new card at a ticket office',
    back: 'Try again'
  }
] as const

describe.each(cases)('$screen', ({ screen, component, title, advice, back }) => {
  const view = makeView({ screen, canCancel: true, canGoBack: true })

  it('says what is wrong and what to do', () => {
    const { wrapper } = mountScreen(component, view)
    expect(wrapper.find(`[data-testid="screen-${screen}"]`).exists()).toBe(true)
    expect(wrapper.get('[data-testid="problem-title"]').text()).toBe(title)
    expect(wrapper.get('[data-testid="problem-advice"]').text()).toContain(advice)
  })

  it('retries with back and starts over with cancel', async () => {
    const { wrapper, intents } = mountScreen(component, view)
    expect(wrapper.get('[data-testid="back"]').text()).toBe(back)
    expect(wrapper.get('[data-testid="cancel"]').text()).toBe('Start over')
    await wrapper.get('[data-testid="back"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'back' }, { type: 'cancel' }])
  })

  it('hides what the core does not allow', () => {
    const { wrapper } = mountScreen(component, { ...view, canGoBack: false })
    expect(wrapper.find('[data-testid="back"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="cancel"]').exists()).toBe(true)
  })
})

describe('card problems in other languages', () => {
  it('tells a Chinese speaker the card is blocked', () => {
    const { wrapper } = mountScreen(CardBlockedScreen, makeView({ screen: 'cardBlocked', language: 'zh', canCancel: true, canGoBack: true }))
    expect(wrapper.get('[data-testid="problem-title"]').text()).toBe('此卡已被冻结')
    expect(wrapper.get('[data-testid="problem-advice"]').text()).toBe('请联系发卡机构：+7 727 356 00 00。')
  })

  it('tells a Russian speaker the card has expired', () => {
    const { wrapper } = mountScreen(CardExpiredScreen, makeView({ screen: 'cardExpired', language: 'ru', canCancel: true, canGoBack: true }))
    expect(wrapper.get('[data-testid="problem-title"]').text()).toBe('Срок действия карты истёк')
    expect(wrapper.get('[data-testid="back"]').text()).toBe('Попробовать снова')
  })
})

describe('cardReadError', () => {
  const view = makeView({ screen: 'cardReadError', canCancel: true, canGoBack: true })

  it('says how to hold the card, with its own reader icon', () => {
    const { wrapper } = mountScreen(CardReadErrorScreen, view)
    expect(wrapper.get('[data-testid="problem-message"]').text()).toBe('Hold the card flat on the reader and keep it still for a moment.')
    expect(wrapper.findAll('svg.card-problem-icon')).toHaveLength(1)
    expect(wrapper.get('svg.card-problem-icon').html()).toContain('var(--c-warn)')
  })

  it.each([
    ['kk', 'Картаны оқу мүмкін болмады', 'Карта нөмірін енгізу'],
    ['ru', 'Не удалось прочитать карту', 'Ввести номер карты'],
    ['zh', '无法读取卡片', '输入卡号']
  ] as const)('speaks %s', (language, title, back) => {
    const { wrapper } = mountScreen(CardReadErrorScreen, { ...view, language })
    expect(wrapper.get('[data-testid="problem-title"]').text()).toBe(title)
    expect(wrapper.get('[data-testid="back"]').text()).toBe(back)
  })
})
