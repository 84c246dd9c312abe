import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Intent, KioskView, TechnicianView } from '../../../core/protocol'
import type { Transport, TransportEvent } from '../transport'

/**
 * Mirrors what the core last said and forwards intents to it. It holds no state of its own:
 * the view is replaced wholesale by every message from the core.
 */
function useMirror() {
  const connected = ref(false)
  /** The core's refusal of the last intent sent (null when it took it), for logs and the technician panel. */
  const lastError = ref<string | null>(null)
  let transport: Transport | null = null
  let unsubscribe: (() => void) | null = null

  function attach(next: Transport, onEvent: (event: TransportEvent) => void): void {
    unsubscribe?.()
    transport = next
    unsubscribe = next.subscribe((event) => {
      if (event.type === 'connection') connected.value = event.connected
      else if (event.type === 'error') {
        lastError.value = event.message
        console.warn(`[renderer] the core refused an intent: ${event.message}`)
      } else onEvent(event)
    })
  }

  function detach(): void {
    unsubscribe?.()
    unsubscribe = null
    transport = null
    connected.value = false
  }

  /** Sends an intent; a refusal the core answers with then belongs to this intent, so an older one is cleared. */
  function send(intent: Intent): void {
    lastError.value = null
    transport?.send(intent)
  }

  return { connected, lastError, attach, detach, send }
}

/** The kiosk screen's mirror of the latest KioskView. */
export const useKioskStore = defineStore('kiosk', () => {
  const view = shallowRef<KioskView | null>(null)
  const mirror = useMirror()

  /** Starts listening to a transport (the bridge, the WebSocket or a test fake). */
  function connect(transport: Transport): void {
    mirror.attach(transport, (event) => {
      if (event.type === 'view') view.value = event.view
    })
  }

  return { view, connected: mirror.connected, lastError: mirror.lastError, connect, disconnect: mirror.detach, send: mirror.send }
})

/** The technician panel's mirror of the latest TechnicianView. */
export const useTechnicianStore = defineStore('technician', () => {
  const view = shallowRef<TechnicianView | null>(null)
  /** The page was opened without the technician key (the web host's printed link holds it): it does not connect. */
  const keyMissing = ref(false)
  const mirror = useMirror()

  function connect(transport: Transport): void {
    mirror.attach(transport, (event) => {
      if (event.type === 'technicianView') view.value = event.view
    })
  }

  return { view, keyMissing, connected: mirror.connected, lastError: mirror.lastError, connect, disconnect: mirror.detach, send: mirror.send }
})
