/**
 * What the core sends a window, in one shape whatever carries it: Electron IPC (`kiosk:view`) and
 * the web host's WebSocket carry these same tagged objects, and the renderer reads them with
 * `toServerMessage`. No zod here: the renderer imports this module, and zod's eval probe would
 * break the page's Content-Security-Policy (see src/renderer/src/constants.ts).
 */
import type { ClientRole } from './intents'
import type { KioskView, TechnicianView } from './views'

/** A window's whole current view: the kiosk view to the kiosk screen, the technician view to the panel. */
export type ViewMessage = { type: 'view'; view: KioskView } | { type: 'technicianView'; view: TechnicianView }
/** Why the core refused the sender's last intent (the web host sends it to that sender only). */
export type ErrorMessage = { type: 'error'; message: string }
/** Every message from the core to a screen. */
export type ServerMessage = ViewMessage | ErrorMessage

/** The view message for a window of `role`, made from the runtime's current views. */
export function viewMessage(role: ClientRole, views: { view(): KioskView; technicianView(): TechnicianView }): ViewMessage {
  return role === 'kiosk' ? { type: 'view', view: views.view() } : { type: 'technicianView', view: views.technicianView() }
}

export const errorMessage = (message: string): ErrorMessage => ({ type: 'error', message })

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `value` when it is a message of this shape (a view message's view an object, an error's message a string), otherwise null. */
export function toServerMessage(value: unknown): ServerMessage | null {
  if (!isObject(value)) return null
  if ((value.type === 'view' || value.type === 'technicianView') && isObject(value.view)) return value as ServerMessage
  if (value.type === 'error' && typeof value.message === 'string') return value as ServerMessage
  return null
}

/** One WebSocket text frame as a message; null for anything else (binary data, not JSON, an unknown message). */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null
  try {
    return toServerMessage(JSON.parse(data))
  } catch {
    return null
  }
}
