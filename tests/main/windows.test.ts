import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, FakeWebContents, fakeEvent, resetFakeElectron } from './fakeElectron'
import { createAppWindow, hardenWebContents, kioskWindowOptions, technicianPosition, technicianWindowOptions } from '../../src/main/windows'
import type { RendererSource } from '../../src/main/mode'

vi.mock('electron', () => import('./fakeElectron'))

const PRELOAD = join('/app', 'out', 'preload', 'index.cjs')
const dev: RendererSource = { kind: 'devServer', origin: 'http://localhost:5173', baseUrl: 'http://localhost:5173/' }
const files: RendererSource = { kind: 'files', dir: join('/app', 'out', 'renderer') }

beforeEach(() => resetFakeElectron())

describe('window options', () => {
  it.each([
    ['kiosk', kioskWindowOptions(true, PRELOAD)],
    ['kiosk (dev)', kioskWindowOptions(false, PRELOAD)],
    ['technician', technicianWindowOptions(true, PRELOAD)],
    ['technician (dev)', technicianWindowOptions(false, PRELOAD)]
  ])('are hardened for the %s window', (_name, options) => {
    expect(options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    })
    expect(options.webPreferences?.webviewTag).not.toBe(true)
  })

  it('lock the kiosk window in production', () => {
    const options = kioskWindowOptions(true, PRELOAD)
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false })
    expect(options.webPreferences?.devTools).toBe(false)
  })

  it('give an ordinary kiosk window in development', () => {
    const options = kioskWindowOptions(false, PRELOAD)
    expect(options.kiosk).toBeUndefined()
    expect(options.fullscreen).toBeUndefined()
    expect(options.frame).toBeUndefined()
    expect(options.width).toBeGreaterThan(0)
    expect(options.webPreferences?.devTools).toBe(true)
  })

  it('never make the technician panel a kiosk window', () => {
    for (const kioskMode of [true, false]) {
      const options = technicianWindowOptions(kioskMode, PRELOAD)
      expect(options.kiosk).toBeUndefined()
      expect(options.fullscreen).toBeUndefined()
      expect(options.frame).toBeUndefined()
    }
  })

  it('put the technician panel on another display when there is one', () => {
    const primary = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }
    const second = { id: 2, workArea: { x: 1920, y: 0, width: 1300, height: 1000 } }
    expect(technicianPosition([primary], 1)).toBeUndefined()
    expect(technicianPosition([primary, second], 1)).toEqual({ x: 2020, y: 100 })
  })
})

describe('web contents guards', () => {
  const appUrl = (url: string) => url.startsWith('http://localhost:5173/')
  function guarded() {
    const contents = new FakeWebContents()
    hardenWebContents(contents as never, { isAppUrl: appUrl })
    return contents
  }

  it('prevent navigation to a foreign URL and allow the app’s own pages', () => {
    const contents = guarded()
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const foreign = fakeEvent({ url: 'https://evil.example/' })
      contents.emit(name, foreign)
      expect(foreign.defaultPrevented, name).toBe(true)
      const own = fakeEvent({ url: 'http://localhost:5173/index.html' })
      contents.emit(name, own)
      expect(own.defaultPrevented, name).toBe(false)
    }
  })

  it('deny window.open', () => {
    const contents = guarded()
    expect(contents.windowOpenHandler?.({ url: 'http://localhost:5173/index.html' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })

  it('refuse to attach a webview', () => {
    const contents = guarded()
    const event = fakeEvent()
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' })
    expect(event.defaultPrevented).toBe(true)
  })

  it('never let a page hold up its reload or the quit with beforeunload', () => {
    const event = fakeEvent()
    guarded().emit('will-prevent-unload', event)
    expect(event.defaultPrevented).toBe(true)
  })
})

describe('createAppWindow', () => {
  const base = { preloadPath: PRELOAD, log: () => {} }

  it('loads index.html from the dev server for the kiosk and technician.html from kiosk://app for the panel', () => {
    const kiosk = createAppWindow('kiosk', { ...base, kioskMode: false, source: dev, onLoaded: () => {} }) as unknown as FakeBrowserWindow
    expect(kiosk.loadedUrl).toBe('http://localhost:5173/index.html')
    const panel = createAppWindow('technician', { ...base, kioskMode: true, source: files, onLoaded: () => {} }) as unknown as FakeBrowserWindow
    expect(panel.loadedUrl).toBe('kiosk://app/technician.html')
    expect(panel.loadedFile).toBeNull()
    expect(panel.options.kiosk).toBeUndefined()
    expect(panel.options.alwaysOnTop).toBeUndefined()
  })

  it('puts the technician panel above the kiosk only when asked (service mode on one screen)', () => {
    const panel = createAppWindow('technician', { ...base, kioskMode: true, source: files, aboveKiosk: true, onLoaded: () => {} })
    expect((panel as unknown as FakeBrowserWindow).options).toMatchObject({ alwaysOnTop: true })
    expect((panel as unknown as FakeBrowserWindow).options.kiosk).toBeUndefined()
  })

  it('reloads its page after the renderer crashed, and reports why', () => {
    const onRecovered = vi.fn()
    const window = createAppWindow('kiosk', { ...base, kioskMode: true, source: files, onLoaded: () => {}, onRecovered }) as unknown as FakeBrowserWindow
    window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 137 })
    expect(window.loads).toEqual(['kiosk://app/index.html', 'kiosk://app/index.html'])
    expect(onRecovered).toHaveBeenCalledWith({ window: 'kiosk', reason: 'oom', exitCode: 137 })
  })

  it('shows the window when ready, pins zoom and reports each load', () => {
    const onLoaded = vi.fn()
    const window = createAppWindow('kiosk', { ...base, kioskMode: true, source: files, onLoaded }) as unknown as FakeBrowserWindow
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false })
    expect(window.shown).toBe(false)
    window.finishLoad()
    expect(window.shown).toBe(true)
    expect(window.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1)
    expect(onLoaded).toHaveBeenCalledWith(window.webContents)
  })

  it('blocks shortcuts on the kiosk window in kiosk mode only', () => {
    const locked = createAppWindow('kiosk', { ...base, kioskMode: true, source: files, onLoaded: () => {} }) as unknown as FakeBrowserWindow
    const devKiosk = createAppWindow('kiosk', { ...base, kioskMode: false, source: dev, onLoaded: () => {} }) as unknown as FakeBrowserWindow
    const panel = createAppWindow('technician', { ...base, kioskMode: true, source: files, onLoaded: () => {} }) as unknown as FakeBrowserWindow
    expect(locked.webContents.listenerCount('before-input-event')).toBe(1)
    expect(devKiosk.webContents.listenerCount('before-input-event')).toBe(0)
    expect(panel.webContents.listenerCount('before-input-event')).toBe(0)
  })

  it('logs a page that fails to load instead of throwing', async () => {
    const log = vi.fn()
    vi.spyOn(FakeBrowserWindow.prototype, 'loadURL').mockRejectedValueOnce(new Error('ERR_FILE_NOT_FOUND'))
    createAppWindow('kiosk', { ...base, log, kioskMode: true, source: files, onLoaded: () => {} })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'))
  })
})
