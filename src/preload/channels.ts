/**
 * The IPC channels between a window and the main process. Nothing else crosses: the preload sends
 * intents on one, listens for view messages (src/core/protocol/messages.ts) on another, and the
 * statechart window asks for the machines' structure on the third (main answers only its own windows).
 */
export const INTENT_CHANNEL = 'kiosk:intent'
export const VIEW_CHANNEL = 'kiosk:view'
export const STATECHART_CHANNEL = 'kiosk:statechart'
