import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { FakeBrowserWindow, Menu, app, dialog, fakeEvent, ipcMain, resetFakeElectron, screen, session } from './fakeElectron'
import { createFakeRuntime, type FakeRuntime } from './fakeRuntime'
import { startKioskApp } from '../../src/main/app'
import { createNodeKiosk } from '../../src/node/nodeKiosk'

vi.mock('electron', () => import('./fakeElectron'))
// The real runtime is not needed to test the shell around it.
vi.mock('../../src/node/nodeKiosk', () => ({ createNodeKiosk: vi.fn() }))

const MAIN_DIR = join('/app', 'out', 'main')
const RENDERER_DIR = join('/app', 'out', 'renderer')
const DEV_ENV = { ELECTRON_RENDERER_URL: 'http://localhost:5173' }

let runtime: FakeRuntime
let log: Mock<(line: string) => void>

async function start(env: Record<string, string> = DEV_ENV, packaged = false) {
  app.isPackaged = packaged
  startKioskApp({ mainDir: MAIN_DIR, env, createRuntime: () => runtime, log })
  await app.becomeReady()
  const [kiosk, technician] = FakeBrowserWindow.instances
  return { kiosk: kiosk!, technician: technician! }
}

beforeEach(() => {
  resetFakeElectron()
  runtime = createFakeRuntime()
  log = vi.fn<(line: string) => void>()
})

describe('the Electron app', () => {
  it('opens the kiosk and the technician windows with the preload beside out/main', async () => {
    const { kiosk, technician } = await start()
    expect(FakeBrowserWindow.instances).toHaveLength(2)
    expect(kiosk.loadedUrl).toBe('http://localhost:5173/index.html')
    expect(technician.loadedUrl).toBe('http://localhost:5173/technician.html')
    for (const window of [kiosk, technician]) {
      expect(window.options.webPreferences).toMatchObject({
        preload: join('/app', 'out', 'preload', 'index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false
      })
    }
    expect(kiosk.options.kiosk).toBeUndefined()
    expect(Menu.setApplicationMenu).not.toHaveBeenCalled()
  })

  it('runs in kiosk mode when packaged: kiosk window locked, no menu, pages on kiosk://app, no panel on a one-screen kiosk', async () => {
    const { kiosk, technician } = await start({}, true)
    expect(kiosk.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false })
    expect(kiosk.loadedUrl).toBe('kiosk://app/index.html')
    expect(kiosk.loadedFile).toBeNull()
    expect(technician).toBeUndefined()
    expect(FakeBrowserWindow.instances).toHaveLength(1)
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null)
  })

  it('runs in kiosk mode with KIOSK_MODE=1 and puts the panel on a second display', async () => {
    screen.displays = [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } }
    ]
    const { kiosk, technician } = await start({ KIOSK_MODE: '1' })
    expect(kiosk.options.kiosk).toBe(true)
    expect(technician.options).toMatchObject({ x: 1920 + 410, y: 140 })
    expect(technician.options.alwaysOnTop).toBeUndefined()
    expect(technician.loadedUrl).toBe('kiosk://app/technician.html')
  })

  it('applies the session policies before any window opens', async () => {
    await start()
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1)
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1)
    const headers = session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0]
    const callback = vi.fn()
    headers({ url: 'http://localhost:5173/index.html', responseHeaders: {} }, callback)
    expect(callback.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toHaveLength(1)
  })

  it('keeps its data in userData/kiosk-data through createNodeKiosk by default', async () => {
    vi.mocked(createNodeKiosk).mockReturnValue(runtime as never)
    startKioskApp({ mainDir: MAIN_DIR, env: DEV_ENV, log })
    await app.becomeReady()
    expect(createNodeKiosk).toHaveBeenCalledWith({ dataDir: join('/fake/userData', 'kiosk-data') })
  })

  it('delivers intents end to end, with the role decided by the window', async () => {
    const { kiosk, technician } = await start()
    const tap = { type: 'tapCard', number: '9643100012345678' }
    ipcMain.emit('kiosk:intent', kiosk.webContents.ipcEvent(), tap)
    ipcMain.emit('kiosk:intent', kiosk.webContents.ipcEvent(), { type: 'start', extra: 1 })
    ipcMain.emit('kiosk:intent', kiosk.webContents.ipcEvent(), { type: 'start' })
    ipcMain.emit('kiosk:intent', technician.webContents.ipcEvent(), tap)
    expect(runtime.received).toEqual([{ type: 'start' }, tap])
    expect(log).toHaveBeenCalledTimes(2)
  })

  it('accepts intents from the kiosk://app pages in kiosk mode, and none from a file:// page', async () => {
    const { kiosk } = await start({}, true)
    expect(kiosk.webContents.mainFrame.url).toBe('kiosk://app/index.html')
    ipcMain.emit('kiosk:intent', kiosk.webContents.ipcEvent(), { type: 'start' })
    expect(runtime.received).toEqual([{ type: 'start' }])
    kiosk.webContents.mainFrame.url = pathToFileURL(join(RENDERER_DIR, 'index.html')).href
    ipcMain.emit('kiosk:intent', kiosk.webContents.ipcEvent(), { type: 'start' })
    expect(runtime.received).toEqual([{ type: 'start' }])
    expect(log).toHaveBeenCalledWith(expect.stringContaining('foreign page'))
  })

  it('sends each window its view when it finishes loading and after every change', async () => {
    const { kiosk, technician } = await start()
    kiosk.finishLoad()
    expect(kiosk.webContents.sent).toEqual([{ channel: 'kiosk:view', args: [{ type: 'view', view: { screen: 'idle', version: 0 } }] }])
    expect(technician.webContents.sent).toEqual([])
    technician.finishLoad()
    expect(technician.webContents.sent).toEqual([{ channel: 'kiosk:view', args: [{ type: 'technicianView', view: { state: 'idle', version: 0 } }] }])
    runtime.change()
    expect(kiosk.webContents.sent.at(-1)).toEqual({ channel: 'kiosk:view', args: [{ type: 'view', view: { screen: 'idle', version: 1 } }] })
    expect(technician.webContents.sent.at(-1)).toEqual({ channel: 'kiosk:view', args: [{ type: 'technicianView', view: { state: 'idle', version: 1 } }] })
  })

  it('denies popups and webviews in any other web contents', async () => {
    await start()
    const other = new FakeBrowserWindow({}).webContents
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    const attach = fakeEvent()
    other.emit('will-attach-webview', attach, {}, {})
    expect(attach.defaultPrevented).toBe(true)
  })

  it('unsubscribes and stops the runtime on quit', async () => {
    await start()
    app.quit()
    expect(runtime.listeners.size).toBe(0)
    expect(runtime.stopped).toBe(true)
    expect(ipcMain.listenerCount('kiosk:intent')).toBe(0)
  })

  it('quits when the kiosk window is closed in development', async () => {
    const { kiosk } = await start()
    kiosk.close()
    expect(app.quit).toHaveBeenCalled()
    expect(runtime.stopped).toBe(true)
  })

  it('keeps the kiosk window open in kiosk mode until the app quits; closing the panel never quits', async () => {
    screen.displays.push({ id: 2, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } })
    const { kiosk, technician } = await start({}, true)
    expect(kiosk.close()).toBe(false)
    expect(technician.close()).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
    expect(kiosk.isDestroyed()).toBe(false)
    app.quit()
    expect(kiosk.isDestroyed()).toBe(true)
    expect(runtime.stopped).toBe(true)
  })

  it('quits at once when another instance already runs', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false)
    startKioskApp({ mainDir: MAIN_DIR, env: DEV_ENV, createRuntime: () => runtime, log })
    await app.becomeReady()
    expect(app.quit).toHaveBeenCalled()
    expect(FakeBrowserWindow.instances).toHaveLength(0)
  })

  it('shows an error and exits when the runtime cannot start', async () => {
    startKioskApp({
      mainDir: MAIN_DIR,
      env: DEV_ENV,
      log,
      createRuntime: () => {
        throw new Error('journal is locked')
      }
    })
    await app.becomeReady()
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Top-up Kiosk Simulator', expect.stringContaining('journal is locked'))
    expect(app.exit).toHaveBeenCalledWith(1)
    expect(FakeBrowserWindow.instances).toHaveLength(0)
  })
})
