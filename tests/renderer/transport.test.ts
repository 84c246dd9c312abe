import { afterEach, describe, expect, it } from 'vitest'
import type { Intent, ServerMessage } from '../../src/core/protocol'
import {
  createBridgeTransport,
  createTransport,
  createWebSocketTransport,
  pageTechnicianKey,
  parseServerMessage,
  webSocketUrl,
  type KioskBridge,
  type TransportEvent
} from '../../src/renderer/src/transport'
import { makeTechnicianView, makeView } from './fixtures'

/** A stand-in for the browser WebSocket that the test opens, feeds and closes. */
class FakeSocket {
  static instances: FakeSocket[] = []
  readyState = 0
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor(
    readonly url: string,
    readonly protocols?: string[]
  ) {
    FakeSocket.instances.push(this)
  }
  send(data: string) {
    this.sent.push(data)
  }
  close() {
    this.readyState = 3
    this.onclose?.()
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  receive(data: unknown) {
    this.onmessage?.({ data })
  }
  drop() {
    this.readyState = 3
    this.onerror?.()
    this.onclose?.()
  }
}

function setup(protocols?: string[]) {
  FakeSocket.instances = []
  const timers: { fn: () => void; ms: number }[] = []
  const transport = createWebSocketTransport('ws://kiosk.test/ws?role=kiosk', {
    WebSocketImpl: FakeSocket as unknown as new (url: string, protocols?: string[]) => WebSocket,
    ...(protocols ? { protocols } : {}),
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {}
  })
  const events: TransportEvent[] = []
  transport.subscribe((event) => events.push(event))
  const socket = () => FakeSocket.instances.at(-1)!
  /** Runs the pending reconnect timer and returns its delay. */
  const fire = () => {
    const timer = timers.shift()!
    timer.fn()
    return timer.ms
  }
  return { transport, events, socket, timers, fire }
}

describe('WebSocket transport', () => {
  it('connects to the URL and reports the link', () => {
    const { events, socket } = setup()
    expect(socket().url).toBe('ws://kiosk.test/ws?role=kiosk')
    expect(events).toEqual([{ type: 'connection', connected: false }])
    socket().open()
    expect(events.at(-1)).toEqual({ type: 'connection', connected: true })
  })

  it('offers the technician key as a subprotocol on every (re)connection, and nothing without one', () => {
    const { socket, fire } = setup(['kiosk-sim', 'kiosk-sim.key.abc'])
    expect(socket().protocols).toEqual(['kiosk-sim', 'kiosk-sim.key.abc'])
    socket().drop()
    fire()
    expect(FakeSocket.instances.map((s) => s.protocols)).toEqual([
      ['kiosk-sim', 'kiosk-sim.key.abc'],
      ['kiosk-sim', 'kiosk-sim.key.abc']
    ])
    expect(setup().socket().protocols).toBeUndefined()
  })

  it('passes views and errors on and drops anything else', () => {
    const { events, socket } = setup()
    socket().open()
    const view = makeView({ screen: 'card' })
    socket().receive(JSON.stringify({ type: 'view', view }))
    socket().receive(JSON.stringify({ type: 'error', message: 'nope' }))
    socket().receive('not json')
    socket().receive(JSON.stringify({ type: 'mystery' }))
    socket().receive(JSON.stringify({ type: 'view' }))
    expect(events.slice(2)).toEqual([
      { type: 'view', view },
      { type: 'error', message: 'nope' }
    ])
  })

  it('sends intents as JSON while open and drops them while offline', () => {
    const { transport, socket } = setup()
    transport.send({ type: 'start' })
    expect(socket().sent).toEqual([])
    socket().open()
    const intent: Intent = { type: 'chooseAmount', kzt: 5000 }
    transport.send(intent)
    expect(socket().sent.map((s) => JSON.parse(s))).toEqual([intent])
  })

  it('reconnects with a doubling backoff, capped, and resets it once connected', () => {
    const { events, socket, timers, fire } = setup()
    socket().open()
    socket().drop()
    expect(events.at(-1)).toEqual({ type: 'connection', connected: false })
    const delays: number[] = []
    for (let i = 0; i < 7; i++) {
      delays.push(fire())
      socket().drop()
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000])
    expect(FakeSocket.instances).toHaveLength(8)

    fire()
    socket().open()
    expect(events.at(-1)).toEqual({ type: 'connection', connected: true })
    socket().drop()
    expect(timers.map((t) => t.ms)).toEqual([500])
  })

  it('stops reconnecting once closed', () => {
    const { transport, socket, timers } = setup()
    socket().open()
    transport.close()
    expect(timers).toEqual([])
    expect(FakeSocket.instances).toHaveLength(1)
  })
})

describe('bridge transport', () => {
  function fakeBridge() {
    let listener: ((message: ServerMessage) => void) | null = null
    const sent: Intent[] = []
    const bridge: KioskBridge = {
      send: (intent) => void sent.push(intent),
      onView(l) {
        listener = l
        return () => (listener = null)
      }
    }
    return { bridge, sent, push: (message: ServerMessage) => listener?.(message), subscribed: () => listener !== null }
  }

  it('is connected, passes the view messages main sends, and sends intents', () => {
    const fake = fakeBridge()
    const transport = createBridgeTransport(fake.bridge)
    const events: TransportEvent[] = []
    transport.subscribe((event) => events.push(event))
    const kiosk = makeView({ screen: 'amount' })
    const technician = makeTechnicianView()
    fake.push({ type: 'view', view: kiosk })
    fake.push({ type: 'technicianView', view: technician })
    transport.send({ type: 'removeCard' })
    expect(events).toEqual([
      { type: 'connection', connected: true },
      { type: 'view', view: kiosk },
      { type: 'technicianView', view: technician }
    ])
    expect(fake.sent).toEqual([{ type: 'removeCard' }])
    transport.close()
    expect(fake.subscribed()).toBe(false)
  })

  it('gives a late subscriber the view the bridge handed over at once', () => {
    const view = makeView({ screen: 'cash' })
    const bridge: KioskBridge = {
      send: () => {},
      // The preload replays its latest view synchronously to a new listener.
      onView: (listener) => (listener({ type: 'view', view }), () => {})
    }
    const transport = createBridgeTransport(bridge)
    const events: TransportEvent[] = []
    transport.subscribe((event) => events.push(event))
    expect(events).toEqual([
      { type: 'connection', connected: true },
      { type: 'view', view }
    ])
  })

  afterEach(() => {
    delete window.kiosk
  })

  it('is what createTransport picks when the preload bridge exists', () => {
    const fake = fakeBridge()
    window.kiosk = fake.bridge
    const transport = createTransport('kiosk')
    transport.send({ type: 'start' })
    expect(fake.sent).toEqual([{ type: 'start' }])
  })
})

describe('webSocketUrl', () => {
  it('uses ws on http and wss on https, on the page host, with the role', () => {
    expect(webSocketUrl('kiosk', { protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/ws?role=kiosk')
    expect(webSocketUrl('technician', { protocol: 'https:', host: 'kiosk.example' })).toBe('wss://kiosk.example/ws?role=technician')
  })
})

describe('parseServerMessage', () => {
  it('accepts only strings holding a known message', () => {
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull()
    expect(parseServerMessage('null')).toBeNull()
    expect(parseServerMessage('{"type":"error"}')).toBeNull()
    expect(parseServerMessage('{"type":"error","message":"x"}')).toEqual({ type: 'error', message: 'x' })
  })
})

describe('pageTechnicianKey', () => {
  const KEY = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg'
  function page(hash: string) {
    const stored = new Map<string, string>()
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) }
    const replaced: string[] = []
    const history = { replaceState: (_: unknown, __: string, url?: string | URL | null) => void replaced.push(String(url)) }
    return { location: { hash, pathname: '/technician', search: '' }, storage, history, replaced }
  }

  it('takes the key from the printed link, keeps it for the tab and takes it out of the address bar', () => {
    const p = page(`#k=${KEY}`)
    expect(pageTechnicianKey(p.location, p.storage, p.history)).toBe(KEY)
    expect(p.replaced).toEqual(['/technician'])
    // A reload: the address has no key any more, the tab still has it.
    expect(pageTechnicianKey({ ...p.location, hash: '' }, p.storage, p.history)).toBe(KEY)
  })

  it('has none without the link, or with a key cut short', () => {
    const p = page('')
    expect(pageTechnicianKey(p.location, p.storage, p.history)).toBeNull()
    expect(pageTechnicianKey({ ...p.location, hash: '#k=abc' }, p.storage, p.history)).toBeNull()
    expect(p.replaced).toEqual([])
  })
})
