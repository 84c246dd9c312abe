import { describe, expect, it } from 'vitest'
import OutOfServiceScreen from '../../../src/renderer/src/screens/OutOfServiceScreen.vue'
import ServiceUnavailableScreen from '../../../src/renderer/src/screens/ServiceUnavailableScreen.vue'
import { makeView } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

describe('OutOfServiceScreen', () => {
  const view = makeView({ screen: 'outOfService' })
  const text = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => normalizeSpaces(wrapper.get(`[data-testid="${id}"]`).text())

  it('says calmly that no payment can be made and where to go instead', () => {
    const { wrapper } = mountScreen(OutOfServiceScreen, view)
    expect(wrapper.find('[data-testid="screen-outOfService"]').exists()).toBe(true)
    expect(text(wrapper, 'problem-title')).toBe('Temporarily out of service')
    expect(text(wrapper, 'problem-message')).toBe('No payments can be processed right now.')
    expect(text(wrapper, 'problem-advice')).toBe('Please use another terminal or come back later.')
  })

  it('shows the terminal id, its location and the support phone', () => {
    const { wrapper } = mountScreen(OutOfServiceScreen, view)
    expect(text(wrapper, 'terminal-id')).toBe('00412783')
    expect(text(wrapper, 'terminal-location')).toBe('Almaty, Almaly metro station, entrance hall')
    expect(text(wrapper, 'support-phone')).toBe('+7 727 356 00 00')
    expect(text(wrapper, 'terminal-info')).toContain('Support phone')
  })

  it('keeps the support phone on one line', () => {
    const { wrapper } = mountScreen(OutOfServiceScreen, view)
    expect(wrapper.get('[data-testid="support-phone"]').text()).toBe('+7\u00a0727\u00a0356\u00a000\u00a000')
  })

  it('offers nothing to start or press', () => {
    const { wrapper, intents } = mountScreen(OutOfServiceScreen, view)
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(wrapper.find('[data-testid="start"]').exists()).toBe(false)
    expect(intents()).toEqual([])
  })

  it('is written in Kazakh, Russian and Chinese', () => {
    const kk = mountScreen(OutOfServiceScreen, makeView({ screen: 'outOfService', language: 'kk' }))
    expect(text(kk.wrapper, 'problem-title')).toBe('Терминал уақытша жұмыс істемейді')
    expect(text(kk.wrapper, 'terminal-info')).toContain('Қолдау қызметінің телефоны')
    const ru = mountScreen(OutOfServiceScreen, makeView({ screen: 'outOfService', language: 'ru' }))
    expect(text(ru.wrapper, 'problem-title')).toBe('Терминал временно не работает')
    expect(text(ru.wrapper, 'problem-advice')).toBe('Пожалуйста, воспользуйтесь другим терминалом или зайдите позже.')
    const zh = mountScreen(OutOfServiceScreen, makeView({ screen: 'outOfService', language: 'zh' }))
    expect(text(zh.wrapper, 'problem-title')).toBe('暂停服务')
    expect(text(zh.wrapper, 'terminal-info')).toContain('客服电话')
  })
})

describe('ServiceUnavailableScreen', () => {
  const view = makeView({ screen: 'serviceUnavailable', canCancel: true, canGoBack: true })
  const text = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => normalizeSpaces(wrapper.get(`[data-testid="${id}"]`).text())

  it('says the service is unavailable and that no money was taken', () => {
    const { wrapper } = mountScreen(ServiceUnavailableScreen, view)
    expect(wrapper.find('[data-testid="screen-serviceUnavailable"]').exists()).toBe(true)
    expect(text(wrapper, 'problem-title')).toBe('The service is temporarily unavailable')
    expect(text(wrapper, 'not-charged')).toBe('No money was taken.')
    expect(text(wrapper, 'problem-advice')).toBe('Please try again in a few minutes or use another terminal.')
  })

  it('shows the terminal id and the support phone', () => {
    const { wrapper } = mountScreen(ServiceUnavailableScreen, view)
    expect(text(wrapper, 'terminal-id')).toBe('00412783')
    expect(text(wrapper, 'support-phone')).toBe('+7 727 356 00 00')
  })

  it('starts over with cancel, once', async () => {
    const { wrapper, intents } = mountScreen(ServiceUnavailableScreen, view)
    expect(wrapper.findAll('button')).toHaveLength(1)
    expect(wrapper.get('[data-testid="cancel"]').text()).toBe('Start over')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'cancel' }])
  })

  it('hides Start over when the core does not allow it', () => {
    const { wrapper } = mountScreen(ServiceUnavailableScreen, { ...view, canCancel: false })
    expect(wrapper.find('[data-testid="cancel"]').exists()).toBe(false)
  })

  it('tells a Russian, Kazakh and Chinese speaker that no money was taken', () => {
    const ru = mountScreen(ServiceUnavailableScreen, { ...view, language: 'ru' })
    expect(text(ru.wrapper, 'problem-title')).toBe('Сервис временно недоступен')
    expect(text(ru.wrapper, 'not-charged')).toBe('Деньги не приняты и не списаны.')
    expect(text(ru.wrapper, 'cancel')).toBe('Начать сначала')
    const kk = mountScreen(ServiceUnavailableScreen, { ...view, language: 'kk' })
    expect(text(kk.wrapper, 'not-charged')).toBe('Сізден ешқандай ақша алынған жоқ.')
    const zh = mountScreen(ServiceUnavailableScreen, { ...view, language: 'zh' })
    expect(text(zh.wrapper, 'problem-title')).toBe('服务暂时不可用')
    expect(text(zh.wrapper, 'not-charged')).toBe('未收取任何款项。')
  })
})
