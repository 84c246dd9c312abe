import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { resolveStaticPath, type WebHost } from '../../src/hosts/webServer'
import { connect as connectAs, startTestHost, type TestHost } from './fixture'

let t: TestHost
let host: WebHost
let runtime: TestHost['runtime']

beforeEach(async () => {
  t = await startTestHost()
  host = t.host
  runtime = t.runtime
})

afterEach(async () => {
  await t.close()
})

/** Opens a socket (a technician with the printed key) and collects every message the host sends. */
const connect = (role: string) => connectAs(t, role, role === 'technician' ? { key: t.key } : {})

describe('web host', () => {
  it('serves the kiosk and the technician panel with a CSP, and nothing outside the renderer', async () => {
    const kiosk = await fetch(host.url)
    expect(kiosk.status).toBe(200)
    expect(kiosk.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await kiosk.text()).toContain('<title>kiosk</title>')
    expect(await (await fetch(`${host.url}technician`)).text()).toContain('<title>technician</title>')
    expect((await fetch(`${host.url}assets/app.js`)).headers.get('content-type')).toContain('javascript')
    expect((await fetch(`${host.url}..%2fsecret.txt`)).status).toBe(404)
    expect(resolveStaticPath('/srv/renderer', '/assets/app.js')).toBe('/srv/renderer/assets/app.js')
    expect(resolveStaticPath('/srv/renderer', '/../secret.txt')).toBeNull()
    expect(resolveStaticPath('/srv/renderer', '/%2e%2e/secret.txt')).toBeNull()
  })

  it('sends the kiosk view on connect and a fresh one after every intent', async () => {
    const kiosk = await connect('kiosk')
    const first = await kiosk.next((m) => m.type === 'view')
    expect(first.type === 'view' && first.view.screen).toBe('idle')
    kiosk.socket.send(JSON.stringify({ type: 'start' }))
    const card = await kiosk.next((m) => m.type === 'view' && m.view.screen === 'card')
    expect(card.type).toBe('view')
    kiosk.socket.close()
  })

  it('refuses invalid payloads and technician controls from the kiosk screen', async () => {
    const kiosk = await connect('kiosk')
    kiosk.socket.send('not json')
    expect(await kiosk.next((m) => m.type === 'error')).toEqual({ type: 'error', message: 'invalid intent: expected a JSON object with a "type"' })
    kiosk.messages.length = 0
    kiosk.socket.send(JSON.stringify({ type: 'tapCard', number: '9398000011112222' }))
    expect(await kiosk.next((m) => m.type === 'error')).toEqual({ type: 'error', message: 'the kiosk screen may not send "tapCard"' })
    kiosk.messages.length = 0
    kiosk.socket.send(JSON.stringify({ type: 'chooseAmount', kzt: -5 }))
    expect(await kiosk.next((m) => m.type === 'error')).toMatchObject({ message: expect.stringContaining('kzt') })
    expect(runtime.view().screen).toBe('idle')
    kiosk.socket.close()
  })

  it('lets the technician panel tap a card and shows both sides the result', async () => {
    const kiosk = await connect('kiosk')
    const tech = await connect('technician')
    const first = await tech.next((m) => m.type === 'technicianView')
    expect(first.type === 'technicianView' && first.view.cards.length).toBeGreaterThan(0)
    const card = first.type === 'technicianView' ? first.view.cards.find((c) => c.masked === '9398 •••• •••• 2222')! : null
    tech.socket.send(JSON.stringify({ type: 'tapCard', cardRef: card!.cardRef }))
    await kiosk.next((m) => m.type === 'view' && m.view.screen === 'amount')
    const seen = await tech.next((m) => m.type === 'technicianView' && m.view.kiosk.screen === 'amount')
    expect(seen.type === 'technicianView' && seen.view.journal.at(-1)?.kind).toBe('kioskStarted')
    kiosk.socket.close()
    tech.socket.close()
  })

  it('rejects sockets without a known role', async () => {
    const socket = new WebSocket(`${host.url.replace('http', 'ws')}ws?role=admin`)
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve))
    expect(error.message).toMatch(/400/)
  })
})
