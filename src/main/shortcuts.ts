/**
 * Keys a customer must not be able to use on the kiosk screen: reload, developer tools, printing,
 * the address bar, find, open/save, new windows, history, zoom, full-screen toggle, close and quit.
 * Without an application menu most of these do nothing already; blocking them here also covers the
 * ones Chromium handles itself. Matched on the physical key (`code`) as well, so a Kazakh or Russian
 * layout (Ctrl+к is Ctrl+R) is covered too.
 */
import type { Input } from 'electron'

export type KeyInput = Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>

/**
 * Alone: reload (F5), caret browsing (F7), the address bar (F6), the menu bar (F10), full screen
 * (F11), devtools (F12), help (F1), find next (F3), the browser and media keys, the context menu key.
 */
const ALWAYS_BLOCKED = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F10',
  'F11',
  'F12',
  'BrowserRefresh',
  'BrowserBack',
  'BrowserForward',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserStop',
  'ContextMenu',
  'Print',
  'PrintScreen',
  'LaunchApp1',
  'LaunchApp2',
  'LaunchMail'
])
/**
 * With Ctrl/Cmd: reload (R), close (W, F4), quit (Q), print (P), address bar (L), find (F, G), open
 * (O), save (S), view source (U), new window/tab (N, T), history (H), downloads (J), bookmark (D),
 * select all (A: a customer sees the page as a document), zoom in/out/reset, tab switching (Tab, PageUp/PageDown, 1-9).
 */
const PRIMARY_BLOCKED_CODES = new Set([
  'KeyR',
  'KeyW',
  'KeyQ',
  'KeyP',
  'KeyL',
  'KeyF',
  'KeyG',
  'KeyO',
  'KeyS',
  'KeyU',
  'KeyN',
  'KeyT',
  'KeyH',
  'KeyJ',
  'KeyD',
  'KeyA',
  'KeyE',
  'KeyK',
  'Equal',
  'Minus',
  'NumpadAdd',
  'NumpadSubtract',
  'Numpad0',
  'F4',
  'Tab',
  'PageUp',
  'PageDown',
  ...Array.from({ length: 10 }, (_, n) => `Digit${n}`)
])
const PRIMARY_BLOCKED_KEYS = new Set(['+', '=', '-', '_', '0'])
/** With Ctrl+Shift (or Cmd+Alt on macOS): the developer tools, console and inspector. */
const DEVTOOLS_CODES = new Set(['KeyI', 'KeyJ', 'KeyC'])
/** With Alt alone: history back/forward/home, the address bar (Alt+D), close (Alt+F4), the menu (Alt+F, Alt+E). */
const ALT_BLOCKED_CODES = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'KeyD', 'F4', 'KeyF', 'KeyE', 'Space'])

const isPress = (input: KeyInput): boolean => input.type === 'keyDown' || input.type === 'rawKeyDown'

/** Whether the kiosk window should swallow this key press. */
export function isBlockedKioskShortcut(input: KeyInput): boolean {
  if (!isPress(input)) return false
  if (ALWAYS_BLOCKED.has(input.key) || ALWAYS_BLOCKED.has(input.code)) return true
  const primary = input.control || input.meta
  if (input.alt && !primary && (ALT_BLOCKED_CODES.has(input.code) || input.key === 'F4')) return true
  // Alt pressed and released alone shows a hidden menu bar on Linux and Windows.
  if (input.key === 'Alt' || input.key === 'Meta' || input.key === 'OS') return true
  if (!primary) return false
  if (PRIMARY_BLOCKED_CODES.has(input.code) || PRIMARY_BLOCKED_KEYS.has(input.key)) return true
  if ((input.shift || input.alt) && DEVTOOLS_CODES.has(input.code)) return true
  return false
}

/** Ctrl+Shift+S (Cmd+Shift+S on macOS) in the technician window: opens the live statechart. */
export function isStatechartShortcut(input: KeyInput): boolean {
  return isPress(input) && (input.control || input.meta) && input.shift && !input.alt && input.code === 'KeyS'
}
