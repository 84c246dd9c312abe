/**
 * The customer's window in kiosk mode: no key, mouse button, wheel or gesture that leaves the
 * kiosk's page or changes how it is shown (the shortcuts: ./shortcuts.ts). Navigation, popups and
 * webviews are refused for every window already (hardenWebContents in ./windows.ts).
 */
import type { BrowserWindow, MouseInputEvent, WebContents } from 'electron'
import { isBlockedKioskShortcut } from './shortcuts'

export type MouseInput = Pick<MouseInputEvent, 'type' | 'button' | 'modifiers'>

/** Whether the kiosk window swallows this mouse event: the middle button (opens links in a new window), right-click menus, Ctrl+wheel zoom. */
export function isBlockedKioskMouse(mouse: MouseInput): boolean {
  if (mouse.type === 'contextMenu') return true
  if (mouse.button === 'middle' && (mouse.type === 'mouseDown' || mouse.type === 'mouseUp')) return true
  const modifiers = mouse.modifiers ?? []
  return mouse.type === 'mouseWheel' && (modifiers.includes('control') || modifiers.includes('ctrl') || modifiers.includes('meta') || modifiers.includes('cmd'))
}

export type LockedContents = Pick<WebContents, 'on' | 'setZoomLevel'>
export type LockedWindow = Pick<BrowserWindow, 'on'>

/** Locks the kiosk window's input: shortcuts, mouse, context menu, zoom, app commands and swipes. */
export function lockKioskInput(window: LockedWindow, contents: LockedContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKioskShortcut(input)) event.preventDefault()
  })
  contents.on('before-mouse-event', (event, mouse) => {
    if (isBlockedKioskMouse(mouse)) event.preventDefault()
  })
  contents.on('context-menu', (event) => event.preventDefault())
  // Ctrl+wheel or a trackpad pinch that got through as page zoom: back to 100 %.
  contents.on('zoom-changed', (event) => {
    event.preventDefault()
    contents.setZoomLevel(0)
  })
  // The mouse's back/forward buttons and media keys (Linux, Windows), a trackpad swipe (macOS): no history navigation.
  window.on('app-command', (event) => event.preventDefault())
  window.on('swipe', (event) => event.preventDefault())
}
