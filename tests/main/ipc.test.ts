import { describe, expect, it, vi } from 'vitest'
import { checkSender, oneLine, receiveIntent, wireKioskIpc, type Clients } from '../../src/main/ipc'
import { FakeEmitter, FakeWebContents, FakeWebFrame } from './fakeElectron'
import { createFakeRuntime } from './fakeRuntime'

const APP = 'http://localhost:5173/'
const isAppUrl = (url: string) => url.startsWith(APP)

function setup() {
  const kiosk = new FakeWebContents()
  kiosk.mainFrame.url = `${APP}index.html`
  const technician = new FakeWebContents()
  technician.mainFrame.url = `${APP}technician.html`
  const clients: Clients = { kiosk: kiosk as never, technician: technician as never }
  const runtime = createFakeRuntime()
  const ipcMain = new FakeEmitter()
  const log = vi.fn()
  const dispose = wireKioskIpc({ ipcMain: ipcMain as never, runtime, clients: () => clients, isAppUrl, log })
  const send = (event: unknown, payload: unknown) => ipcMain.emit('kiosk:intent', event, payload)
  return { kiosk, technician, clients, runtime, ipcMain, log, dispose, send }
}

const tapCard = { type: 'tapCard', number: '9643100012345678' }

describe('intents from windows', () => {
  it('reach the runtime when valid', () => {
    const { kiosk, runtime, send, log } = setup()
    send(kiosk.ipcEvent(), { type: 'start' })
    send(kiosk.ipcEvent(), { type: 'keypad', key: '7' })
    expect(runtime.received).toEqual([{ type: 'start' }, { type: 'keypad', key: '7' }])
    expect(log).not.toHaveBeenCalled()
  })

  it('are ignored from an unknown webContents', () => {
    const { runtime, send, log } = setup()
    const stranger = new FakeWebContents()
    stranger.mainFrame.url = `${APP}index.html`
    send(stranger.ipcEvent(), { type: 'start' })
    send({ sender: null, senderFrame: null }, { type: 'start' })
    expect(runtime.received).toEqual([])
    expect(log).toHaveBeenCalledTimes(2)
  })

  it('are ignored from a subframe', () => {
    const { kiosk, runtime, send } = setup()
    send(kiosk.ipcEvent(new FakeWebFrame(`${APP}index.html`)), { type: 'start' })
    send(kiosk.ipcEvent(null), { type: 'start' })
    expect(runtime.received).toEqual([])
  })

  it('are ignored when the window shows a foreign page', () => {
    const { kiosk, runtime, send } = setup()
    kiosk.mainFrame.url = 'https://evil.example/'
    send(kiosk.ipcEvent(), { type: 'start' })
    expect(runtime.received).toEqual([])
  })

  it('accept the main frame by identity even when it is another wrapper object', () => {
    const { kiosk, clients } = setup()
    const sameFrame = { url: kiosk.mainFrame.url, processId: kiosk.mainFrame.processId, routingId: kiosk.mainFrame.routingId }
    expect(checkSender({ sender: kiosk, senderFrame: sameFrame }, clients, isAppUrl)).toEqual({ ok: true, role: 'kiosk' })
  })

  it.each([
    ['not an object', 'start'],
    ['null', null],
    ['an unknown type', { type: 'openDevTools' }],
    ['an extra field', { type: 'start', eval: 'x' }],
    ['a bad keypad key', { type: 'keypad', key: 'Enter' }],
    ['a negative amount', { type: 'chooseAmount', kzt: -5 }],
    ['a prototype trick', JSON.parse('{"type":"start","__proto__":{"polluted":true}}')]
  ])('reject %s without throwing and without reaching the runtime', (_name, payload) => {
    const { kiosk, runtime, send, log } = setup()
    expect(() => send(kiosk.ipcEvent(), payload)).not.toThrow()
    expect(runtime.received).toEqual([])
    expect(log).toHaveBeenCalledTimes(1)
    expect(log.mock.calls[0]![0]).toMatch(/^\[kiosk-ipc\] rejected: kiosk: /)
  })

  it('refuse a technician control from the kiosk window but take it from the technician window', () => {
    const { kiosk, technician, runtime, send, log } = setup()
    send(kiosk.ipcEvent(), tapCard)
    expect(runtime.received).toEqual([])
    expect(log.mock.calls[0]![0]).toContain('may not send "tapCard"')
    send(technician.ipcEvent(), tapCard)
    expect(runtime.received).toEqual([tapCard])
  })

  it('let the technician window send customer intents too (scenarios drive both)', () => {
    const { technician, runtime, send } = setup()
    send(technician.ipcEvent(), { type: 'start' })
    expect(runtime.received).toEqual([{ type: 'start' }])
  })

  it('log a refusal by the current screen in one line', () => {
    const { kiosk, runtime, send, log } = setup()
    runtime.answer = { ok: false, error: 'not on this screen' }
    send(kiosk.ipcEvent(), { type: 'payCash' })
    expect(log).toHaveBeenCalledWith('[kiosk-ipc] refused: kiosk "payCash": not on this screen')
  })

  it('survive a runtime that throws', () => {
    const { kiosk, clients } = setup()
    const outcome = receiveIntent(
      kiosk.ipcEvent(),
      { type: 'start' },
      {
        clients: () => clients,
        isAppUrl,
        runtime: {
          send: () => {
            throw new Error('boom')
          }
        }
      }
    )
    expect(outcome).toEqual({ status: 'refused', reason: 'kiosk "start" failed: boom' })
  })

  it('keep log lines to one short line', () => {
    expect(oneLine('a\nb\r\u2028c')).toBe('a b c')
    expect(oneLine('x'.repeat(1000))).toHaveLength(300)
  })
})

describe('views', () => {
  it('are pushed to both windows after every change: the kiosk view and the technician view', () => {
    const { kiosk, technician, runtime } = setup()
    runtime.change()
    expect(kiosk.sent).toEqual([{ channel: 'kiosk:view', args: [{ type: 'view', view: { screen: 'idle', version: 1 } }] }])
    expect(technician.sent).toEqual([{ channel: 'kiosk:view', args: [{ type: 'technicianView', view: { state: 'idle', version: 1 } }] }])
    runtime.change()
    expect(kiosk.sent).toHaveLength(2)
    expect(technician.sent).toHaveLength(2)
  })

  it('skip a closed window', () => {
    const { kiosk, technician, clients, runtime } = setup()
    technician.destroyed = true
    clients.kiosk = null
    runtime.change()
    expect(kiosk.sent).toEqual([])
    expect(technician.sent).toEqual([])
  })

  it('stop, and intents stop arriving, once disposed', () => {
    const { kiosk, runtime, ipcMain, dispose, send } = setup()
    dispose()
    expect(runtime.listeners.size).toBe(0)
    expect(ipcMain.listenerCount('kiosk:intent')).toBe(0)
    send(kiosk.ipcEvent(), { type: 'start' })
    expect(runtime.received).toEqual([])
  })
})
