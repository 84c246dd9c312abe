/** The live statechart in the browser: laid out under the pages' CSP, following the kiosk, a state's screen, Export SVG. */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENSHOTS, screenshotTo, startHarness, type Harness } from './harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness({}, { language: 'en' })
})
afterAll(async () => {
  await h?.close()
})

describe('the statechart page', () => {
  it('highlights the states the kiosk passes through, lists its events, shows a state’s screen and exports SVG', async () => {
    const page = await h.newPage({ width: 1600, height: 1000 })
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    const json = await fetch(new URL('/statechart.json', h.url))
    expect([json.status, json.headers.get('cache-control')]).toEqual([200, 'no-store'])
    expect(((await json.json()) as { machines: { id: string }[] }).machines.map((m) => m.id)).toEqual(['kiosk', 'billValidator', 'cardReader'])
    await page.goto(h.technicianUrl.replace('/technician', '/statechart'))
    const idle = page.locator('[data-state="kiosk.idle"]')
    await idle.and(page.locator('[data-active]')).waitFor({ timeout: 30_000 })

    expect(h.runtime.send({ type: 'start' })).toEqual({ ok: true })
    expect(h.runtime.send({ type: 'keypad', key: '7' })).toEqual({ ok: true })
    await page.locator('[data-state="kiosk.session.flow.card"][data-active]').waitFor()
    expect(await idle.getAttribute('data-active')).toBeNull()
    const events = page.getByTestId('chart-events')
    await events.locator('[data-event="customer.start"]').waitFor()
    // The customer's keypad digit is listed as "•", never as typed.
    const keypad = await events.locator('[data-event="customer.keypad"]').innerText()
    // (The listed time may hold a 7: only the payload is looked at.)
    expect(keypad).toMatch(/"key":\s*"•"/)
    expect(keypad).not.toMatch(/"key":\s*"7"/)

    // The view follows the active state; a state far from it is clicked where it is drawn.
    await page.locator('[data-state="kiosk.session.flow.cash"]').dispatchEvent('click')
    await page.getByTestId('state-id').getByText('kiosk.session.flow.cash').waitFor()
    await page.getByTestId('state-screen-preview').locator('[data-testid="screen-cash"]').waitFor()
    await screenshotTo(page, SCREENSHOTS, 'statechart')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()])
    expect(download.suggestedFilename()).toMatch(/^statechart-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.svg$/)
    const svg = readFileSync((await download.path())!, 'utf8')
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.tagName,
        active: doc.querySelectorAll('[data-active]').length
      }
    }, svg)
    expect(parsed).toMatchObject({ error: null, root: 'svg' })
    expect(parsed.active).toBeGreaterThan(2)
    // elkjs ran in the page under script-src 'self' (no eval, no worker): nothing was refused.
    expect(problems).toEqual([])
    await page.close()
  }, 90_000)
})
