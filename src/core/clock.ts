/**
 * The time source for the machines and simulated devices. XState's actor system takes any
 * object with setTimeout/clearTimeout; `now()` stamps journal records and receipts.
 * Hosts use a real clock; tests, scenarios and the CLI use VirtualClock.
 */
export interface KioskClock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
}

/** Lets pending promise reactions run (host answers, printer jobs) without real time passing. */
export async function settlePromises(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}

interface VirtualTimer {
  due: number
  order: number
  fn: () => void
}

/** A clock that only moves when told: a 60 s wait takes no real time. */
export class VirtualClock implements KioskClock {
  private time: number
  private readonly timers = new Map<number, VirtualTimer>()
  private nextId = 1

  constructor(start: number) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++
    this.timers.set(id, { due: this.time + Math.max(0, ms), order: id, fn })
    return id
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number)
  }

  /** When the earliest pending timer is due, or null when none is pending. */
  nextDue(): number | null {
    let due: number | null = null
    for (const t of this.timers.values()) if (due === null || t.due < due) due = t.due
    return due
  }

  /** Moves time forward by `ms`, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    await settlePromises()
    for (;;) {
      const next = this.earliest()
      if (!next || next[1].due > end) break
      this.timers.delete(next[0])
      this.time = Math.max(this.time, next[1].due)
      next[1].fn()
      await settlePromises()
    }
    this.time = end
  }

  private earliest(): [number, VirtualTimer] | undefined {
    let best: [number, VirtualTimer] | undefined
    for (const entry of this.timers) {
      if (!best || entry[1].due < best[1].due || (entry[1].due === best[1].due && entry[1].order < best[1].order)) best = entry
    }
    return best
  }
}

/** Resolves after `ms` on the given clock. */
export function sleep(clock: KioskClock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, ms)
  })
}
