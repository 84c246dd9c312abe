import { nextTick, watch, type Ref } from 'vue'

/**
 * Focus follows the screen: when the core names a new screen, its heading (the first h1 in `root`)
 * takes the focus, so a screen reader or a keyboard starts at the top of the new screen rather than
 * on the body. The heading is made focusable by script only (tabindex -1): it is not a tab stop.
 */
export function useScreenFocus(screen: () => string | undefined, root: Ref<HTMLElement | null>): void {
  watch(
    screen,
    async (now) => {
      if (!now) return
      await nextTick()
      // An open dialog keeps the focus (it gives it back when it closes).
      if (document.querySelector('[aria-modal="true"]')) return
      const heading = root.value?.querySelector<HTMLElement>('h1')
      if (!heading) return
      heading.tabIndex = -1
      heading.focus({ preventScroll: true })
    },
    { immediate: true, flush: 'post' }
  )
}
