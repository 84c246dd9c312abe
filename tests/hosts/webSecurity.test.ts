/**
 * The web host is for the people at this kiosk only (docs/security.md): no foreign web page, no
 * DNS rebinding, the technician role only with the key printed at start, and no client that can
 * freeze the host or grow its memory.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DEMO_CARDS } from '../../src/core/cards'
import type { ServerMessage, TechnicianView } from '../../src/core/protocol'
import { connect, get, startTestHost, upgradeStatus, type TestHost } from './fixture'

let t: TestHost | null = null
const hosts: TestHost[] = []
async function start(options: Parameters<typeof startTestHost>[0] = {}): Promise<TestHost> {
  const host = await startTestHost(options)
  hosts.push(host)
  return host
}

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close()
  t = null
})

/** Resolves with the close code and reason the client reads. */
const closed = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))

const technicianViewOf = (m: ServerMessage): TechnicianView | null => (m.type === 'technicianView' ? m.view : null)

describe('Origin and Host', () => {
  it('refuses HTTP from a foreign page, a sandboxed (null) page, and to a rebinding host name, but serves its own pages and clients without an Origin', async () => {
    t = await start()
    expect((await get(t, '/')).status).toBe(200)
    expect((await get(t, '/', { Origin: `http://127.0.0.1:${t.port}` })).status).toBe(200)
    expect((await get(t, '/technician', { Host: `localhost:${t.port}`, Origin: `http://localhost:${t.port}` })).status).toBe(200)
    expect(await get(t, '/', { Origin: 'http://evil.example' })).toEqual({ status: 403, body: 'Forbidden' })
    expect((await get(t, '/', { Origin: 'null' })).status).toBe(403)
    // The port is part of the origin: another local server's page is foreign too.
    expect((await get(t, '/', { Origin: `http://127.0.0.1:${t.port + 1}` })).status).toBe(403)
    // DNS rebinding: evil.example resolves to 127.0.0.1, the browser sends its own name as Host.
    expect((await get(t, '/', { Host: `evil.example:${t.port}` })).status).toBe(403)
    expect((await get(t, '/assets/app.js', { Host: `127.0.0.1.nip.io:${t.port}` })).status).toBe(403)
    expect((await get(t, '/', { Host: `127.0.0.1:${t.port + 1}` })).status).toBe(403)
    expect(t.logs.filter((l) => l.startsWith('refused GET'))).toHaveLength(6)
    expect(t.logs).toContain(`refused GET / from 127.0.0.1: Origin "http://evil.example" is not one of this kiosk's own pages`)
  })

  it('refuses a WebSocket from a foreign page, a null origin or a rebinding host name with 403, in either role', async () => {
    t = await start()
    for (const role of ['kiosk', 'technician']) {
      const key = t.key
      expect(await upgradeStatus(t, role, { key, headers: { Origin: 'http://evil.example' } })).toBe(403)
      expect(await upgradeStatus(t, role, { key, headers: { Origin: 'null' } })).toBe(403)
      expect(await upgradeStatus(t, role, { key, headers: { Host: `evil.example:${t.port}` } })).toBe(403)
      expect(await upgradeStatus(t, role, { key, headers: { Host: `evil.example:${t.port}`, Origin: `http://evil.example:${t.port}` } })).toBe(403)
    }
    expect(await upgradeStatus(t, 'kiosk', { headers: { Origin: `http://127.0.0.1:${t.port}` } })).toBe(101)
    expect(await upgradeStatus(t, 'kiosk', { headers: { Host: `[::1]:${t.port}`, Origin: `http://localhost:${t.port}` } })).toBe(101)
    expect(await upgradeStatus(t, 'kiosk')).toBe(101)
    expect(t.logs).toContain(`refused a kiosk WebSocket from 127.0.0.1: Origin "null" is not one of this kiosk's own pages`)
  })
})

describe('the technician key', () => {
  it('is made at every start (at least 128 random bits) and printed once, in the technician URL', async () => {
    t = await start()
    const other = await start()
    expect(t.key).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(other.key).not.toBe(t.key)
    expect(t.host.technicianUrl).toBe(`http://127.0.0.1:${t.port}/technician#k=${t.key}`)
    expect(t.logs.filter((l) => l.includes(t!.key))).toEqual([`Technician panel: ${t.host.technicianUrl}`])
  })

  it('refuses the technician role without the key or with a wrong one, and grants it with the printed one', async () => {
    t = await start()
    expect(await upgradeStatus(t, 'technician')).toBe(401)
    expect(await upgradeStatus(t, 'technician', { key: 'A'.repeat(43) })).toBe(401)
    expect(await upgradeStatus(t, 'technician', { key: t.key.slice(0, -1) })).toBe(401)
    // The key in the role's place or in the query does not count: only the subprotocol carries it.
    expect(await upgradeStatus(t, `technician&k=${t.key}`)).toBe(401)
    expect(t.logs).toContain('refused a technician WebSocket from 127.0.0.1: no or a wrong technician key')

    const tech = await connect(t, 'technician', { key: t.key })
    expect(tech.socket.protocol).toBe('kiosk-sim')
    expect((await tech.next((m) => m.type === 'technicianView')).type).toBe('technicianView')
    tech.socket.close()

    // Without the key, a client is a customer display only.
    const kiosk = await connect(t, 'kiosk')
    expect((await kiosk.next((m) => m.type === 'view')).type).toBe('view')
    kiosk.socket.send(JSON.stringify({ type: 'fault', device: 'host', fault: 'down' }))
    expect(await kiosk.next((m) => m.type === 'error')).toEqual({ type: 'error', message: 'the kiosk screen may not send "fault"' })
    expect(t.runtime.technicianView().devices.host.fault).toBeNull()
    kiosk.socket.close()
  })

  it('is still required when the host listens beyond loopback, which it warns about', async () => {
    t = await start({ host: '0.0.0.0' })
    expect(t.logs.some((l) => l.startsWith('warning: listening on 0.0.0.0, not loopback: anyone on that network can open the kiosk screen'))).toBe(true)
    expect(await upgradeStatus(t, 'technician')).toBe(401)
    expect(await upgradeStatus(t, 'technician', { key: t.key })).toBe(101)
    expect(await upgradeStatus(t, 'kiosk', { headers: { Host: `evil.example:${t.port}` } })).toBe(403)
    const local = await start()
    expect(local.logs.some((l) => l.startsWith('warning'))).toBe(false)
  })
})

describe('no full card number', () => {
  it('reaches any client in any role: views, journal entries, errors, through a whole top-up', async () => {
    t = await start()
    const kiosk = await connect(t, 'kiosk')
    const tech = await connect(t, 'technician', { key: t.key })
    const first = technicianViewOf(await tech.next((m) => m.type === 'technicianView'))!
    const [card, typed] = [first.cards.find((c) => c.masked === '9398 •••• •••• 2222')!, '33334444']
    const send = async (intent: object, until: (v: TechnicianView) => boolean) => {
      const from = tech.messages.length
      tech.socket.send(JSON.stringify(intent))
      await tech.next((m) => m.type === 'technicianView' && until(m.view), from)
    }
    // A typed card, then cancel.
    await send({ type: 'start' }, (v) => v.kiosk.screen === 'card')
    for (const key of typed) tech.socket.send(JSON.stringify({ type: 'keypad', key }))
    await send({ type: 'submitCard' }, (v) => v.kiosk.screen === 'amount')
    await send({ type: 'cancel' }, (v) => v.kiosk.cancelQuestion !== null) // "Cancel the top-up?"
    await send({ type: 'cancel' }, (v) => v.kiosk.screen === 'idle')
    // A tapped card, by its handle: a cash top-up written onto it, the receipt printed.
    await send({ type: 'tapCard', cardRef: card.cardRef }, (v) => v.kiosk.screen === 'amount')
    await send({ type: 'chooseAmount', kzt: 1000 }, (v) => v.kiosk.screen === 'paymentMethod')
    await send({ type: 'payCash' }, (v) => v.kiosk.screen === 'cash')
    await send({ type: 'insertBill', currency: 'KZT', value: 1000 }, (v) => v.kiosk.cash?.stacked.length === 1)
    await send({ type: 'confirm' }, (v) => v.kiosk.screen === 'receipt' && v.kiosk.receipt?.printed === 'printed')
    expect(t.runtime.technicianView().cards.find((c) => c.cardRef === card.cardRef)?.balanceKzt).toBe(1500)
    // Refusals: an unknown card by number and by handle, a malformed tap.
    tech.socket.send(JSON.stringify({ type: 'tapCard', number: '1234567812345678' }))
    tech.socket.send(JSON.stringify({ type: 'tapCard', cardRef: 'f'.repeat(64) }))
    tech.socket.send(JSON.stringify({ type: 'tapCard', number: DEMO_CARDS[1]!.number, cardRef: card.cardRef }))
    await tech.next((m) => m.type === 'error' && m.message === 'invalid intent: tapCard takes exactly one of number (16 digits) or cardRef')
    await send({ type: 'done' }, (v) => v.kiosk.screen === 'thankYou' || v.kiosk.screen === 'idle')

    expect(kiosk.messages.length).toBeGreaterThan(5)
    expect(tech.messages.some((m) => m.type === 'error' && m.message === 'no card of this kiosk has that cardRef')).toBe(true)
    const everything = [...kiosk.messages, ...tech.messages].map((m) => JSON.stringify(m)).join('\n')
    expect(everything).toContain('9398 •••• •••• 2222')
    for (const { number } of DEMO_CARDS) expect(everything).not.toContain(number)
    kiosk.socket.close()
    tech.socket.close()
  })
})

describe('what one client may cost the host', () => {
  it('closes a connection that floods 100 000 intents (1008, with the reason) and answers another at once', async () => {
    t = await start()
    const flooder = await connect(t, 'technician', { key: t.key })
    await flooder.next((m) => m.type === 'technicianView')
    const cut = closed(flooder.socket)
    const intent = JSON.stringify({ type: 'language', code: 'en' })
    for (let i = 0; i < 100_000; i++) flooder.socket.send(intent)
    expect(await cut).toEqual({ code: 1008, reason: 'too many messages: at most 100 at once and 50 a second' })
    expect(t.logs).toContain('closed the technician connection from 127.0.0.1: too many messages: at most 100 at once and 50 a second')
    // The kiosk took at most the burst, then nothing more from it.
    expect(flooder.messages.filter((m) => m.type === 'technicianView').length).toBeLessThan(150)

    const other = await connect(t, 'technician', { key: t.key })
    const card = technicianViewOf(await other.next((m) => m.type === 'technicianView'))!.cards[0]!
    other.socket.send(JSON.stringify({ type: 'tapCard', cardRef: card.cardRef }))
    await other.next((m) => m.type === 'technicianView' && m.view.kiosk.screen === 'amount')
    other.socket.close()
  })

  it('counts pings as messages', async () => {
    t = await start({ limits: { burstMessages: 10, messagesPerSecond: 1 } })
    const pinger = await connect(t, 'kiosk')
    const cut = closed(pinger.socket)
    for (let i = 0; i < 50; i++) pinger.socket.ping()
    expect((await cut).code).toBe(1008)
  })

  it('coalesces views for a client that reads slowly: it gets the latest, not every one', async () => {
    t = await start()
    const slow = await connect(t, 'technician', { key: t.key })
    await slow.next((m) => m.type === 'technicianView')
    slow.socket.pause()
    // Many changes while it reads nothing: far more view bytes than the socket buffers hold.
    const changes = 3000
    for (let i = 0; i < changes; i++) t.runtime.send({ type: 'language', code: i % 2 ? 'en' : 'kk' })
    t.runtime.send({ type: 'language', code: 'zh' })
    slow.socket.resume()
    await slow.next((m) => m.type === 'technicianView' && m.view.kiosk.language === 'zh')
    const views = slow.messages.filter((m) => m.type === 'technicianView')
    expect(views.length).toBeLessThan(changes / 2)
    expect(JSON.stringify(views.at(-1))).toBe(JSON.stringify({ type: 'technicianView', view: t.runtime.technicianView() }))
    expect(slow.socket.readyState).toBe(WebSocket.OPEN)
    slow.socket.close()
  })

  it('cuts off a client that stops reading, with a logged reason', async () => {
    t = await start({ limits: { slowReaderMs: 300 } })
    const stuck = await connect(t, 'technician', { key: t.key })
    await stuck.next((m) => m.type === 'technicianView')
    stuck.socket.pause()
    const gone = closed(stuck.socket)
    for (let round = 0; round < 200 && !t.logs.some((l) => l.includes('not reading')); round++) {
      for (let i = 0; i < 200; i++) t.runtime.send({ type: 'language', code: i % 2 ? 'en' : 'kk' })
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(t.logs).toContain('closed the technician connection from 127.0.0.1: not reading: its views waited 0.3 s to be sent')
    stuck.socket.resume()
    expect([1006, 1008]).toContain((await gone).code)
    // The others carry on.
    const next = await connect(t, 'kiosk')
    await next.next((m) => m.type === 'view')
    next.socket.close()
  })

  it('limits the number of connections (503) and takes new ones as others close', async () => {
    t = await start({ limits: { maxConnections: 2 } })
    const a = await connect(t, 'kiosk')
    const b = await connect(t, 'technician', { key: t.key })
    expect(await upgradeStatus(t, 'kiosk')).toBe(503)
    expect(t.logs).toContain('refused a kiosk WebSocket from 127.0.0.1: 2 connections are open already')
    const aClosed = closed(a.socket)
    a.socket.close()
    await aClosed
    await new Promise((r) => setTimeout(r, 50))
    expect(await upgradeStatus(t, 'kiosk')).toBe(101)
    b.socket.close()
  })
})
