import type { Intent, ServerMessage } from '../core/protocol'
import type { StatechartGraph } from '../core/training/statechart'

/** The only API a kiosk, technician or statechart window gets: send an intent, receive views, the machines' structure. */
export interface KioskBridge {
  /** Sends a customer intent (kiosk window) or a technician control (technician window); main validates it. */
  send(intent: Intent): void
  /** Calls `listener` with every view message main sends (`{type: 'view' | 'technicianView', view}`); returns a function that unsubscribes. */
  onView(listener: (message: ServerMessage) => void): () => void
  /** The kiosk's machines as the statechart window draws them (main answers only its own windows). */
  statechartGraph?(): Promise<StatechartGraph>
}

declare global {
  interface Window {
    kiosk?: KioskBridge
  }
}
