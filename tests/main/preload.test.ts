import { describe, expect, it, vi } from 'vitest'
import { FakeEmitter, contextBridge, ipcRenderer } from './fakeElectron'
import { createKioskBridge } from '../../src/preload/bridge'
import type { KioskBridge } from '../../src/preload/index.d'

vi.mock('electron', () => import('./fakeElectron'))

// Loading the preload exposes the bridge once, as it does in each window.
await import('../../src/preload/index')
const exposures = [...contextBridge.exposeInMainWorld.mock.calls]

/** A fresh bridge over a fresh fake ipcRenderer, so no view carries over between tests. */
function bridgeOverFakeIpc(): { bridge: KioskBridge; ipc: FakeEmitter & { send: ReturnType<typeof vi.fn> } } {
  const ipc = Object.assign(new FakeEmitter(), { send: vi.fn() })
  return { bridge: createKioskBridge(ipc as never), ipc }
}

describe('preload', () => {
  it('exposes exactly send, onView and statechartGraph as window.kiosk, frozen', () => {
    expect(exposures).toHaveLength(1)
    const [name, bridge] = exposures[0]! as [string, KioskBridge]
    expect(name).toBe('kiosk')
    expect(Object.keys(bridge).sort()).toEqual(['onView', 'send', 'statechartGraph'])
    expect(Object.isFrozen(bridge)).toBe(true)
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true)
  })

  it('wires the exposed bridge to ipcRenderer on the two kiosk channels only', () => {
    const [, bridge] = exposures[0]! as [string, KioskBridge]
    bridge.send({ type: 'keypad', key: '4' })
    expect(ipcRenderer.send).toHaveBeenCalledWith('kiosk:intent', { type: 'keypad', key: '4' })
    const channels = [...ipcRenderer.handlers.keys()].filter((k) => ipcRenderer.listenerCount(k) > 0)
    expect(channels).toEqual(['kiosk:view'])
  })

  it('passes views without the IPC event and returns a working unsubscribe', () => {
    const { bridge, ipc } = bridgeOverFakeIpc()
    const listener = vi.fn()
    const unsubscribe = bridge.onView(listener)
    const view = { screen: 'idle' }
    ipc.emit('kiosk:view', { sender: ipc, ports: [] }, view)
    expect(listener.mock.calls).toEqual([[view]])
    unsubscribe()
    unsubscribe()
    ipc.emit('kiosk:view', { sender: ipc }, { screen: 'card' })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('keeps other listeners when one unsubscribes', () => {
    const { bridge, ipc } = bridgeOverFakeIpc()
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = bridge.onView(first)
    bridge.onView(second)
    stopFirst()
    ipc.emit('kiosk:view', {}, { screen: 'card' })
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledWith({ screen: 'card' })
  })

  it('gives a late subscriber the latest view at once', () => {
    const { bridge, ipc } = bridgeOverFakeIpc()
    ipc.emit('kiosk:view', {}, { screen: 'idle' })
    ipc.emit('kiosk:view', {}, { screen: 'amount' })
    const late = vi.fn()
    bridge.onView(late)
    expect(late.mock.calls).toEqual([[{ screen: 'amount' }]])
  })

  it('keeps delivering when one listener throws', () => {
    const { bridge, ipc } = bridgeOverFakeIpc()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const after = vi.fn()
    bridge.onView(() => {
      throw new Error('render failed')
    })
    bridge.onView(after)
    ipc.emit('kiosk:view', {}, { screen: 'cash' })
    expect(after).toHaveBeenCalledWith({ screen: 'cash' })
    expect(error).toHaveBeenCalled()
    error.mockRestore()
  })

  it('lets the same function subscribe twice and unsubscribe each separately', () => {
    const { bridge, ipc } = bridgeOverFakeIpc()
    const listener = vi.fn()
    const first = bridge.onView(listener)
    bridge.onView(listener)
    first()
    ipc.emit('kiosk:view', {}, { screen: 'receipt' })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('sends intents on kiosk:intent and refuses a non-function listener', () => {
    const { bridge, ipc } = bridgeOverFakeIpc()
    bridge.send({ type: 'start' })
    expect(ipc.send).toHaveBeenCalledWith('kiosk:intent', { type: 'start' })
    expect(() => bridge.onView('nope' as never)).toThrow(TypeError)
  })
})
