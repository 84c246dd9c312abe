/**
 * The escape suite: everything a customer (or a page gone wrong) might try to leave the kiosk screen,
 * driven through the fake Electron's events on the real kiosk window in kiosk mode. An attempt
 * escapes if Electron would go ahead with it: an event not prevented, a window not denied.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, app, fakeEvent, resetFakeElectron } from './fakeElectron'
import { createFakeRuntime } from './fakeRuntime'
import { startKioskApp } from '../../src/main/app'
import type { KeyInput } from '../../src/main/shortcuts'

vi.mock('electron', () => import('./fakeElectron'))
vi.mock('../../src/node/nodeKiosk', () => ({ createNodeKiosk: vi.fn() }))

let kiosk: FakeBrowserWindow

beforeEach(async () => {
  resetFakeElectron()
  app.isPackaged = true
  startKioskApp({ mainDir: '/opt/kiosk-sim/resources/app.asar/out/main', env: {}, createRuntime: () => createFakeRuntime(), log: () => {} })
  await app.becomeReady()
  kiosk = FakeBrowserWindow.instances[0]!
  kiosk.finishLoad()
})

const key = (key: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'rawKeyDown',
  key,
  code,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods
})

/** One attempt; true when it got through. */
type Attempt = () => boolean

const pressed =
  (input: KeyInput): Attempt =>
  () => {
    const event = fakeEvent()
    kiosk.webContents.emit('before-input-event', event, input)
    return !event.defaultPrevented
  }
const mouse =
  (fields: Record<string, unknown>): Attempt =>
  () => {
    const event = fakeEvent()
    kiosk.webContents.emit('before-mouse-event', event, { x: 10, y: 10, modifiers: [], ...fields })
    return !event.defaultPrevented
  }
const windowEvent =
  (name: string, ...args: unknown[]): Attempt =>
  () => {
    const event = fakeEvent()
    kiosk.emit(name, event, ...args)
    return !event.defaultPrevented
  }
const contentsEvent =
  (name: string, fields: Record<string, unknown> = {}, ...args: unknown[]): Attempt =>
  () => {
    const event = fakeEvent(fields)
    kiosk.webContents.emit(name, event, ...args)
    return !event.defaultPrevented
  }
const navigation = (url: string, name = 'will-navigate'): Attempt => contentsEvent(name, { url, isMainFrame: name !== 'will-frame-navigate' })
const opened =
  (url: string, disposition = 'new-window'): Attempt =>
  () =>
    kiosk.webContents.windowOpenHandler!({ url, disposition, frameName: '', features: '' } as never).action !== 'deny'

const ATTEMPTS: [string, Attempt][] = [
  // Shortcuts
  ['Ctrl+P (print)', pressed(key('p', 'KeyP', { control: true }))],
  ['Cmd+P (print)', pressed(key('p', 'KeyP', { meta: true }))],
  ['Ctrl+Shift+P (print dialog)', pressed(key('P', 'KeyP', { control: true, shift: true }))],
  ['Ctrl+L (address bar)', pressed(key('l', 'KeyL', { control: true }))],
  ['Alt+D (address bar)', pressed(key('d', 'KeyD', { alt: true }))],
  ['F6 (address bar)', pressed(key('F6', 'F6'))],
  ['F12 (devtools)', pressed(key('F12', 'F12'))],
  ['Ctrl+Shift+I (devtools)', pressed(key('I', 'KeyI', { control: true, shift: true }))],
  ['Ctrl+Shift+J (console)', pressed(key('J', 'KeyJ', { control: true, shift: true }))],
  ['Ctrl+Shift+C (inspector)', pressed(key('C', 'KeyC', { control: true, shift: true }))],
  ['Cmd+Alt+I (devtools, macOS)', pressed(key('ˆ', 'KeyI', { meta: true, alt: true }))],
  ['F5 (reload)', pressed(key('F5', 'F5'))],
  ['Ctrl+R (reload)', pressed(key('r', 'KeyR', { control: true }))],
  ['Ctrl+Shift+R (hard reload)', pressed(key('R', 'KeyR', { control: true, shift: true }))],
  ['Ctrl+R on a Russian layout (Ctrl+к)', pressed(key('к', 'KeyR', { control: true }))],
  ['Ctrl+= (zoom in)', pressed(key('=', 'Equal', { control: true }))],
  ['Ctrl+- (zoom out)', pressed(key('-', 'Minus', { control: true }))],
  ['Ctrl+0 (zoom reset)', pressed(key('0', 'Digit0', { control: true }))],
  ['Alt+F4 (close)', pressed(key('F4', 'F4', { alt: true }))],
  ['Ctrl+W (close)', pressed(key('w', 'KeyW', { control: true }))],
  ['Ctrl+Q (quit)', pressed(key('q', 'KeyQ', { control: true }))],
  ['F11 (leave full screen)', pressed(key('F11', 'F11'))],
  ['Ctrl+O (open a file)', pressed(key('o', 'KeyO', { control: true }))],
  ['Ctrl+S (save the page)', pressed(key('s', 'KeyS', { control: true }))],
  ['Ctrl+U (view source)', pressed(key('u', 'KeyU', { control: true }))],
  ['Ctrl+N (new window)', pressed(key('n', 'KeyN', { control: true }))],
  ['Ctrl+F (find)', pressed(key('f', 'KeyF', { control: true }))],
  ['Alt+Left (history back)', pressed(key('ArrowLeft', 'ArrowLeft', { alt: true }))],
  ['BrowserBack key', pressed(key('BrowserBack', 'BrowserBack'))],
  ['Alt alone (menu bar)', pressed(key('Alt', 'AltLeft', { alt: true }))],
  ['F10 (menu bar)', pressed(key('F10', 'F10'))],
  ['ContextMenu key', pressed(key('ContextMenu', 'ContextMenu'))],
  // Gestures and mouse
  ['mouse back button (app-command)', windowEvent('app-command', 'browser-backward')],
  ['mouse forward button (app-command)', windowEvent('app-command', 'browser-forward')],
  ['trackpad swipe back (macOS)', windowEvent('swipe', 'left')],
  ['Ctrl+wheel zoom', mouse({ type: 'mouseWheel', modifiers: ['control'], deltaY: -120 })],
  ['pinch or wheel zoom that got through', contentsEvent('zoom-changed', {}, 'in')],
  ['middle click on a link (new window)', mouse({ type: 'mouseDown', button: 'middle', clickCount: 1 })],
  ['right click (context menu)', mouse({ type: 'contextMenu', button: 'right' })],
  ['context menu', contentsEvent('context-menu', {}, { x: 1, y: 1 })],
  // Navigations
  ['will-navigate to another site', navigation('https://evil.example/')],
  ['will-navigate to the web host', navigation('http://127.0.0.1:8080/technician')],
  ['will-navigate to file://', navigation('file:///etc/passwd')],
  ['will-navigate to the renderer folder by file://', navigation('file:///opt/kiosk-sim/resources/app.asar/out/renderer/index.html')],
  ['will-navigate to javascript:', navigation('javascript:alert(1)')],
  ['will-navigate to data:', navigation('data:text/html,<script>alert(1)</script>')],
  ['will-navigate to another kiosk:// host', navigation('kiosk://evil/index.html')],
  ['drag and drop of a file onto the page', navigation('file:///home/kiosk/Downloads/evil.html')],
  ['a frame navigating away', navigation('https://evil.example/', 'will-frame-navigate')],
  ['a redirect away', navigation('https://evil.example/', 'will-redirect')],
  ['a <webview>', contentsEvent('will-attach-webview', {}, {}, { src: 'https://evil.example/' })],
  // New windows
  ['window.open to another site', opened('https://evil.example/')],
  ['window.open of the kiosk’s own page', opened('kiosk://app/index.html')],
  ['window.open of the technician panel', opened('kiosk://app/technician.html')],
  ['window.open to file://', opened('file:///etc/passwd')],
  ['middle click new window (background-tab)', opened('https://evil.example/', 'background-tab')],
  ['Shift+click new window', opened('https://evil.example/', 'new-window')],
  ['target=_blank link', opened('https://evil.example/', 'foreground-tab')]
]

describe('the escape suite (kiosk mode, kiosk window)', () => {
  it(`has at least 30 attempts (${ATTEMPTS.length})`, () => {
    expect(ATTEMPTS.length).toBeGreaterThanOrEqual(30)
  })

  it('lets 0 escape', () => {
    const escaped = ATTEMPTS.filter(([, attempt]) => attempt()).map(([name]) => name)
    expect(escaped).toEqual([])
    // Nothing opened a window meanwhile, and nothing quit.
    expect(FakeBrowserWindow.instances).toHaveLength(1)
    expect(app.quit).not.toHaveBeenCalled()
  })

  it.each(ATTEMPTS)('stops %s', (_name, attempt) => {
    expect(attempt()).toBe(false)
  })

  it('still lets the customer type digits, Enter and Backspace, tap and navigate to its own pages', () => {
    for (const input of [key('7', 'Digit7'), key('7', 'Numpad7'), key('Enter', 'Enter'), key('Backspace', 'Backspace')]) expect(pressed(input)()).toBe(true)
    expect(mouse({ type: 'mouseDown', button: 'left', clickCount: 1 })()).toBe(true)
    expect(mouse({ type: 'mouseWheel', deltaY: -120 })()).toBe(true)
    expect(navigation('kiosk://app/index.html')()).toBe(true)
  })

  it('pins pinch zoom at 100 % on every load, and resets a page zoom that got through', () => {
    expect(kiosk.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1)
    contentsEvent('zoom-changed', {}, 'in')()
    expect(kiosk.webContents.setZoomLevel).toHaveBeenCalledWith(0)
  })

  it('cannot be closed by the page or the window manager while the app runs', () => {
    expect(kiosk.close()).toBe(false)
    expect(kiosk.isDestroyed()).toBe(false)
  })

  it('refuses new windows and webviews in any other web contents too (devtools, anything unforeseen)', () => {
    const other = new FakeBrowserWindow({}).webContents
    expect(other.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })
})
