/**
 * How a window talks to the core: through the Electron preload bridge when there is one,
 * otherwise over the web host's WebSocket. Components never see which; tests inject a fake.
 */
import type { ClientRole, Intent, ServerMessage } from '../../core/protocol'
// The messages module itself, not the protocol's index: that would bring zod (and its eval probe) into the page.
import { parseServerMessage, toServerMessage } from '../../core/protocol/messages'
import { keyFromFragment, technicianSubprotocols } from '../../core/technicianKey'

export { parseServerMessage }

/** The preload bridge (typed in src/preload/index.d.ts). */
export type KioskBridge = NonNullable<Window['kiosk']>

/** What a transport reports: a message from the core, or whether the link is up. */
export type TransportEvent = ServerMessage | { type: 'connection'; connected: boolean }

export interface Transport {
  send(intent: Intent): void
  /** Calls `listener` with every event; returns a function that unsubscribes. */
  subscribe(listener: (event: TransportEvent) => void): () => void
  close(): void
}

/**
 * A small fan-out so a transport can have several listeners. It keeps the latest view and
 * replays it to a listener that subscribes later: the bridge may hand over the current view
 * as soon as the transport subscribes to it, before the store does.
 */
function createListeners() {
  const listeners = new Set<(event: TransportEvent) => void>()
  let latestView: TransportEvent | null = null
  return {
    add(listener: (event: TransportEvent) => void): () => void {
      listeners.add(listener)
      if (latestView) listener(latestView)
      return () => listeners.delete(listener)
    },
    emit(event: TransportEvent): void {
      if (event.type === 'view' || event.type === 'technicianView') latestView = event
      for (const listener of [...listeners]) listener(event)
    }
  }
}

/** Wraps the Electron preload bridge, which hands over the same messages as the WebSocket; it is always connected. */
export function createBridgeTransport(bridge: KioskBridge): Transport {
  const listeners = createListeners()
  const unsubscribe = bridge.onView((data) => {
    const message = toServerMessage(data)
    if (message) listeners.emit(message)
  })
  return {
    send: (intent) => bridge.send(intent),
    subscribe(listener) {
      listener({ type: 'connection', connected: true })
      return listeners.add(listener)
    },
    close: unsubscribe
  }
}

export interface WebSocketOptions {
  /** The WebSocket constructor (injectable for tests). */
  WebSocketImpl?: new (url: string, protocols?: string[]) => WebSocket
  /** Subprotocols to offer on the upgrade: the technician key's (technicianSubprotocols). */
  protocols?: string[]
  /** First reconnect delay; doubles after every failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number
  maxDelayMs?: number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

const OPEN = 1

/** A WebSocket to the web host that reconnects with exponential backoff when it closes. */
export function createWebSocketTransport(url: string, options: WebSocketOptions = {}): Transport {
  const WebSocketImpl = options.WebSocketImpl ?? WebSocket
  const initialDelayMs = options.initialDelayMs ?? 500
  const maxDelayMs = options.maxDelayMs ?? 10_000
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>))
  const listeners = createListeners()

  let socket: WebSocket | null = null
  let connected = false
  let closed = false
  let delayMs = initialDelayMs
  let timer: unknown = null

  const setConnected = (value: boolean): void => {
    if (connected === value) return
    connected = value
    listeners.emit({ type: 'connection', connected: value })
  }

  const scheduleReconnect = (): void => {
    if (closed || timer !== null) return
    timer = setTimer(() => {
      timer = null
      connect()
    }, delayMs)
    delayMs = Math.min(delayMs * 2, maxDelayMs)
  }

  function connect(): void {
    if (closed) return
    let ws: WebSocket
    try {
      ws = options.protocols ? new WebSocketImpl(url, options.protocols) : new WebSocketImpl(url)
    } catch {
      scheduleReconnect()
      return
    }
    socket = ws
    ws.onopen = () => {
      delayMs = initialDelayMs
      setConnected(true)
    }
    ws.onmessage = (event: MessageEvent) => {
      const message = parseServerMessage(event.data)
      if (message) listeners.emit(message)
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      setConnected(false)
      scheduleReconnect()
    }
    // An error is always followed by a close, which schedules the reconnect.
    ws.onerror = () => {}
  }

  connect()

  return {
    send(intent) {
      // Intents are not queued: one sent while offline would act on a screen the customer no longer sees.
      if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(intent))
    },
    subscribe(listener) {
      listener({ type: 'connection', connected })
      return listeners.add(listener)
    },
    close() {
      closed = true
      if (timer !== null) clearTimer(timer)
      timer = null
      const ws = socket
      socket = null
      ws?.close()
      setConnected(false)
    }
  }
}

/** The WebSocket address of the web host for a role, on the page's own host. */
export function webSocketUrl(role: ClientRole, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?role=${role}`
}

/** The transport for this window: the preload bridge in Electron, the WebSocket in a browser (a technician's with its key). */
export function createTransport(role: ClientRole, technicianKey: string | null = null): Transport {
  if (window.kiosk) return createBridgeTransport(window.kiosk)
  return createWebSocketTransport(webSocketUrl(role), technicianKey ? { protocols: technicianSubprotocols(technicianKey) } : {})
}

const KEY_STORAGE = 'kiosk-sim.technicianKey'

/**
 * The technician key of this tab: from the address the web host printed (`…/technician#k=KEY`),
 * then kept in the tab's sessionStorage (a reload keeps it, another tab or a new browser does not)
 * and taken out of the address bar, so it is not bookmarked, shared or shown on screen.
 */
export function pageTechnicianKey(
  location: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location,
  storage: Pick<Storage, 'getItem' | 'setItem'> = window.sessionStorage,
  history: Pick<History, 'replaceState'> = window.history
): string | null {
  const fromAddress = keyFromFragment(location.hash)
  if (fromAddress) {
    storage.setItem(KEY_STORAGE, fromAddress)
    history.replaceState(null, '', location.pathname + location.search)
    return fromAddress
  }
  return storage.getItem(KEY_STORAGE)
}
