import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { SCREENS, type KioskView } from '../../src/core/protocol'
import App from '../../src/renderer/src/App.vue'
import { useKioskStore } from '../../src/renderer/src/stores/kiosk'
import { makeView } from './fixtures'
import { createFakeTransport, createStrictI18n, freshPinia } from './helpers'

function mountApp() {
  const pinia = freshPinia()
  const transport = createFakeTransport()
  const store = useKioskStore(pinia)
  store.connect(transport)
  const wrapper = mount(App, { global: { plugins: [pinia, createStrictI18n({ language: 'en' })] }, attachTo: document.body })
  /** Plays the core: sends a view and waits for the screen to update. */
  const show = async (view: KioskView) => {
    transport.emit({ type: 'view', view })
    await nextTick()
  }
  transport.emit({ type: 'connection', connected: true })
  return { wrapper, transport, store, show }
}

let unmount: (() => void) | null = null
afterEach(() => {
  unmount?.()
  unmount = null
})

describe('App', () => {
  it('says it is connecting, in all four languages, until the first view', () => {
    const { wrapper } = mountApp()
    unmount = () => wrapper.unmount()
    const connecting = wrapper.get('[data-testid="connecting"]').text()
    for (const text of ['Қосылуда…', 'Подключение…', 'Connecting…', '正在连接…']) expect(connecting).toContain(text)
    expect(wrapper.find('[data-testid^="screen-"]').exists()).toBe(false)
  })

  it.each(SCREENS)('shows the %s screen, and only it, when the core names it', async (screen) => {
    const { wrapper, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen }))
    const screens = wrapper.findAll('[data-testid^="screen-"]')
    expect(screens.map((s) => s.attributes('data-testid'))).toEqual([`screen-${screen}`])
  })

  it('puts the language switch on every screen exactly once', async () => {
    const { wrapper, show } = mountApp()
    unmount = () => wrapper.unmount()
    for (const screen of SCREENS) {
      await show(makeView({ screen }))
      for (const code of ['kk', 'ru', 'en', 'zh']) expect(wrapper.findAll(`[data-testid="lang-${code}"]`), `${screen}: lang-${code}`).toHaveLength(1)
    }
  })

  it('sends the language to the core and follows the language the core answers with', async () => {
    const { wrapper, transport, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'card', canCancel: true }))
    expect(wrapper.text()).toContain('Enter the last 8 digits of your card number')

    await wrapper.get('[data-testid="lang-ru"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'language', code: 'ru' }])
    // The renderer does not switch by itself: the core decides.
    expect(wrapper.text()).toContain('Enter the last 8 digits of your card number')

    await show(makeView({ screen: 'card', canCancel: true, language: 'ru' }))
    expect(wrapper.text()).toContain('Введите последние 8 цифр номера карты')
    expect(wrapper.get('[data-testid="cancel"]').text()).toBe('Отмена')
    expect(wrapper.get('[data-testid="lang-ru"]').attributes('aria-pressed')).toBe('true')
    expect(document.documentElement.lang).toBe('ru-RU')

    await show(makeView({ screen: 'card', canCancel: true, language: 'zh' }))
    expect(wrapper.text()).toContain('请输入卡号的后 8 位数字')
  })

  it('sends what a screen emits to the core', async () => {
    const { wrapper, transport, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'card', canCancel: true }))
    await wrapper.get('[data-testid="keypad-7"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'keypad', key: '7' }, { type: 'cancel' }])
  })

  it('shows the inactivity warning with its countdown over the screen and asks for more time', async () => {
    const { wrapper, transport, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'amount' }))
    expect(wrapper.find('[data-testid="inactivity-warning"]').exists()).toBe(false)

    await show(makeView({ screen: 'amount', warning: { secondsLeft: 12, totalSeconds: 15, onExpiry: 'endSession' } }))
    const warning = wrapper.get('[data-testid="inactivity-warning"]')
    expect(warning.text()).toContain('Do you need more time?')
    expect(wrapper.get('[data-testid="seconds-left"]').text()).toBe('12 s')
    expect(wrapper.find('[data-testid="screen-amount"]').exists()).toBe(true)

    await show(makeView({ screen: 'amount', warning: { secondsLeft: 11, totalSeconds: 15, onExpiry: 'endSession' } }))
    expect(wrapper.get('[data-testid="seconds-left"]').text()).toBe('11 s')

    await wrapper.get('[data-testid="more-time"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'moreTime' }])

    await show(makeView({ screen: 'amount', warning: null }))
    expect(wrapper.find('[data-testid="inactivity-warning"]').exists()).toBe(false)
  })

  it('tells a customer with money in that the top-up will complete by itself', async () => {
    const { wrapper, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'cash', warning: { secondsLeft: 9, totalSeconds: 15, onExpiry: 'completeTopUp' } }))
    expect(wrapper.get('[data-testid="inactivity-warning"]').text()).toContain('the top-up will be completed for the notes already inserted')
    expect(wrapper.get('[data-testid="inactivity-warning"]').text()).not.toContain('return to the start')
  })

  it('says the kiosk restarted and is finishing the top-up, only while it does', async () => {
    const { wrapper, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'crediting', resumed: true }))
    expect(wrapper.get('[data-testid="resumed"]').text()).toBe('The kiosk restarted during your top-up. It is being finished now: nothing you paid is lost.')
    await show(makeView({ screen: 'idle', resumed: false }))
    expect(wrapper.find('[data-testid="resumed"]').exists()).toBe(false)
  })

  it('shows the warning in the view language', async () => {
    const { wrapper, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'cash', language: 'kk', warning: { secondsLeft: 5, totalSeconds: 15, onExpiry: 'endSession' } }))
    expect(wrapper.get('[data-testid="more-time"]').text()).toBe('Уақытты ұзарту')
    expect(wrapper.get('[data-testid="seconds-left"]').text()).toBe('5 с')
  })

  it('covers the screen while the link to the core is down', async () => {
    const { wrapper, transport, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'card' }))
    expect(wrapper.find('[data-testid="reconnecting"]').exists()).toBe(false)
    transport.emit({ type: 'connection', connected: false })
    await nextTick()
    expect(wrapper.get('[data-testid="reconnecting"]').text()).toBe('Connection lost. Reconnecting…')
    transport.emit({ type: 'connection', connected: true })
    await nextTick()
    expect(wrapper.find('[data-testid="reconnecting"]').exists()).toBe(false)
  })

  it('keeps the screen when the core refuses an intent', async () => {
    const { wrapper, transport, store, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'card' }))
    transport.emit({ type: 'error', message: 'the kiosk screen may not send "tapCard"' })
    await nextTick()
    expect(store.lastError).toBe('the kiosk screen may not send "tapCard"')
    expect(wrapper.find('[data-testid="screen-card"]').exists()).toBe(true)
  })

  it('ignores technician views and has no technician controls', async () => {
    const { wrapper, show } = mountApp()
    unmount = () => wrapper.unmount()
    await show(makeView({ screen: 'cash' }))
    expect(wrapper.find('[data-testid^="tap-"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid^="insert-"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="remove-card"]').exists()).toBe(false)
  })
})
