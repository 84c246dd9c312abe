/** The app in kiosk mode around its windows: kiosk:// pages, one instance, the display awake, crash reloads, the technician panel. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, app, fakeEvent, powerSaveBlocker, protocol, resetFakeElectron, screen } from './fakeElectron'
import { createFakeRuntime, type FakeRuntime } from './fakeRuntime'
import { startKioskApp } from '../../src/main/app'
import { ELECTRON_CSP } from '../../src/core/protocol'

vi.mock('electron', () => import('./fakeElectron'))
vi.mock('../../src/node/nodeKiosk', () => ({ createNodeKiosk: vi.fn() }))

const MAIN_DIR = '/opt/kiosk-sim/resources/app.asar/out/main'
const SECOND = { id: 2, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } }
let runtime: FakeRuntime

async function start({ packaged = true, env = {} as Record<string, string> } = {}) {
  app.isPackaged = packaged
  startKioskApp({ mainDir: MAIN_DIR, env, createRuntime: () => runtime, log: () => {} })
  await app.becomeReady()
  return FakeBrowserWindow.instances[0]!
}
const technician = () => FakeBrowserWindow.instances.find((w) => w.options.title === 'Technician panel' && !w.isDestroyed())
const login = (role: FakeRuntime['serviceRole']) => {
  runtime.serviceRole = role
  runtime.change()
}

beforeEach(() => {
  resetFakeElectron()
  runtime = createFakeRuntime()
})

describe('the kiosk:// pages', () => {
  it('registers the privileged scheme before the app is ready and serves the built renderer on it', async () => {
    await start()
    expect(protocol.privileged).toEqual([{ scheme: 'kiosk', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    const handler = protocol.handlers.get('kiosk')!
    // The folder is inside app.asar, absent here: a 404 that still carries the CSP.
    const missing = await handler(new Request('kiosk://app/index.html'))
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(ELECTRON_CSP)
    expect((await handler(new Request('kiosk://app/..%2f..%2fmain%2findex.js'))).status).toBe(403)
  })

  it('leaves the scheme unhandled under the dev server (its pages come with the session’s CSP header)', async () => {
    await start({ packaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    expect(protocol.handlers.has('kiosk')).toBe(false)
  })
})

describe('one instance', () => {
  it('a second launch quits itself without a window', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false)
    await start()
    expect(app.quit).toHaveBeenCalled()
    expect(FakeBrowserWindow.instances).toHaveLength(0)
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled()
  })

  it('the running one brings its kiosk back to the front when a second is launched', async () => {
    const kiosk = await start()
    kiosk.minimized = true
    app.emit('second-instance', fakeEvent(), ['kiosk-sim'], '/')
    expect(kiosk.restore).toHaveBeenCalled()
    expect(kiosk.focus).toHaveBeenCalled()
    expect(app.quit).not.toHaveBeenCalled()
  })
})

describe('the display', () => {
  it('is kept awake in kiosk mode until the app quits', async () => {
    await start()
    expect(powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep')
    expect(powerSaveBlocker.started.size).toBe(1)
    app.quit()
    expect(powerSaveBlocker.started.size).toBe(0)
  })

  it('may sleep outside kiosk mode', async () => {
    await start({ packaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    expect(powerSaveBlocker.start).not.toHaveBeenCalled()
  })
})

describe('a crashed or hung page', () => {
  it('is reloaded, and the journal says which window and why', async () => {
    const kiosk = await start()
    kiosk.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 })
    expect(kiosk.loads).toEqual(['kiosk://app/index.html', 'kiosk://app/index.html'])
    expect(runtime.recovered).toEqual([{ window: 'kiosk', reason: 'crashed', exitCode: 139 }])
  })

  it('that hangs is ended and reloaded once, journaled as unresponsive', async () => {
    const kiosk = await start()
    kiosk.webContents.emit('unresponsive')
    expect(kiosk.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
    expect(kiosk.loads).toHaveLength(2)
    expect(runtime.recovered).toEqual([{ window: 'kiosk', reason: 'unresponsive' }])
  })
})

describe('the technician panel in kiosk mode', () => {
  it('on a one-screen kiosk opens only with service mode, above the kiosk, and closes at logout', async () => {
    await start()
    expect(technician()).toBeUndefined()
    runtime.change()
    expect(technician()).toBeUndefined()
    login('technician')
    const panel = technician()!
    expect(panel.options).toMatchObject({ alwaysOnTop: true })
    expect(panel.options.kiosk).toBeUndefined()
    login('technician')
    expect(FakeBrowserWindow.instances.filter((w) => w.options.title === 'Technician panel')).toHaveLength(1)
    login(null)
    expect(panel.isDestroyed()).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
  })

  it('closed by staff during service mode stays closed until the next login, and never quits the app', async () => {
    await start()
    login('administrator')
    technician()!.close()
    runtime.change()
    expect(technician()).toBeUndefined()
    expect(app.quit).not.toHaveBeenCalled()
    login(null)
    login('collector')
    expect(technician()).toBeDefined()
  })

  it('opens on a second display at start, or when one is plugged in, never above the kiosk', async () => {
    await start()
    expect(technician()).toBeUndefined()
    screen.plug([...screen.displays, SECOND])
    expect(technician()!.options).toMatchObject({ x: 1920 + 410, y: 140 })
    expect(technician()!.options.alwaysOnTop).toBeUndefined()
  })

  it('closes when its display is unplugged, rather than land on the kiosk screen', async () => {
    screen.displays.push(SECOND)
    await start()
    const panel = technician()!
    screen.plug([screen.displays[0]!])
    expect(panel.isDestroyed()).toBe(true)
    expect(app.quit).not.toHaveBeenCalled()
  })

  it('stays open where it is when its display is unplugged during service mode', async () => {
    screen.displays.push(SECOND)
    await start()
    login('technician')
    screen.plug([screen.displays[0]!])
    expect(technician()).toBeDefined()
  })

  it('opens at start outside kiosk mode, even on one screen', async () => {
    await start({ packaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    expect(technician()!.loadedUrl).toBe('http://localhost:5173/technician.html')
  })
})
