import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ServerMessage } from '../../src/core/protocol'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { resolveStaticPath, startWebHost, type WebHost } from '../../src/hosts/webServer'

let dir: string
let host: WebHost
let runtime: ReturnType<typeof createNodeKiosk>

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-web-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>')
  writeFileSync(join(renderer, 'technician.html'), '<!doctype html><title>technician</title>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'secret')
  runtime = createNodeKiosk({ dataDir: join(dir, 'data'), configOverride: { devices: { host: { latencyMs: 0 } } } })
  host = await startWebHost({ runtime, rendererDir: renderer, port: 0, log: () => {} })
})

afterEach(async () => {
  await host.close()
  runtime.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Opens a socket and collects every message the host sends. */
async function connect(role: string) {
  const socket = new WebSocket(`${host.url.replace('http', 'ws')}ws?role=${role}`)
  const messages: ServerMessage[] = []
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as ServerMessage))
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const next = async (predicate: (m: ServerMessage) => boolean): Promise<ServerMessage> => {
    for (let i = 0; i < 200; i++) {
      const found = messages.find(predicate)
      if (found) return found
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error('no such message')
  }
  return { socket, messages, next }
}

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
    tech.socket.send(JSON.stringify({ type: 'tapCard', number: '9398000011112222' }))
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
