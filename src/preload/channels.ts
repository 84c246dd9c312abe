/**
 * The two IPC channels between a window and the main process. Nothing else crosses:
 * the preload sends intents on one and listens for view messages (src/core/protocol/messages.ts) on the other.
 */
export const INTENT_CHANNEL = 'kiosk:intent'
export const VIEW_CHANNEL = 'kiosk:view'
