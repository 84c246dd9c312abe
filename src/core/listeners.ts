/** The screens listening to a kiosk. */
export class Listeners {
  private readonly listeners = new Set<() => void>()

  /** Adds a listener; returns the function that removes it. */
  add(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Every screen's listener, each on its own: one that throws (a host's push) stops neither the others nor the kiosk. */
  tell(): void {
    for (const listener of this.listeners) {
      try {
        listener()
      } catch {
        // The host that registered it reports its own errors (the web host and Electron log them).
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
