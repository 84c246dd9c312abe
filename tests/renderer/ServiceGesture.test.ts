/**
 * The hidden way into service mode on the kiosk screen (a long press top left, then top right), the
 * TRAINING ribbon on customers' screens, and the customer's screen while staff keep the kiosk closed.
 */
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { KioskView } from '../../src/core/protocol'
import App from '../../src/renderer/src/App.vue'
import { CORNER_PX, cornerAt, HOLD_MS, NEXT_WITHIN_MS } from '../../src/renderer/src/composables/useServiceGesture'
import OutOfServiceScreen from '../../src/renderer/src/screens/OutOfServiceScreen.vue'
import { useKioskStore } from '../../src/renderer/src/stores/kiosk'
import { makeServiceScreen, makeView } from './fixtures'
import { createFakeTransport, createStrictI18n, freshPinia, mountScreen, normalizeSpaces } from './helpers'

let unmount: (() => void) | null = null
afterEach(() => {
  unmount?.()
  unmount = null
  vi.useRealTimers()
})

async function mountApp(view: KioskView = makeView()) {
  const pinia = freshPinia()
  const transport = createFakeTransport()
  useKioskStore(pinia).connect(transport)
  const wrapper = mount(App, { global: { plugins: [pinia, createStrictI18n(view)] }, attachTo: document.body })
  unmount = () => wrapper.unmount()
  transport.emit({ type: 'connection', connected: true })
  transport.emit({ type: 'view', view })
  await nextTick()
  return { wrapper, transport }
}

const WIDTH = () => window.innerWidth
const TOP_LEFT = { x: 10, y: 10 }
const TOP_RIGHT = { x: WIDTH() - 10, y: 10 }
const MIDDLE = { x: 500, y: 300 }

function pointer(type: string, at: { x: number; y: number }, pointerId = 1): void {
  document.body.dispatchEvent(new PointerEvent(type, { clientX: at.x, clientY: at.y, pointerId, bubbles: true, cancelable: true }))
}
/** Presses at a point for `ms`, then lets go. */
function press(at: { x: number; y: number }, ms: number, pointerId = 1): void {
  pointer('pointerdown', at, pointerId)
  vi.advanceTimersByTime(ms)
  pointer('pointerup', at, pointerId)
}
const entries = (sent: { type: string }[]) => sent.filter((intent) => intent.type === 'serviceEntry')

describe('the hidden service gesture', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  it('has two invisible 64 px corners at the top', () => {
    expect(CORNER_PX).toBe(64)
    expect(cornerAt(0, 0, 1024)).toBe('topLeft')
    expect(cornerAt(63, 63, 1024)).toBe('topLeft')
    expect(cornerAt(64, 10, 1024)).toBeNull()
    expect(cornerAt(1023, 0, 1024)).toBe('topRight')
    expect(cornerAt(960, 63, 1024)).toBe('topRight')
    expect(cornerAt(959, 10, 1024)).toBeNull()
    expect(cornerAt(10, 64, 1024)).toBeNull()
  })

  it('sends serviceEntry after a long press top left, then one top right within 5 s', async () => {
    const { transport } = await mountApp()
    press(TOP_LEFT, HOLD_MS)
    vi.advanceTimersByTime(NEXT_WITHIN_MS - 500)
    pointer('pointerdown', TOP_RIGHT)
    vi.advanceTimersByTime(HOLD_MS - 1)
    expect(entries(transport.sent)).toEqual([])
    vi.advanceTimersByTime(1)
    expect(entries(transport.sent)).toEqual([{ type: 'serviceEntry' }])
    pointer('pointerup', TOP_RIGHT)
    // Once only, and the next gesture starts over.
    press(TOP_RIGHT, HOLD_MS)
    expect(entries(transport.sent)).toHaveLength(1)
  })

  it('does nothing for the corners in the wrong order, short presses, a late second press or a press elsewhere', async () => {
    const { transport } = await mountApp()
    press(TOP_RIGHT, HOLD_MS)
    press(TOP_LEFT, HOLD_MS - 100)
    press(TOP_RIGHT, HOLD_MS)
    press(TOP_LEFT, HOLD_MS)
    press(TOP_RIGHT, HOLD_MS - 100)
    press(TOP_LEFT, HOLD_MS)
    vi.advanceTimersByTime(NEXT_WITHIN_MS + 1)
    press(TOP_RIGHT, HOLD_MS)
    press(TOP_LEFT, HOLD_MS)
    press(MIDDLE, HOLD_MS)
    press({ x: WIDTH() - 10, y: CORNER_PX + 5 }, HOLD_MS)
    expect(entries(transport.sent)).toEqual([])
    // The gesture itself still works after all that.
    press(TOP_LEFT, HOLD_MS)
    press(TOP_RIGHT, HOLD_MS)
    expect(entries(transport.sent)).toEqual([{ type: 'serviceEntry' }])
  })

  it('does not count a press that slides out of the corner, or a second finger', async () => {
    const { transport } = await mountApp()
    press(TOP_LEFT, HOLD_MS)
    pointer('pointerdown', TOP_RIGHT)
    vi.advanceTimersByTime(500)
    pointer('pointermove', MIDDLE)
    vi.advanceTimersByTime(HOLD_MS)
    pointer('pointerup', MIDDLE)
    press(TOP_LEFT, HOLD_MS)
    pointer('pointerdown', TOP_RIGHT, 1)
    pointer('pointerdown', MIDDLE, 2)
    vi.advanceTimersByTime(HOLD_MS)
    pointer('pointerup', TOP_RIGHT, 1)
    pointer('pointerup', MIDDLE, 2)
    // The second finger ended that attempt: a top-right press alone now does nothing.
    press(TOP_RIGHT, HOLD_MS)
    expect(entries(transport.sent)).toEqual([])
    press(TOP_LEFT, HOLD_MS)
    press(TOP_RIGHT, HOLD_MS)
    expect(entries(transport.sent)).toEqual([{ type: 'serviceEntry' }])
  })

  it('swallows only the click that ends a completed long press in a corner', async () => {
    const { transport } = await mountApp()
    const clicks: number[] = []
    const count = () => clicks.push(1)
    document.body.addEventListener('click', count)
    press(TOP_LEFT, HOLD_MS)
    document.body.dispatchEvent(new MouseEvent('click', { clientX: TOP_LEFT.x, clientY: TOP_LEFT.y, bubbles: true, cancelable: true }))
    expect(clicks).toHaveLength(0)
    vi.advanceTimersByTime(1000)
    document.body.dispatchEvent(new MouseEvent('click', { clientX: TOP_LEFT.x, clientY: TOP_LEFT.y, bubbles: true, cancelable: true }))
    expect(clicks).toHaveLength(1)
    document.body.removeEventListener('click', count)
    expect(entries(transport.sent)).toEqual([])
  })

  it('leaves the buttons in the corners working: a tap on the language switch still sends the language', async () => {
    const { wrapper, transport } = await mountApp(makeView({ screen: 'card', canCancel: true }))
    await wrapper.get('[data-testid="lang-ru"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'language', code: 'ru' }])
    // No element stands in the corners: nothing covers the screen.
    expect(document.querySelectorAll('[data-testid*="gesture"], [data-testid*="corner"]')).toHaveLength(0)
  })
})

describe('training mode and a kiosk closed by staff', () => {
  it("puts a TRAINING ribbon on customers' screens in the kiosk's language", async () => {
    const { wrapper } = await mountApp(makeView({ screen: 'card', canCancel: true, training: true, language: 'ru' }))
    expect(normalizeSpaces(wrapper.get('[data-testid="training-ribbon"]').text())).toBe('ОБУЧЕНИЕ: платежи на этом терминале ненастоящие')
  })

  it('has no ribbon without training, nor on service screens (they carry their own badge)', async () => {
    const plain = await mountApp(makeView({ screen: 'card', canCancel: true }))
    expect(plain.wrapper.find('[data-testid="training-ribbon"]').exists()).toBe(false)
    unmount?.()
    const service = await mountApp(makeServiceScreen('serviceMenu', { training: true }, { training: true }))
    expect(service.wrapper.find('[data-testid="training-ribbon"]').exists()).toBe(false)
    expect(service.wrapper.get('[data-testid="service-training"]').text()).toBe('TRAINING')
  })

  it('tells customers the kiosk is temporarily out of service while staff work on it', () => {
    const { wrapper } = mountScreen(OutOfServiceScreen, makeView({ screen: 'outOfService', outOfService: 'closedByStaff' }))
    expect(normalizeSpaces(wrapper.get('[data-testid="problem-title"]').text())).toBe('Temporarily out of service')
    expect(normalizeSpaces(wrapper.get('[data-testid="problem-message"]').text())).toBe('Staff are working on the kiosk.')
    const kk = mountScreen(OutOfServiceScreen, makeView({ screen: 'outOfService', outOfService: 'closedByStaff', language: 'kk' }))
    expect(normalizeSpaces(kk.wrapper.get('[data-testid="problem-message"]').text())).toBe('Терминалға қызметкерлер қызмет көрсетуде.')
  })
})
