/**
 * The app's lifecycle: one instance, the kiosk:// pages, session policies, the runtime, the windows
 * (kiosk, technician panel, and the statechart the panel opens), IPC, and a clean stop. Kiosk mode
 * can only be left by quitting the app (a signal: `systemctl stop`, docs/deploy.md); no window's close quits it.
 */
import { join } from 'node:path'
import { Menu, app, dialog, ipcMain, powerSaveBlocker, protocol, screen, session, type BrowserWindow, type WebContents } from 'electron'
import type { KioskRuntime } from '../core/runtime'
import { createNodeKiosk } from '../node/nodeKiosk'
import { CARD_KEY_ENV, HOST_URL_ENV, hostLinkFor } from '../hostServer/client'
import { nodeTrainingRoom } from '../node/scenarioShelf'
import { sendView, wireKioskIpc } from './ipc'
import { isAppUrl, isKioskMode, rendererSource } from './mode'
import { handleKioskProtocol, registerKioskScheme } from './protocol'
import type { ScreenRecovery } from './recovery'
import { applySessionPolicies } from './security'
import { wireStatechartIpc } from './statechartIpc'
import { technicianPanel, type PanelPlacement } from './technicianPanel'
import { createAppWindow, type AppWindowRole } from './windows'

export interface KioskAppOptions {
  /** Folder of the built main process (`out/main`); the preload and renderer sit beside it. */
  mainDir?: string
  env?: Record<string, string | undefined>
  createRuntime?: (dataDir: string) => KioskRuntime
  log?: (line: string) => void
}

/** Starts the Electron app; call once from the entry point. */
export function startKioskApp(options: KioskAppOptions = {}): void {
  const log = options.log ?? ((line: string) => console.warn(line))
  // A second launch (a double tap on the launcher, a unit started twice) focuses this kiosk and quits itself.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  // Before ready: the scheme's privileges are fixed when the app starts.
  registerKioskScheme(protocol)
  const mainDir = options.mainDir ?? import.meta.dirname
  const facts = { isPackaged: app.isPackaged, env: options.env ?? process.env }
  const kioskMode = isKioskMode(facts)
  const source = rendererSource(facts, mainDir)
  const isOwnUrl = (url: string): boolean => isAppUrl(url, source)
  const preloadPath = join(mainDir, '..', 'preload', 'index.cjs')
  // The training room around the live kiosk (docs/training.md): the technician role's training controls go to it.
  // KIOSK_SIM_HOST_URL: credit cards on that host over HTTP (docs/host-api.md); the in-process host otherwise.
  // KIOSK_SIM_CARD_KEY: the card-reference key file that host uses.
  const cardKeyFile = facts.env[CARD_KEY_ENV]
  const createRuntime =
    options.createRuntime ??
    ((dataDir: string) =>
      nodeTrainingRoom(createNodeKiosk({ dataDir, ...hostLinkFor(facts.env[HOST_URL_ENV]), ...(cardKeyFile ? { cardKeyFile } : {}) }), dataDir, log))

  const windows: Record<AppWindowRole, BrowserWindow | null> = { kiosk: null, technician: null, statechart: null }
  let runtime: KioskRuntime | null = null
  let disposeIpc: (() => void) | null = null
  let disposeStatechart: (() => void) | null = null
  let quitting = false
  let awake: number | null = null
  let unwatchService: (() => void) | null = null

  const contentsOf = (role: AppWindowRole): WebContents | null => {
    const window = windows[role]
    return window && !window.isDestroyed() ? window.webContents : null
  }

  // Any other contents (devtools, anything unforeseen) gets no popups and no <webview> either.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  app.on('second-instance', () => {
    const kiosk = windows.kiosk
    if (!kiosk || kiosk.isDestroyed()) return
    if (kiosk.isMinimized()) kiosk.restore()
    kiosk.focus()
  })
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    disposeIpc?.()
    disposeStatechart?.()
    unwatchService?.()
    disposeIpc = disposeStatechart = unwatchService = null
    if (awake !== null && powerSaveBlocker.isStarted(awake)) powerSaveBlocker.stop(awake)
    awake = null
    runtime?.stop()
    runtime = null
  })

  /** The statechart window: opened from the technician panel (Ctrl+Shift+S or its link), or brought to the front. */
  const openStatechart = (): void => {
    const open = windows.statechart
    if (open && !open.isDestroyed()) open.focus()
    else openWindow('statechart')
  }

  const recovered = (recovery: ScreenRecovery): void => runtime?.recordScreenRecovered?.(recovery)

  const openWindow = (role: AppWindowRole, placement?: PanelPlacement): BrowserWindow => {
    const window = createAppWindow(role, {
      kioskMode,
      preloadPath,
      source,
      ...(placement?.position ? { position: placement.position } : {}),
      ...(placement?.aboveKiosk ? { aboveKiosk: true } : {}),
      ...(role === 'technician' ? { onOpenStatechart: openStatechart } : {}),
      onRecovered: recovered,
      log,
      onLoaded: (contents) => {
        if (runtime) sendView(role === 'kiosk' ? 'kiosk' : 'technician', contents, runtime, log)
      }
    })
    windows[role] = window
    window.on('closed', () => {
      windows[role] = null
      // The panel alone is pointless: closing the kiosk window (possible outside kiosk mode only) quits. The panel and the statechart come and go.
      if (role === 'kiosk') app.quit()
    })
    if (role === 'kiosk' && kioskMode) {
      window.on('close', (event) => {
        if (!quitting) event.preventDefault()
      })
    }
    return window
  }

  app
    .whenReady()
    .then(() => {
      if (source.kind === 'files') handleKioskProtocol(protocol, { dir: source.dir, log })
      applySessionPolicies(session.defaultSession, isOwnUrl)
      if (kioskMode) {
        Menu.setApplicationMenu(null)
        // A kiosk's screen never dims or sleeps while the app runs.
        awake = powerSaveBlocker.start('prevent-display-sleep')
      }
      try {
        runtime = createRuntime(join(app.getPath('userData'), 'kiosk-data'))
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        log(`[kiosk] could not start the kiosk: ${message}`)
        dialog.showErrorBox('Top-up Kiosk Simulator', `The kiosk could not start:\n${message}`)
        app.exit(1)
        return
      }
      const clients = () => ({ kiosk: contentsOf('kiosk'), technician: contentsOf('technician'), statechart: contentsOf('statechart') })
      disposeIpc = wireKioskIpc({ ipcMain, runtime, clients, isAppUrl: isOwnUrl, log })
      disposeStatechart = wireStatechartIpc({ ipcMain, clients, isAppUrl: isOwnUrl, log })
      openWindow('kiosk')
      const panel = technicianPanel({
        kioskMode,
        screen,
        kioskBounds: () => (windows.kiosk && !windows.kiosk.isDestroyed() ? windows.kiosk.getBounds() : null),
        isOpen: () => contentsOf('technician') !== null,
        open: (placement) => void openWindow('technician', placement),
        close: () => windows.technician?.close()
      })
      panel.start()
      const live = runtime
      unwatchService = live.subscribe(() => panel.serviceRole(live.view().service?.role ?? null))
    })
    .catch((error: unknown) => {
      log(`[kiosk] startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      app.exit(1)
    })
}
