import { onMounted, onUnmounted } from 'vue'

/**
 * The hidden gesture that asks for service mode on the kiosk's own screen (docs/service.md):
 *
 *   1. press and hold the TOP-LEFT corner of the screen for at least 2 seconds, let go;
 *   2. within 5 seconds, press and hold the TOP-RIGHT corner for at least 2 seconds.
 *
 * The core then shows the PIN pad (once no customer is served: during a session it waits).
 * Each corner is an invisible 64 × 64 px square. There is no element there: the squares are
 * tested on the window's pointer events (capture phase, passive), so nothing in the corners is
 * covered, nothing changes on screen, nothing can take focus, and customers' taps go through as
 * ever. Only the click that ends a completed long press in a corner is swallowed, so that the
 * gesture does not also press what lies under the finger (the language switch, top right).
 */
export const CORNER_PX = 64
export const HOLD_MS = 2000
export const NEXT_WITHIN_MS = 5000
/** How long after a completed long press's release its click is swallowed. */
const SWALLOW_CLICK_MS = 500

type Corner = 'topLeft' | 'topRight'

/** Which corner a point lies in, if any. */
export function cornerAt(x: number, y: number, width: number): Corner | null {
  if (y < 0 || y >= CORNER_PX) return null
  if (x >= 0 && x < CORNER_PX) return 'topLeft'
  if (x >= width - CORNER_PX && x < width) return 'topRight'
  return null
}

/** Listens for the gesture while the calling component is mounted; `onEntry` runs once per completed gesture. */
export function useServiceGesture(onEntry: () => void): void {
  let hold: { pointerId: number; corner: Corner; timer: ReturnType<typeof setTimeout>; done: boolean } | null = null
  /** The top-left long press is done: the top-right one may begin until `armTimer` runs out (then it is held to its end). */
  let armed = false
  let armTimer: ReturnType<typeof setTimeout> | undefined
  let swallowClicks = false
  let swallowTimer: ReturnType<typeof setTimeout> | undefined

  const cornerOf = (event: MouseEvent) => cornerAt(event.clientX, event.clientY, window.innerWidth)

  function disarm(): void {
    clearTimeout(armTimer)
    armed = false
  }

  function completed(corner: Corner): void {
    swallowClicks = true
    clearTimeout(swallowTimer)
    if (corner === 'topRight' && armed) {
      disarm()
      onEntry()
    }
  }

  function release(event: PointerEvent): void {
    if (!hold || hold.pointerId !== event.pointerId) return
    clearTimeout(hold.timer)
    // A top-right press let go too early ends the attempt: the gesture starts over.
    if (!hold.done && hold.corner === 'topRight') disarm()
    if (hold.done) {
      if (hold.corner === 'topLeft') {
        disarm()
        armed = true
        armTimer = setTimeout(disarm, NEXT_WITHIN_MS)
      }
      swallowTimer = setTimeout(() => (swallowClicks = false), SWALLOW_CLICK_MS)
    }
    hold = null
  }

  function down(event: PointerEvent): void {
    if (hold) {
      // A second finger is not the gesture: it starts over.
      clearTimeout(hold.timer)
      hold = null
      disarm()
      return
    }
    const corner = cornerOf(event)
    if (!corner) return
    // The top-right press began in time: it may now be held to its end.
    if (corner === 'topRight') clearTimeout(armTimer)
    const started = { pointerId: event.pointerId, corner, done: false, timer: setTimeout(() => undefined, 0) }
    started.timer = setTimeout(() => {
      started.done = true
      completed(corner)
    }, HOLD_MS)
    hold = started
  }

  function move(event: PointerEvent): void {
    if (hold && hold.pointerId === event.pointerId && cornerOf(event) !== hold.corner) release(event)
  }

  function click(event: MouseEvent): void {
    if (swallowClicks && cornerOf(event)) {
      event.preventDefault()
      event.stopPropagation()
    }
  }

  const listeners = [
    ['pointerdown', down],
    ['pointerup', release],
    ['pointercancel', release],
    ['pointermove', move],
    ['click', click]
  ] as const
  onMounted(() => {
    for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener, { capture: true, passive: type !== 'click' })
  })
  onUnmounted(() => {
    for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener, { capture: true })
    if (hold) clearTimeout(hold.timer)
    disarm()
    clearTimeout(swallowTimer)
  })
}
