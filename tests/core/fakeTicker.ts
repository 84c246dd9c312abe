/** A ticker for the paced clock whose real time moves only when a test says so. */
import type { Ticker } from '../../src/core/training/pacedClock'

/** As a real timer would: every promise reaction pending runs first. */
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export class FakeTicker implements Ticker {
  private time = 0
  private readonly timers = new Set<{ ms: number; fn: () => void; next: number }>()

  now(): number {
    return this.time
  }

  every(ms: number, fn: () => void): () => void {
    const timer = { ms, fn, next: this.time + ms }
    this.timers.add(timer)
    return () => this.timers.delete(timer)
  }

  /** How many tickers run now. */
  get running(): number {
    return this.timers.size
  }

  /** Moves real time `ms` forward, tick by tick, letting every pending promise reaction run after each, as between real timers. */
  async pass(ms: number): Promise<void> {
    const end = this.time + ms
    await macrotask()
    for (;;) {
      const due = [...this.timers].sort((a, b) => a.next - b.next)[0]
      if (!due || due.next > end) break
      this.time = due.next
      due.next += due.ms
      due.fn()
      await macrotask()
    }
    this.time = end
    await macrotask()
  }
}
