import { onBeforeUnmount, onMounted, watch } from 'vue'

/** How long after a screen change a tap where the last one landed is taken as the same finger (a double tap, a bounce). */
export const TAP_GUARD_MS = 400
/** How far (CSS px) from the tap that changed the screen a tap counts as the same place: about a fingertip. */
export const TAP_GUARD_RADIUS_PX = 64

/**
 * The page's own clock in ms. The document timeline runs on real time even where a test fakes
 * `performance.now` and `Date` (the browser tests fix them to the kiosk's virtual clock).
 */
function now(): number {
  const timeline = typeof document !== 'undefined' ? document.timeline?.currentTime : null
  return typeof timeline === 'number' ? timeline : performance.now()
}

/**
 * A tap is never delivered to a control that appeared under the finger in the last 400 ms: a
 * double tap on Continue must not land on the Cancel the next screen puts in the same place. For
 * 400 ms after a screen change that answers a tap, a press within a fingertip of that tap, or a
 * press that started before the change, is swallowed (in the capture phase, before any
 * control sees it). A deliberate tap elsewhere on the new screen is delivered: nobody aims at a
 * new control that fast, so only the same finger lands there.
 */
export function useTapGuard(view: () => { screen: string } | null): void {
  let changedAt = -Infinity
  let lastScreen: string | undefined
  let lastDown: { x: number; y: number; at: number } | null = null
  /** The core has not answered since the last press: the next view is that press's doing. */
  let unanswered = false
  /** A finger is on the screen (pressed, not yet released). */
  let pressing = false
  /** Where the press that changed the screen landed: the last press, when the new screen is the core's first answer to it. */
  let anchor: { x: number; y: number } | null = null
  /** A press swallowed at its start: its release and click are swallowed too. */
  let swallowing = false

  // Every view the core sends is a new object: a press's answer may change the screen or not (a digit typed).
  watch(view, (next) => {
    const answersPress = unanswered
    unanswered = false
    if (!next || next.screen === lastScreen) return
    lastScreen = next.screen
    const at = now()
    anchor = answersPress && lastDown && at - lastDown.at < 1000 ? { x: lastDown.x, y: lastDown.y } : null
    changedAt = at
  })

  const guarded = (event: MouseEvent): boolean => {
    // A click from the keyboard (Enter or Space on a focused button) has no finger: detail 0.
    if (event.type === 'click' && event.detail === 0) return false
    if (now() - changedAt >= TAP_GUARD_MS) return false
    // The finger went down on the old screen and comes up on the new one.
    if (pressing && lastDown && lastDown.at < changedAt && event.type !== 'pointerdown') return true
    return anchor !== null && Math.hypot(event.clientX - anchor.x, event.clientY - anchor.y) < TAP_GUARD_RADIUS_PX
  }
  const swallow = (event: Event) => {
    event.preventDefault()
    event.stopImmediatePropagation()
  }
  const onDown = (event: PointerEvent) => {
    swallowing = guarded(event)
    pressing = true
    lastDown = { x: event.clientX, y: event.clientY, at: now() }
    if (swallowing) swallow(event)
  }
  const onUpOrClick = (event: MouseEvent) => {
    const swallowed = swallowing || guarded(event)
    if (swallowed) swallow(event)
    if (event.type !== 'click') return
    // A delivered tap's intent goes to the core now: the next view answers it.
    if (!swallowed && event.detail !== 0) unanswered = true
    swallowing = pressing = false
  }

  const options = { capture: true }
  const others = ['pointerup', 'mousedown', 'mouseup', 'click'] as const
  onMounted(() => {
    window.addEventListener('pointerdown', onDown, options)
    for (const type of others) window.addEventListener(type, onUpOrClick, options)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('pointerdown', onDown, options)
    for (const type of others) window.removeEventListener(type, onUpOrClick, options)
  })
}
