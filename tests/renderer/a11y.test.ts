/** Issue 18 in the kiosk screen: focus on each new screen's heading, keys from a keyboard, the modal warning, the tap guard. */
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import type { KioskView } from '../../src/core/protocol'
import App from '../../src/renderer/src/App.vue'
import { keypadIntent } from '../../src/renderer/src/composables/useHardwareKeys'
import { display, speech } from '../../src/renderer/src/composables/useSpeech'
import { TAP_GUARD_MS } from '../../src/renderer/src/composables/useTapGuard'
import ConfirmAction from '../../src/renderer/src/screens/service/ConfirmAction.vue'
import { useKioskStore } from '../../src/renderer/src/stores/kiosk'
import { makeView } from './fixtures'
import { createFakeTransport, createStrictI18n, freshPinia } from './helpers'

let unmount: (() => void) | null = null
let restore: (() => unknown) | null = null
afterEach(() => {
  unmount?.()
  unmount = null
  restore?.()
  restore = null
})

function mountApp() {
  const pinia = freshPinia()
  const transport = createFakeTransport()
  useKioskStore(pinia).connect(transport)
  const wrapper = mount(App, { global: { plugins: [pinia, createStrictI18n({ language: 'en' })] }, attachTo: document.body })
  unmount = () => wrapper.unmount()
  const show = async (view: KioskView) => {
    transport.emit({ type: 'view', view })
    await nextTick()
    await nextTick()
  }
  transport.emit({ type: 'connection', connected: true })
  return { wrapper, transport, show }
}

const key = (k: string, init: KeyboardEventInit = {}) =>
  window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }))

describe('focus', () => {
  it("moves to each new screen's heading", async () => {
    const { show } = mountApp()
    for (const [screen, title] of [
      ['card', 'Enter the last 8 digits of your card number'],
      ['amount', 'How much do you want to add?'],
      ['paymentMethod', 'How would you like to pay?']
    ] as const) {
      await show(makeView({ screen }))
      expect(document.activeElement?.tagName, screen).toBe('H1')
      expect(document.activeElement?.textContent, screen).toBe(title)
      expect(document.activeElement?.getAttribute('tabindex'), screen).toBe('-1')
    }
  })
})

describe('keys from a keyboard or keypad', () => {
  it('type digits, Backspace and Delete on the card keypad, and Enter submits', async () => {
    const { transport, show } = mountApp()
    await show(makeView({ screen: 'card' }))
    for (const k of ['4', '2', 'Backspace', 'Delete', 'Enter']) key(k)
    expect(transport.sent).toEqual([
      { type: 'keypad', key: '4' },
      { type: 'keypad', key: '2' },
      { type: 'keypad', key: 'backspace' },
      { type: 'keypad', key: 'clear' },
      { type: 'submitCard' }
    ])
  })

  it('submit the amount with Enter, even with a keypad key focused by a tap', async () => {
    const { wrapper, transport, show } = mountApp()
    await show(makeView({ screen: 'amount' }))
    const seven = wrapper.get('[data-testid="keypad-7"]')
    ;(seven.element as HTMLButtonElement).focus()
    seven.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    expect(transport.sent).toEqual([{ type: 'submitAmount' }])
  })

  it('mean nothing on a screen without a keypad, with a modifier, or under the warning', async () => {
    const { transport, show } = mountApp()
    await show(makeView({ screen: 'paymentMethod' }))
    key('5')
    await show(makeView({ screen: 'card' }))
    key('5', { ctrlKey: true })
    await show(makeView({ screen: 'card', warning: { secondsLeft: 20, totalSeconds: 20, onExpiry: 'endSession' } }))
    key('5')
    expect(transport.sent).toEqual([])
    expect(keypadIntent('receipt', { key: 'Enter', altKey: false, ctrlKey: false, metaKey: false })).toBeNull()
  })
})

describe('the inactivity warning', () => {
  it('takes the focus, keeps it on Tab, and asks for more time on Escape', async () => {
    const { transport, show } = mountApp()
    await show(makeView({ screen: 'amount' }))
    await show(makeView({ screen: 'amount', warning: { secondsLeft: 20, totalSeconds: 20, onExpiry: 'endSession' } }))
    expect(document.activeElement?.getAttribute('data-testid')).toBe('more-time')
    key('Tab')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('more-time')
    key('Tab', { shiftKey: true })
    expect(document.activeElement?.getAttribute('data-testid')).toBe('more-time')
    key('Escape')
    expect(transport.sent).toEqual([{ type: 'moreTime' }])
    await show(makeView({ screen: 'amount', warning: null }))
    expect(document.activeElement?.tagName).toBe('H1')
  })
})

describe('the cancel question', () => {
  it('says what cancelling leaves the customer with, takes the focus on Keep going, and keeps going on Escape', async () => {
    const { transport, show } = mountApp()
    await show(makeView({ screen: 'cash' }))
    await show(makeView({ screen: 'cash', cancelQuestion: { balanceKzt: 500, returningNote: { currency: 'KZT', value: 300 } } }))
    const dialog = document.querySelector('[data-testid="cancel-question"] [role="alertdialog"]')!
    expect(dialog.textContent).toContain('Cancel the top-up?')
    expect(dialog.textContent?.replace(/\s+/g, ' ')).toContain('your card keeps its balance of 500 ₸')
    expect(dialog.textContent?.replace(/\s+/g, ' ')).toContain('The note in the slot (300 ₸) will be returned.')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('keep-going')
    key('Tab', { shiftKey: true }) // from the first control back to the last
    expect(document.activeElement?.getAttribute('data-testid')).toBe('confirm-cancel')
    key('Tab') // from the last on to the first
    expect(document.activeElement?.getAttribute('data-testid')).toBe('keep-going')
    key('Escape')
    expect(transport.sent).toEqual([{ type: 'keepGoing' }])
    ;(document.querySelector('[data-testid="confirm-cancel"]') as HTMLButtonElement).click()
    expect(transport.sent).toEqual([{ type: 'keepGoing' }, { type: 'cancel' }])
  })
})

describe('a confirm question (service mode)', () => {
  it('keeps the focus and takes "no" on Escape', async () => {
    const wrapper = mount(ConfirmAction, {
      props: { label: 'Z report', question: 'Close the period?', testid: 'z' },
      global: { plugins: [createStrictI18n({ language: 'en' })] },
      attachTo: document.body
    })
    unmount = () => wrapper.unmount()
    await wrapper.get('[data-testid="z"]').trigger('click')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('z-yes')
    key('Tab', { shiftKey: true }) // from the first control back to the last
    expect(document.activeElement?.getAttribute('data-testid')).toBe('z-no')
    key('Tab') // from the last on to the first
    expect(document.activeElement?.getAttribute('data-testid')).toBe('z-yes')
    key('Escape')
    await nextTick()
    expect(wrapper.find('[data-testid="z-confirm"]').exists()).toBe(false)
    expect(wrapper.emitted('confirm')).toBeUndefined()
  })
})

describe('the tap guard', () => {
  it('swallows a second tap at the same place within 400 ms of the screen change, not later or elsewhere', async () => {
    // The guard reads the document timeline (real time where a test fakes Date): this test moves it.
    let clock = 1000
    const timeline = Object.getOwnPropertyDescriptor(document, 'timeline')
    Object.defineProperty(document, 'timeline', { configurable: true, get: () => ({ currentTime: clock }) })
    restore = () => (timeline ? Object.defineProperty(document, 'timeline', timeline) : delete (document as { timeline?: unknown }).timeline)
    const { wrapper, transport, show } = mountApp()
    await show(makeView({ screen: 'amount', amountEntry: '2000', canCancel: true }))
    const tap = (testid: string, x: number, y: number) => {
      const el = wrapper.get(`[data-testid="${testid}"]`).element
      el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: x, clientY: y }))
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX: x, clientY: y, detail: 1 }))
    }
    clock += 2000 // the customer typed the amount
    tap('submit-amount', 900, 700)
    expect(transport.sent).toEqual([{ type: 'submitAmount' }])
    clock += 80
    await show(makeView({ screen: 'paymentMethod', canCancel: true }))
    clock += 100
    tap('cancel', 905, 702) // the double tap's second half, where Continue was
    expect(transport.sent).toHaveLength(1)
    tap('pay-cash', 400, 300) // a tap elsewhere is meant
    expect(transport.sent).toEqual([{ type: 'submitAmount' }, { type: 'payCash' }])
    clock += TAP_GUARD_MS
    tap('cancel', 905, 702)
    expect(transport.sent.at(-1)).toEqual({ type: 'cancel' })
  })
})

describe('the speech and display modes', () => {
  it('end with the session: the next customer starts plain', async () => {
    const { wrapper, show } = mountApp()
    await show(makeView({ screen: 'card' }))
    await wrapper.get('[data-testid="contrast-toggle"]').trigger('click')
    await wrapper.get('[data-testid="large-text-toggle"]').trigger('click')
    await wrapper.get('[data-testid="speech-toggle"]').trigger('click')
    expect([speech.on, display.contrast, display.large]).toEqual([true, true, true])
    expect(document.documentElement.classList.contains('kiosk-contrast')).toBe(true)
    expect(wrapper.get('[data-testid="speech-toggle"]').attributes('aria-pressed')).toBe('true')
    await show(makeView({ screen: 'idle' }))
    expect([speech.on, display.contrast, display.large]).toEqual([false, false, false])
    expect(document.documentElement.classList.contains('kiosk-contrast')).toBe(false)
  })
})
