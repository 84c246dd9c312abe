/**
 * Keys a customer must not be able to use on the kiosk screen: reload, developer tools, zoom,
 * full-screen toggle, close and quit. Without an application menu most of these do nothing
 * already; blocking them here also covers the ones Chromium handles itself.
 */
import type { Input } from 'electron'

export type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>

const ALWAYS_BLOCKED = new Set(['F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward', 'BrowserHome'])
/** With Ctrl/Cmd: reload, close, quit, zoom in/out/reset. Matched on the physical key so a Kazakh or Russian layout is covered too. */
const PRIMARY_BLOCKED_CODES = new Set(['KeyR', 'KeyW', 'KeyQ', 'Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0', 'F4'])
const PRIMARY_BLOCKED_KEYS = new Set(['+', '=', '-', '_', '0'])
/** With Ctrl+Shift (or Cmd+Alt on macOS): the developer tools, console and inspector. */
const DEVTOOLS_CODES = new Set(['KeyI', 'KeyJ', 'KeyC'])

/** Whether the kiosk window should swallow this key press. */
export function isBlockedKioskShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false
  if (ALWAYS_BLOCKED.has(input.key) || ALWAYS_BLOCKED.has(input.code)) return true
  if (input.alt && (input.key === 'F4' || input.code === 'F4')) return true
  // Alt+Left/Right would be history navigation.
  if (input.alt && (input.code === 'ArrowLeft' || input.code === 'ArrowRight')) return true
  const primary = input.control || input.meta
  if (!primary) return false
  if (PRIMARY_BLOCKED_CODES.has(input.code) || PRIMARY_BLOCKED_KEYS.has(input.key)) return true
  if ((input.shift || input.alt) && DEVTOOLS_CODES.has(input.code)) return true
  return false
}

/** Ctrl+Shift+S (Cmd+Shift+S on macOS) in the technician window: opens the live statechart. */
export function isStatechartShortcut(input: KeyInput): boolean {
  return (input.type === 'keyDown' || input.type === 'rawKeyDown') && (input.control || input.meta) && input.shift && !input.alt && input.code === 'KeyS'
}
