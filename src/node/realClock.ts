import type { KioskClock } from '../core/clock'

/** Wall-clock time for the interactive hosts (Electron, web). */
export const realClock: KioskClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>)
}
