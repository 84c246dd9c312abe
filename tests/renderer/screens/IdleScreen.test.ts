import { describe, expect, it } from 'vitest'
import IdleScreen from '../../../src/renderer/src/screens/IdleScreen.vue'
import { makeView } from '../fixtures'
import { mountScreen } from '../helpers'

describe('IdleScreen', () => {
  it('invites to top up and shows the terminal info with a DEMO badge', () => {
    const { wrapper } = mountScreen(IdleScreen, makeView())
    expect(wrapper.get('[data-testid="screen-idle"]').text()).toContain('Top up your transit card')
    expect(wrapper.text()).toContain('Tap your card on the reader or touch to start')
    expect(wrapper.get('[data-testid="terminal-id"]').text()).toBe('Terminal 00412783')
    expect(wrapper.get('[data-testid="support-phone"]').text()).toBe('Support: +7 727 356 00 00')
    expect(wrapper.get('[data-testid="terminal-info"]').text()).toContain('Almaty, Almaly metro station')
    expect(wrapper.get('[data-testid="demo-badge"]').text()).toBe('DEMO')
  })

  it('shows no DEMO badge on a real terminal', () => {
    const view = makeView()
    const { wrapper } = mountScreen(IdleScreen, { ...view, terminal: { ...view.terminal, demo: false } })
    expect(wrapper.find('[data-testid="demo-badge"]').exists()).toBe(false)
  })

  it('offers the four languages by their native names and marks the current one', () => {
    const { wrapper } = mountScreen(IdleScreen, makeView({ language: 'ru' }))
    expect(wrapper.get('[data-testid="lang-kk"]').text()).toBe('Қазақша')
    expect(wrapper.get('[data-testid="lang-ru"]').text()).toBe('Русский')
    expect(wrapper.get('[data-testid="lang-en"]').text()).toBe('English')
    expect(wrapper.get('[data-testid="lang-zh"]').text()).toBe('中文')
    expect(wrapper.get('[data-testid="lang-ru"]').attributes('aria-pressed')).toBe('true')
    expect(wrapper.get('[data-testid="lang-en"]').attributes('aria-pressed')).toBe('false')
    expect(wrapper.text()).toContain('Пополните транспортную карту')
  })

  it('sends the language a button names', async () => {
    const { wrapper, intents } = mountScreen(IdleScreen, makeView())
    await wrapper.get('[data-testid="lang-zh"]').trigger('click')
    await wrapper.get('[data-testid="lang-kk"]').trigger('click')
    expect(intents()).toEqual([
      { type: 'language', code: 'zh' },
      { type: 'language', code: 'kk' }
    ])
  })

  it('starts on the start button and on a touch anywhere on the hero, once per touch', async () => {
    const { wrapper, intents } = mountScreen(IdleScreen, makeView())
    await wrapper.get('[data-testid="start"]').trigger('click')
    expect(intents()).toEqual([{ type: 'start' }])
    await wrapper.get('.idle-title').trigger('click')
    expect(intents()).toEqual([{ type: 'start' }, { type: 'start' }])
  })
})
