/** The statechart window: opened from the technician panel, hardened as it, fed the technician view and the machines' graph. */
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { FakeBrowserWindow, FakeWebContents, app, fakeEvent, ipcMain, ipcRenderer, resetFakeElectron, screen } from './fakeElectron'
import { createFakeRuntime, type FakeRuntime } from './fakeRuntime'
import { startKioskApp } from '../../src/main/app'
import { pushViews, type Clients } from '../../src/main/ipc'
import { isStatechartShortcut } from '../../src/main/shortcuts'
import { answerStatechart } from '../../src/main/statechartIpc'
import { isStatechartPage, secureWebPreferences, statechartWindowOptions } from '../../src/main/windows'
import { createKioskBridge } from '../../src/preload/bridge'
import { statechartGraph } from '../../src/core/training/statechart'

vi.mock('electron', () => import('./fakeElectron'))
vi.mock('../../src/node/nodeKiosk', () => ({ createNodeKiosk: vi.fn() }))

const DEV_ENV = { ELECTRON_RENDERER_URL: 'http://localhost:5173' }
const APP = 'http://localhost:5173/'
let runtime: FakeRuntime
let log: Mock<(line: string) => void>

async function start(env: Record<string, string> = DEV_ENV) {
  startKioskApp({ mainDir: '/app/out/main', env, createRuntime: () => runtime, log })
  await app.becomeReady()
  const [kiosk, technician] = FakeBrowserWindow.instances
  return { kiosk: kiosk!, technician: technician! }
}
const ctrlShiftS = { type: 'keyDown', key: 'S', code: 'KeyS', control: true, meta: false, alt: false, shift: true }

beforeEach(() => {
  resetFakeElectron()
  runtime = createFakeRuntime()
  log = vi.fn<(line: string) => void>()
})

describe('the statechart window', () => {
  it('opens once from the technician panel with Ctrl+Shift+S, hardened like the panel, on statechart.html', async () => {
    const { kiosk, technician } = await start()
    const pressed = fakeEvent()
    technician.webContents.emit('before-input-event', pressed, ctrlShiftS)
    expect(pressed.defaultPrevented).toBe(true)
    expect(FakeBrowserWindow.instances).toHaveLength(3)
    const chart = FakeBrowserWindow.instances[2]!
    expect(chart.loadedUrl).toBe(`${APP}statechart.html`)
    expect(chart.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs', false))
    expect(chart.options.kiosk).toBeUndefined()
    // Pressed again: the open window comes to the front, no second one.
    technician.webContents.emit('before-input-event', fakeEvent(), ctrlShiftS)
    expect(FakeBrowserWindow.instances).toHaveLength(3)
    // The kiosk window has no such shortcut.
    kiosk.webContents.emit('before-input-event', fakeEvent(), ctrlShiftS)
    expect(FakeBrowserWindow.instances).toHaveLength(3)
  })

  it('opens from the panel’s header link as our own window, never as a popup', async () => {
    const { technician } = await start()
    expect(technician.webContents.windowOpenHandler?.({ url: `${APP}statechart` })).toEqual({ action: 'deny' })
    expect(FakeBrowserWindow.instances.at(-1)!.loadedUrl).toBe(`${APP}statechart.html`)
    expect(technician.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(FakeBrowserWindow.instances).toHaveLength(3)
  })

  it('gets the technician view when it loads and after every change, and closing it does not quit in kiosk mode', async () => {
    // In kiosk mode the panel opens at start on a display of its own.
    screen.displays.push({ id: 2, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } })
    const { technician } = await start({ KIOSK_MODE: '1' })
    technician.webContents.emit('before-input-event', fakeEvent(), ctrlShiftS)
    const chart = FakeBrowserWindow.instances[2]!
    chart.finishLoad()
    runtime.change()
    expect(chart.webContents.sent.map((s) => (s.args[0] as { type: string }).type)).toEqual(['technicianView', 'technicianView'])
    const quit = vi.spyOn(app, 'quit')
    chart.close()
    expect(quit).not.toHaveBeenCalled()
  })

  it('answers the statechart channel to its own window only', async () => {
    const { kiosk, technician } = await start()
    technician.webContents.emit('before-input-event', fakeEvent(), ctrlShiftS)
    const chart = FakeBrowserWindow.instances[2]!
    expect(await ipcMain.invoke('kiosk:statechart', chart.webContents.ipcEvent())).toEqual(statechartGraph())
    await expect(ipcMain.invoke('kiosk:statechart', kiosk.webContents.ipcEvent())).rejects.toThrow('refused')
    await expect(ipcMain.invoke('kiosk:statechart', new FakeWebContents().ipcEvent())).rejects.toThrow('refused')
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      '[kiosk-ipc] rejected: statechart: the kiosk window does not draw the statechart',
      '[kiosk-ipc] rejected: statechart: sender is not a kiosk window'
    ])
    app.quit()
    expect(ipcMain.invokeHandlers.size).toBe(0)
  })
})

describe('statechart plumbing', () => {
  it('refuses a subframe or a foreign page asking for the graph', () => {
    const chart = new FakeWebContents()
    chart.mainFrame.url = `${APP}statechart.html`
    const clients: Clients = { kiosk: null, technician: null, statechart: chart as never }
    const options = { clients: () => clients, isAppUrl: (u: string) => u.startsWith(APP), log: vi.fn() }
    expect(answerStatechart(chart.ipcEvent() as never, options).machines.map((m) => m.id)).toEqual(['kiosk', 'billValidator', 'cardReader'])
    expect(() => answerStatechart({ sender: chart, senderFrame: { url: `${APP}statechart.html`, processId: 9, routingId: 9 } }, options)).toThrow('refused')
    chart.mainFrame.url = 'https://evil.example/'
    expect(() => answerStatechart(chart.ipcEvent() as never, options)).toThrow('refused')
  })

  it('pushes the technician view to the statechart window beside the panel', () => {
    const chart = new FakeWebContents()
    pushViews({ kiosk: null, technician: null, statechart: chart as never }, createFakeRuntime(), vi.fn())
    expect(chart.sent).toEqual([{ channel: 'kiosk:view', args: [{ type: 'technicianView', view: { state: 'idle', version: 0 } }] }])
  })

  it('the preload asks main on the statechart channel', async () => {
    const bridge = createKioskBridge(ipcRenderer as never)
    await expect(bridge.statechartGraph!()).resolves.toEqual({ machines: [] })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('kiosk:statechart')
  })

  it('knows the shortcut and the statechart page', () => {
    expect(isStatechartShortcut(ctrlShiftS)).toBe(true)
    expect(isStatechartShortcut({ ...ctrlShiftS, shift: false })).toBe(false)
    expect(isStatechartShortcut({ ...ctrlShiftS, control: false })).toBe(false)
    expect(isStatechartShortcut({ ...ctrlShiftS, type: 'keyUp' })).toBe(false)
    expect(isStatechartPage(`${APP}statechart`)).toBe(true)
    expect(isStatechartPage('file:///app/out/renderer/statechart.html')).toBe(true)
    expect(isStatechartPage(`${APP}technician.html`)).toBe(false)
    expect(isStatechartPage('not a url')).toBe(false)
    expect(statechartWindowOptions(true, '/p.cjs')).toMatchObject({ title: 'Kiosk statechart', webPreferences: { sandbox: true, devTools: false } })
  })
})
