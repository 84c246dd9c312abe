/**
 * The windows — the customer's kiosk screen, the technician panel and the live statechart it opens —
 * with the options and per-window guards that keep a page from reaching Electron, other sites or other windows.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences } from 'electron'
import type { ClientRole } from '../core/protocol'
import { lockKioskInput } from './lockdown'
import { isAppUrl, pageUrl, type RendererPage, type RendererSource } from './mode'
import { watchRenderer, type ScreenRecovery } from './recovery'
import { isStatechartShortcut } from './shortcuts'

/** A window of the app: a client role's, or the statechart (which reads the technician view). */
export type AppWindowRole = ClientRole | 'statechart'

const PAGES: Record<AppWindowRole, RendererPage> = { kiosk: 'index.html', technician: 'technician.html', statechart: 'statechart.html' }
const BACKGROUND = '#ffffff'

/** The same locked-down preferences for both windows; developer tools only outside kiosk mode. */
export function secureWebPreferences(preloadPath: string, kioskMode: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: !kioskMode
  }
}

/** The customer's screen: full screen, frameless and locked in kiosk mode, an ordinary window otherwise. */
export function kioskWindowOptions(kioskMode: boolean, preloadPath: string): BrowserWindowConstructorOptions {
  const common = {
    title: 'Top-up kiosk',
    show: false,
    backgroundColor: BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, kioskMode)
  }
  if (kioskMode) return { ...common, kiosk: true, fullscreen: true, frame: false, resizable: false, movable: false, minimizable: false, maximizable: false }
  return { ...common, width: 1280, height: 800, minWidth: 800, minHeight: 600 }
}

/**
 * The technician panel is always an ordinary window: on another display when there is one; on the
 * kiosk's own display (kiosk mode: only while staff are in service mode) above the kiosk screen.
 */
export function technicianWindowOptions(
  kioskMode: boolean,
  preloadPath: string,
  position?: { x: number; y: number },
  aboveKiosk = false
): BrowserWindowConstructorOptions {
  return {
    ...(aboveKiosk ? { alwaysOnTop: true } : {}),
    title: 'Technician panel',
    show: false,
    backgroundColor: BACKGROUND,
    autoHideMenuBar: true,
    width: 1100,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    ...position,
    webPreferences: secureWebPreferences(preloadPath, kioskMode)
  }
}

/** The live statechart: an ordinary window, hardened as the technician panel. */
export function statechartWindowOptions(kioskMode: boolean, preloadPath: string): BrowserWindowConstructorOptions {
  return { ...technicianWindowOptions(kioskMode, preloadPath), title: 'Kiosk statechart', width: 1500, height: 950 }
}

/** Whether a link or window.open asks for the statechart page (the technician panel's header link). */
export function isStatechartPage(url: string): boolean {
  try {
    return /\/statechart(\.html)?$/.test(new URL(url).pathname)
  } catch {
    return false
  }
}

interface DisplayArea {
  id: number
  workArea: { x: number; y: number; width: number; height: number }
}

/** Top-left corner for the technician panel on a display other than the kiosk's, if any. */
export function technicianPosition(displays: DisplayArea[], kioskDisplayId: number, size = { width: 1100, height: 800 }): { x: number; y: number } | undefined {
  const other = displays.find((d) => d.id !== kioskDisplayId)
  if (!other) return undefined
  const { x, y, width, height } = other.workArea
  return { x: Math.round(x + Math.max(0, width - size.width) / 2), y: Math.round(y + Math.max(0, height - size.height) / 2) }
}

export type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * Guards one window's contents: no popups, no <webview>, no navigation away from the app's pages
 * (in any frame: another site, file://, javascript:, data:), and no page that can hold up its own
 * reload or the app's quit (beforeunload).
 */
export function hardenWebContents(contents: HardenedContents, options: { isAppUrl: (url: string) => boolean }): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  const guardNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (!options.isAppUrl(event.url)) event.preventDefault()
  }
  contents.on('will-navigate', guardNavigation)
  contents.on('will-frame-navigate', guardNavigation)
  contents.on('will-redirect', guardNavigation)
  // preventDefault here ignores the page's beforeunload: the unload goes ahead.
  contents.on('will-prevent-unload', (event) => event.preventDefault())
}

export interface AppWindowOptions {
  kioskMode: boolean
  preloadPath: string
  source: RendererSource
  /** Where to put the technician panel (ignored for the kiosk). */
  position?: { x: number; y: number }
  /** The technician panel opens on the kiosk's own display, above it (service mode on a one-screen kiosk). */
  aboveKiosk?: boolean
  /** Journals a page reloaded after its renderer crashed or hung. */
  onRecovered?: (recovery: ScreenRecovery) => void
  /** Called each time the window's page has loaded, to send it the current view. */
  onLoaded: (contents: WebContents) => void
  log: (line: string) => void
  /** The technician window's way to the statechart window: Ctrl+Shift+S, or its header link (never a popup). */
  onOpenStatechart?: () => void
}

/** Creates, guards and loads the window for `role`. */
export function createAppWindow(role: AppWindowRole, options: AppWindowOptions): BrowserWindow {
  const { kioskMode, preloadPath, source, onOpenStatechart } = options
  const window = new BrowserWindow(
    role === 'kiosk'
      ? kioskWindowOptions(kioskMode, preloadPath)
      : role === 'statechart'
        ? statechartWindowOptions(kioskMode, preloadPath)
        : technicianWindowOptions(kioskMode, preloadPath, options.position, options.aboveKiosk)
  )
  const contents = window.webContents
  hardenWebContents(contents, { isAppUrl: (url) => isAppUrl(url, source) })
  if (kioskMode && role === 'kiosk') lockKioskInput(window, contents)
  if (onOpenStatechart) {
    // Still no popup: the statechart opens as our own hardened window.
    contents.setWindowOpenHandler(({ url }) => {
      if (isStatechartPage(url)) onOpenStatechart()
      return { action: 'deny' }
    })
    contents.on('before-input-event', (event, input) => {
      if (!isStatechartShortcut(input)) return
      event.preventDefault()
      onOpenStatechart()
    })
  }
  window.once('ready-to-show', () => window.show())
  contents.on('did-finish-load', () => {
    // Pinch zoom is off by default in Electron; pinned here so a future default cannot turn it on.
    contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined)
    options.onLoaded(contents)
  })
  const load = (): void => {
    window.loadURL(pageUrl(PAGES[role], source)).catch((error: unknown) => {
      options.log(`[kiosk] could not load the ${role} page: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
  watchRenderer({ window: role, contents, reload: load, journal: (recovery) => options.onRecovered?.(recovery), log: options.log })
  load()
  return window
}
