import type { Intent, KioskView, TechnicianView } from '../core/protocol'

/** The only API a kiosk or technician window gets: send an intent, receive views. */
export interface KioskBridge {
  /** Sends a customer intent (kiosk window) or a technician control (technician window); main validates it. */
  send(intent: Intent): void
  /** Calls `listener` with every new view; returns a function that unsubscribes. */
  onView(listener: (view: KioskView | TechnicianView) => void): () => void
}

declare global {
  interface Window {
    kiosk?: KioskBridge
  }
}
