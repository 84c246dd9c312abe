/**
 * A web page from elsewhere, in a real Chromium, tries to reach the kiosk's web host on 127.0.0.1
 * (docs/security.md): from another origin (a second server on another port, as any site the user
 * visits), and by DNS rebinding (a name the attacker's DNS points at 127.0.0.1, here Chromium's
 * host resolver rules). Every attempt is refused; the kiosk's own pages, and the technician panel
 * opened with the printed link, work.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyFromFragment } from '../../src/core/technicianKey'
import { launchChromium, startHarness, type Harness } from './harness'

let h: Harness
let browser: Browser
let hostile: Server
let kioskPort: number
let hostilePort: number

/** The attacker's page: it tries a WebSocket and reports how it went (opened, messages, or refused). */
const HOSTILE_PAGE = `<!doctype html><title>cute cats</title><script>
window.tryWebSocket = (url, protocols) => new Promise((resolve) => {
  const events = []
  const ws = new WebSocket(url, protocols)
  ws.onopen = () => events.push('open')
  ws.onmessage = (e) => events.push('message ' + String(e.data).slice(0, 40))
  ws.onerror = () => events.push('error')
  ws.onclose = (e) => { events.push('close ' + e.code); resolve(events) }
  setTimeout(() => { ws.close(); resolve(events) }, 3000)
})
window.tryFetch = (url) => fetch(url).then((r) => 'status ' + r.status, (e) => 'failed: ' + e.name)
</script>`

beforeAll(async () => {
  h = await startHarness()
  kioskPort = Number(new URL(h.url).port)
  hostile = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(HOSTILE_PAGE))
  await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', () => r()))
  hostilePort = (hostile.address() as AddressInfo).port
  // evil.test resolves to this machine, as an attacker's DNS would answer after rebinding.
  browser = await launchChromium(['--host-resolver-rules=MAP evil.test 127.0.0.1'])
})

afterAll(async () => {
  await browser?.close()
  await new Promise((r) => hostile?.close(r))
  await h?.close()
})

describe('a hostile web page in Chromium', () => {
  it('from another origin cannot open the technician socket, even with the key, nor the kiosk socket, nor read a page', async () => {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${hostilePort}/`)
    const key = keyFromFragment(new URL(h.technicianUrl).hash)!
    const ws = `ws://127.0.0.1:${kioskPort}/ws`
    expect(
      await page.evaluate((url) => (window as unknown as { tryWebSocket(u: string): Promise<string[]> }).tryWebSocket(url), `${ws}?role=technician`)
    ).toEqual(['error', 'close 1006'])
    // A stolen key does not help a foreign page: its Origin is refused first.
    expect(
      await page.evaluate(
        ([url, k]) =>
          (window as unknown as { tryWebSocket(u: string, p: string[]): Promise<string[]> }).tryWebSocket(url!, ['kiosk-sim', `kiosk-sim.key.${k}`]),
        [`${ws}?role=technician`, key]
      )
    ).toEqual(['error', 'close 1006'])
    expect(await page.evaluate((url) => (window as unknown as { tryWebSocket(u: string): Promise<string[]> }).tryWebSocket(url), `${ws}?role=kiosk`)).toEqual([
      'error',
      'close 1006'
    ])
    expect(await page.evaluate((url) => (window as unknown as { tryFetch(u: string): Promise<string> }).tryFetch(url), `http://127.0.0.1:${kioskPort}/`)).toBe(
      'failed: TypeError'
    )
    expect(h.logs).toContain(`refused GET / from 127.0.0.1: Origin "http://127.0.0.1:${hostilePort}" is not one of this kiosk's own pages`)
    expect(h.logs).toContain(`refused a technician WebSocket from 127.0.0.1: Origin "http://127.0.0.1:${hostilePort}" is not one of this kiosk's own pages`)
    expect(h.logs).toContain(`refused a kiosk WebSocket from 127.0.0.1: Origin "http://127.0.0.1:${hostilePort}" is not one of this kiosk's own pages`)
    expect(h.runtime.view().screen).toBe('idle')
    expect(h.journal().map((r) => r.kind)).toEqual(['kioskStarted'])
    await page.close()
  })

  it('by DNS rebinding (its own name pointing at 127.0.0.1) gets neither the pages nor the sockets', async () => {
    const page = await browser.newPage()
    // The attacker's page, now served "same-origin" with the kiosk under the rebound name.
    const answer = await page.goto(`http://evil.test:${kioskPort}/`)
    expect(answer?.status()).toBe(403)
    expect(await page.evaluate(() => document.body.innerText)).toBe('Forbidden')
    await page.goto(`http://evil.test:${hostilePort}/`)
    expect(
      await page.evaluate(
        (url) => (window as unknown as { tryWebSocket(u: string): Promise<string[]> }).tryWebSocket(url),
        `ws://evil.test:${kioskPort}/ws?role=kiosk`
      )
    ).toEqual(['error', 'close 1006'])
    expect(h.logs).toContain(`refused GET / from 127.0.0.1: Host "evil.test:${kioskPort}" is not this kiosk's address`)
    expect(h.logs).toContain(`refused a kiosk WebSocket from 127.0.0.1: Host "evil.test:${kioskPort}" is not this kiosk's address`)
    await page.close()
  })
})

describe("the kiosk's own pages", () => {
  it('open the technician panel with the printed link, which takes the key out of the address bar and keeps it over a reload', async () => {
    const page = await browser.newPage()
    await page.goto(h.technicianUrl)
    await expect.poll(() => page.getByTestId('connection').innerText()).toBe('connected')
    expect(page.url()).toBe(`${h.url}technician`)
    await page.reload()
    await expect.poll(() => page.getByTestId('connection').innerText()).toBe('connected')
    await page.getByTestId('tap-9398-2222').waitFor()
    await page.close()
  })

  it('say the technician panel needs the printed link when it is opened without it', async () => {
    const page = await browser.newPage()
    await page.goto(`${h.url}technician`)
    await page.getByTestId('key-missing').waitFor()
    expect(h.logs.filter((l) => l.startsWith('refused') && l.includes(`Origin "http://127.0.0.1:${kioskPort}"`))).toEqual([])
    await page.close()
  })
})
