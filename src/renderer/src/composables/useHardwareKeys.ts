import { onBeforeUnmount, onMounted } from 'vue'
import type { CustomerIntent, KeypadKey, ScreenName } from '../../../core/protocol'

/** The screens with an on-screen keypad, and the intent Enter sends on each. */
const SUBMIT: Partial<Record<ScreenName, CustomerIntent>> = { card: { type: 'submitCard' }, amount: { type: 'submitAmount' } }

/** What a key on a physical keyboard or numeric keypad means on a keypad screen, if anything. */
export function keypadIntent(screen: ScreenName, event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): CustomerIntent | null {
  const submit = SUBMIT[screen]
  if (!submit || event.altKey || event.ctrlKey || event.metaKey) return null
  if (/^[0-9]$/.test(event.key)) return { type: 'keypad', key: event.key as KeypadKey }
  if (event.key === 'Backspace') return { type: 'keypad', key: 'backspace' }
  if (event.key === 'Delete') return { type: 'keypad', key: 'clear' }
  if (event.key === 'Enter') return submit
  return null
}

/**
 * Digits, Backspace, Delete (clear) and Enter (submit) from a keyboard or a keypad type on the
 * on-screen keypads, as the keys on the screen do: the core keeps what is typed and checks it.
 * Keys meant for a focused control (a text field, Enter on a button other than the keypad's) are left to it.
 */
export function useHardwareKeys(screen: () => ScreenName | undefined, send: (intent: CustomerIntent) => void): void {
  function onKey(event: KeyboardEvent): void {
    const now = screen()
    // An open dialog (the inactivity warning) is modal: the screen under it takes no keys.
    if (!now || event.defaultPrevented || document.querySelector('[aria-modal="true"]')) return
    const target = event.target instanceof Element ? event.target : null
    if (target?.closest('input, select, textarea')) return
    // Enter on a focused button presses it, but not on a keypad key a tap left focused: there it submits.
    if (event.key === 'Enter' && target?.closest('button, a') && !target.closest('.keypad')) return
    const intent = keypadIntent(now, event)
    if (!intent) return
    event.preventDefault()
    send(intent)
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
