/**
 * A token bucket: `capacity` messages at once, refilled at `perSecond`. Each connection to the web
 * host has one; a client that empties it is flooding (docs/security.md).
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now()
  ) {
    this.tokens = capacity
    this.last = now()
  }

  /** Takes one token; false when there is none left. */
  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
