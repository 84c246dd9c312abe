import { onBeforeUnmount, onMounted, type Ref } from 'vue'

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog keeps the focus: Tab and Shift+Tab cycle through its controls, Escape takes its
 * safe choice (`onEscape`), and when it closes the focus goes back where it was (or to the screen's heading).
 */
export function useFocusTrap(dialog: Ref<HTMLElement | null>, onEscape: () => void): void {
  let before: HTMLElement | null = null

  function onKey(event: KeyboardEvent): void {
    const root = dialog.value
    if (!root) return
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onEscape()
      return
    }
    if (event.key !== 'Tab') return
    const controls = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE))
    if (controls.length === 0) return event.preventDefault()
    const first = controls[0]!
    const last = controls[controls.length - 1]!
    const inside = root.contains(document.activeElement)
    if (event.shiftKey && (!inside || document.activeElement === first)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
      event.preventDefault()
      first.focus()
    }
  }

  onMounted(() => {
    before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    // Capture: the dialog's keys are handled before the screen's (the keypad's digits, Enter).
    window.addEventListener('keydown', onKey, true)
    dialog.value?.querySelector<HTMLElement>(FOCUSABLE)?.focus()
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey, true)
    const back = before && before.isConnected ? before : document.querySelector<HTMLElement>('.kiosk-main h1')
    back?.focus({ preventScroll: true })
  })
}
