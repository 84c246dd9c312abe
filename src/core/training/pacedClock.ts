/**
 * The caption player's clock (docs/training.md): a VirtualClock that real time moves, times the
 * player's speed, so a 60 s wait plays in 6 s at 10x and a kiosk's timers keep their order. It
 * can pause, change speed without a jump in virtual time, and run fast (a jump's replay, a set-up).
 */
import { VirtualClock } from '../clock'

/** Real time for the paced clock: the hosts pass real timers, tests a fake. */
export interface Ticker {
  /** Real milliseconds (any origin). */
  now(): number
  /** Calls `fn` every `ms` real milliseconds; returns a function that stops it. */
  every(ms: number, fn: () => void): () => void
}

/** The slowest and fastest speeds. */
export const MIN_SPEED = 0.25
export const MAX_SPEED = 10
/** How often the clock catches up with real time. */
export const TICK_MS = 50

interface Waiter {
  target: number
  resolve: () => void
}

interface Hold {
  left: number
  resolve: () => void
}

/**
 * A virtual clock advanced by real time x speed. Whoever calls `advance(ms)` (the scenario runner's
 * `wait` and its settling) waits until paced time has got there; time never runs past the earliest
 * such target in one go, so a played scenario meets the same timers at the same instants as one run
 * fast. `hold(ms)` waits as long without moving the kiosk's time (the pause between steps).
 */
export class PacedClock extends VirtualClock {
  private rate = 1
  private running = false
  private fast = false
  private lastReal = 0
  /** Virtual milliseconds below 1 not yet spent: time stays in whole milliseconds. */
  private fraction = 0
  private stopTicks: (() => void) | null = null
  /** Moves of virtual time one after another: the runner's and the ticker's never overlap. */
  private chain: Promise<void> = Promise.resolve()
  private waiters: Waiter[] = []
  private holds: Hold[] = []

  constructor(
    start: number,
    private readonly ticker: Ticker,
    private readonly tickMs = TICK_MS
  ) {
    super(start)
  }

  get speed(): number {
    return this.rate
  }

  /** Whether real time moves the clock now. */
  get paused(): boolean {
    return !this.running
  }

  /** A new speed from now on: the time run so far at the old speed is counted first. */
  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) throw new RangeError(`speed: expected a number from ${MIN_SPEED} to ${MAX_SPEED}`)
    this.tick()
    this.rate = speed
  }

  /** Real time moves the clock again from now (not from when it was paused). */
  resume(): void {
    if (this.running) return
    this.running = true
    this.lastReal = this.ticker.now()
    this.stopTicks ??= this.ticker.every(this.tickMs, () => this.tick())
  }

  /** Stops the clock where it is: a wait in progress waits on. */
  pause(): void {
    if (!this.running) return
    this.tick()
    this.running = false
    this.stopTicks?.()
    this.stopTicks = null
  }

  /** Runs `work` with every advance and hold done at once (a jump's replay, a set-up). */
  async runFast<T>(work: () => Promise<T>): Promise<T> {
    this.fast = true
    try {
      return await work()
    } finally {
      this.fast = false
    }
  }

  /** Waits until paced time has moved `ms` (at once when running fast). */
  override advance(ms: number): Promise<void> {
    if (this.fast || ms <= 0) return this.exclusive(() => super.advance(Math.max(0, ms)))
    return new Promise((resolve) => this.waiters.push({ target: this.now() + ms, resolve }))
  }

  /** Waits `ms` of paced time without moving the kiosk's clock (at once when running fast). */
  hold(ms: number): Promise<void> {
    if (this.fast || ms <= 0) return Promise.resolve()
    return new Promise((resolve) => this.holds.push({ left: ms, resolve }))
  }

  /** Ends every hold now (a step asked for while paused between steps). */
  endHolds(): void {
    for (const hold of this.holds.splice(0)) hold.resolve()
  }

  private exclusive(move: () => Promise<void>): Promise<void> {
    const next = this.chain.then(move)
    this.chain = next.catch(() => {})
    return next
  }

  /** Counts the real time since the last tick, times the speed, and spends it. */
  private tick(): void {
    if (!this.running) return
    const real = this.ticker.now()
    const budget = Math.max(0, real - this.lastReal) * this.rate + this.fraction
    this.lastReal = real
    const whole = Math.floor(budget)
    this.fraction = budget - whole
    if (whole > 0) void this.exclusive(() => this.spend(whole))
  }

  /**
   * A hold takes the time first (the kiosk's clock stands still meanwhile); then the clock moves, up
   * to the earliest waiter's target at most. What is left once a hold or a waiter is done is dropped:
   * whoever waited acts next, at the instant they waited for.
   */
  private async spend(budget: number): Promise<void> {
    const hold = this.holds[0]
    if (hold) {
      hold.left -= budget
      if (hold.left <= 0) {
        this.holds.shift()
        hold.resolve()
      }
      return
    }
    const target = this.waiters.reduce<number | null>((t, w) => (t === null || w.target < t ? w.target : t), null)
    if (target === null || target > this.now() + budget) return super.advance(budget)
    await super.advance(target - this.now())
    const due = this.waiters.filter((w) => w.target <= this.now())
    this.waiters = this.waiters.filter((w) => w.target > this.now())
    for (const w of due) w.resolve()
  }
}
