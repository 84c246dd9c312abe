/**
 * The contract between the core and its screens (docs/protocol.md), one module per concern:
 * the intents a window may send (protocol/intents.ts), the device faults as a closed set
 * (protocol/faults.ts), the views it receives (protocol/views.ts), the one tagged message shape
 * that carries them over Electron IPC and the WebSocket alike (protocol/messages.ts), and the
 * pages' Content-Security-Policy (protocol/contentSecurityPolicy.ts).
 */
export * from './protocol/contentSecurityPolicy'
export * from './protocol/faults'
export * from './protocol/intents'
export * from './protocol/messages'
export * from './protocol/views'
export * from './protocol/serviceViews'
export * from './protocol/training'
