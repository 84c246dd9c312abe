/**
 * A stand-in for the `electron` module, enough for the main process and the preload: windows
 * record their options, loads and handlers; events can be emitted by hand. Use with
 * `vi.mock('electron', () => import('./fakeElectron'))` and call `resetFakeElectron()` before each test.
 */
import { pathToFileURL } from 'node:url'
import { vi } from 'vitest'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake stands in for every one of Electron's handler shapes
type Handler = (...args: any[]) => unknown

export class FakeEmitter {
  handlers = new Map<string, Handler[]>()
  on(name: string, handler: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler])
    return this
  }
  once(name: string, handler: Handler): this {
    const wrapper: Handler = (...args) => {
      this.removeListener(name, wrapper)
      return handler(...args)
    }
    return this.on(name, wrapper)
  }
  removeListener(name: string, handler: Handler): this {
    this.handlers.set(
      name,
      (this.handlers.get(name) ?? []).filter((h) => h !== handler)
    )
    return this
  }
  emit(name: string, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) handler(...args)
  }
  listenerCount(name: string): number {
    return this.handlers.get(name)?.length ?? 0
  }
}

/** An event with preventDefault, like Electron's. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  return Object.assign(fields, {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    }
  })
}

let nextId = 1

export class FakeWebFrame {
  constructor(
    public url: string,
    public processId = nextId++,
    public routingId = nextId++
  ) {}
}

export class FakeWebContents extends FakeEmitter {
  mainFrame = new FakeWebFrame('about:blank')
  sent: { channel: string; args: unknown[] }[] = []
  destroyed = false
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  setVisualZoomLevelLimits = vi.fn(async (_min: number, _max: number) => undefined)
  setZoomLevel = vi.fn((_level: number) => undefined)
  /** Like Electron: the renderer dies, and render-process-gone follows (here at once, with reason `killed`). */
  forcefullyCrashRenderer = vi.fn(() => {
    this.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 })
  })
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  /** Simulates an IPC message from this window's main frame (or from `frame`). */
  ipcEvent(frame: FakeWebFrame | null = this.mainFrame): { sender: FakeWebContents; senderFrame: FakeWebFrame | null } {
    return { sender: this, senderFrame: frame }
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = []
  webContents = new FakeWebContents()
  loadedUrl: string | null = null
  loadedFile: string | null = null
  shown = false
  destroyed = false
  minimized = false
  loads: string[] = []
  focus = vi.fn()
  restore = vi.fn(() => {
    this.minimized = false
  })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- window options as Electron takes them, read back by the tests
  constructor(public options: Record<string, any>) {
    super()
    FakeBrowserWindow.instances.push(this)
    app.emit('web-contents-created', fakeEvent(), this.webContents)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.loads.push(url)
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file
    this.webContents.mainFrame.url = pathToFileURL(file).href
    return Promise.resolve()
  }
  /** What Electron does once the page is loaded. */
  finishLoad(): void {
    this.emit('ready-to-show')
    this.webContents.emit('did-finish-load')
  }
  show(): void {
    this.shown = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isMinimized(): boolean {
    return this.minimized
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: 1920, height: 1080 }
  }
  /** Closes like a user would: `close` may be prevented, else the window is gone. */
  close(): boolean {
    const event = fakeEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return false
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
    return true
  }
}

class FakeApp extends FakeEmitter {
  isPackaged = false
  ready!: Promise<void>
  private resolveReady!: () => void
  requestSingleInstanceLock = vi.fn(() => true)
  quitting = false
  /** Like Electron: before-quit, then every window closes, then will-quit. */
  quit = vi.fn(() => {
    if (this.quitting) return
    this.quitting = true
    this.emit('before-quit', fakeEvent())
    for (const window of FakeBrowserWindow.instances) if (!window.isDestroyed()) window.close()
    this.emit('will-quit', fakeEvent())
  })
  exit = vi.fn()
  getPath = vi.fn((name: string) => `/fake/${name}`)
  whenReady(): Promise<void> {
    return this.ready
  }
  /** Resolves `whenReady()` and waits for its callbacks. */
  /** Whether whenReady has resolved (Electron refuses some calls after it). */
  readyNow = false
  async becomeReady(): Promise<void> {
    this.readyNow = true
    this.resolveReady()
    await this.ready
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  reset(): void {
    this.handlers.clear()
    this.isPackaged = false
    this.quitting = false
    this.readyNow = false
    this.ready = new Promise((resolve) => (this.resolveReady = resolve))
    this.requestSingleInstanceLock.mockReset().mockReturnValue(true)
    this.quit.mockClear()
    this.exit.mockClear()
  }
}

export const app = new FakeApp()

class FakeIpcMain extends FakeEmitter {
  invokeHandlers = new Map<string, Handler>()
  handle(channel: string, handler: Handler): void {
    if (this.invokeHandlers.has(channel)) throw new Error(`a handler for ${channel} is already registered`)
    this.invokeHandlers.set(channel, handler)
  }
  removeHandler(channel: string): void {
    this.invokeHandlers.delete(channel)
  }
  /** What ipcRenderer.invoke would get: the handler's answer, or its error as a rejection. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.invokeHandlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler(event, ...args)
  }
}
export const ipcMain = new FakeIpcMain()

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() }
  }
}

export const Menu = { setApplicationMenu: vi.fn() }
export const dialog = { showErrorBox: vi.fn() }

type FakeDisplay = { id: number; workArea: { x: number; y: number; width: number; height: number } }
class FakeScreen extends FakeEmitter {
  displays: FakeDisplay[] = []
  getAllDisplays(): FakeDisplay[] {
    return this.displays
  }
  /** The kiosk window is always on the first display. */
  getDisplayMatching(): FakeDisplay {
    return this.displays[0]!
  }
  /** Plugs a display in or out, as the system would tell the app. */
  plug(displays: FakeDisplay[]): void {
    const added = displays.length > this.displays.length
    this.displays = displays
    this.emit(added ? 'display-added' : 'display-removed')
  }
}
export const screen = new FakeScreen()

/** Registered schemes and protocol handlers, as Electron's protocol module keeps them. */
export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
    if (app.readyNow) throw new Error('registerSchemesAsPrivileged must be called before the app is ready')
    protocol.privileged.push(...schemes)
  }),
  handle: vi.fn((scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
    if (protocol.handlers.has(scheme)) throw new Error(`${scheme} is already handled`)
    protocol.handlers.set(scheme, handler)
  })
}

export const powerSaveBlocker = {
  started: new Map<number, string>(),
  nextId: 1,
  start: vi.fn((type: string) => {
    const id = powerSaveBlocker.nextId++
    powerSaveBlocker.started.set(id, type)
    return id
  }),
  stop: vi.fn((id: number) => powerSaveBlocker.started.delete(id)),
  isStarted: vi.fn((id: number) => powerSaveBlocker.started.has(id))
}

export const contextBridge = { exposeInMainWorld: vi.fn() }

class FakeIpcRenderer extends FakeEmitter {
  send = vi.fn()
  invoke = vi.fn(async (_channel: string): Promise<unknown> => ({ machines: [] }))
}
export const ipcRenderer = new FakeIpcRenderer()

export const BrowserWindow = FakeBrowserWindow

export function resetFakeElectron(): void {
  FakeBrowserWindow.instances = []
  app.reset()
  ipcMain.handlers.clear()
  ipcMain.invokeHandlers.clear()
  ipcRenderer.handlers.clear()
  ipcRenderer.send.mockClear()
  ipcRenderer.invoke.mockClear()
  contextBridge.exposeInMainWorld.mockClear()
  Menu.setApplicationMenu.mockClear()
  dialog.showErrorBox.mockClear()
  for (const fn of [
    session.defaultSession.setPermissionRequestHandler,
    session.defaultSession.setPermissionCheckHandler,
    session.defaultSession.setDevicePermissionHandler,
    session.defaultSession.webRequest.onHeadersReceived
  ])
    fn.mockClear()
  screen.handlers.clear()
  screen.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]
  protocol.privileged = []
  protocol.handlers.clear()
  protocol.registerSchemesAsPrivileged.mockClear()
  protocol.handle.mockClear()
  powerSaveBlocker.started.clear()
  for (const fn of [powerSaveBlocker.start, powerSaveBlocker.stop, powerSaveBlocker.isStarted]) fn.mockClear()
}

resetFakeElectron()
