/**
 * Every service screen (issue 15) in each of the four languages, as staff see it in Chromium after a
 * day's work: screenshots under artifacts/screenshots/<language>/service-*.png, with no overflow,
 * clipped text or untranslated key, every tappable target at least 48 × 48 px, and the customer's
 * notice that the kiosk is temporarily out of service. Staff act through the kiosk screen itself
 * (the PIN pad, the menu, the pages' buttons); the customers' top-ups before go straight to the core.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest'
import type { Intent } from '../../src/core/protocol'
import { LANGUAGES } from '../../src/core/protocol'
import { hashPin } from '../../src/core/service/pins'
import { expectScreen, launchChromium, layoutProblems, screenshot, SCREENSHOTS, startVirtualHarness, untranslatedKeys, type VirtualHarness } from './harness'
import { axeViolations } from './axe'

let browser: Browser

beforeAll(async () => {
  for (const language of LANGUAGES) {
    for (const dir of [join(SCREENSHOTS, language), join(SCREENSHOTS, language, 'portrait')])
      if (existsSync(dir)) for (const file of readdirSync(dir)) if (/^service-.*\.png$/.test(file)) rmSync(join(dir, file))
  }
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

const FAST = { N: 2 ** 14, r: 8, p: 1 }
const salt = (n: number) => new Uint8Array(16).fill(n)
const CONFIG = {
  service: { pins: { collector: hashPin('1111', salt(1), FAST), administrator: hashPin('3333', salt(3), FAST) }, lockoutSeconds: 300, inactivitySeconds: 600 },
  timeouts: { doneSeconds: 2, thankYouSeconds: 1, inactivitySeconds: 60 }
}
const CARD = '9398000011112222'
const LANDSCAPE = { width: 1280, height: 800 }
const PORTRAIT = { width: 1080, height: 1920 }

describe.concurrent('every service screen', () => {
  it.for(LANGUAGES)('in %s renders real text that fits, with touch targets of 48 px', async (language, { expect }) => {
    const h = await startVirtualHarness(CONFIG, { browser })
    try {
      await serviceDay(h, language, expect)
    } finally {
      await h.close()
    }
  })
})

/** Targets smaller than 48 × 48 px on the page (buttons, inputs, links, selects). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.service-screen button, .service-screen input, .service-screen select, .service-screen a'))
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 47.5 || box.height < 47.5)
      .map(({ el, box }) => `${el.dataset.testid ?? el.tagName.toLowerCase()} ${Math.round(box.width)}×${Math.round(box.height)}`)
  )
}

async function serviceDay(h: VirtualHarness, language: string, expect: ExpectStatic): Promise<void> {
  const kiosk = await h.newPage(LANDSCAPE)
  await kiosk.goto(h.url)
  const problems: string[] = []
  const send = async (intent: Intent) => {
    expect(h.runtime.send(intent)).toEqual({ ok: true })
    await h.settle()
  }
  // A day: a cash top-up, a top-up the host never answered (flagged), then the language staff read.
  for (const intent of [
    { type: 'tapCard', number: CARD },
    { type: 'chooseAmount', kzt: 3000 },
    { type: 'payCash' },
    { type: 'insertBill', currency: 'KZT', value: 2000 },
    { type: 'insertBill', currency: 'KZT', value: 1000 },
    { type: 'confirm' },
    { type: 'done' }
  ] satisfies Intent[])
    await send(intent)
  await h.advanceUntil((view) => view.screen === 'idle')
  for (const intent of [
    { type: 'tapCard', number: CARD },
    { type: 'chooseAmount', kzt: 2000 },
    { type: 'payCash' },
    { type: 'insertBill', currency: 'KZT', value: 2000 },
    { type: 'fault', device: 'host', fault: 'down' },
    { type: 'confirm' }
  ] satisfies Intent[])
    await send(intent)
  await h.advanceUntil((view) => view.screen === 'outOfService', 120_000)
  await send({ type: 'clearFault', device: 'host' })
  await h.advanceUntil((view) => view.screen === 'idle')
  await h.act(() => kiosk.getByTestId(`lang-${language}`).first().click())

  let shot = 0
  const capture = async (name: string) => {
    const file = `service-${String(++shot).padStart(2, '0')}-${name}`
    await screenshot(kiosk, language, file)
    for (const p of await layoutProblems(kiosk)) problems.push(`${file}: ${p}`)
    for (const key of await untranslatedKeys(kiosk)) problems.push(`${file}: untranslated "${key}"`)
    for (const target of await smallTargets(kiosk)) problems.push(`${file}: target under 48 px: ${target}`)
    for (const v of await axeViolations(kiosk)) problems.push(`${file}: axe ${v}`)
    // Turned to portrait (1080 × 1920) and back: photographed and checked again.
    await kiosk.setViewportSize(PORTRAIT)
    await screenshot(kiosk, join(language, 'portrait'), file)
    for (const p of await layoutProblems(kiosk)) problems.push(`${file} (portrait): ${p}`)
    for (const v of await axeViolations(kiosk)) problems.push(`${file} (portrait): axe ${v}`)
    await kiosk.setViewportSize(LANDSCAPE)
  }
  // A tap as staff make it, never the same finger's second: the tap guard swallows a tap within 400 ms of a screen change where
  // the last one landed (in Russian, Collect cassette sits where Cash collection was). A capture in between usually takes longer.
  let lastPress = 0
  const press = async (id: string) => {
    await kiosk.waitForTimeout(Math.max(0, lastPress + 450 - Date.now()))
    await h.act(() => kiosk.getByTestId(id).first().click())
    lastPress = Date.now()
  }
  const shows = async (screen: string, name = screen) => {
    await expectScreen(kiosk, screen)
    // Every service screen tells a customer the kiosk is temporarily out of service.
    await kiosk.getByTestId('service-out-of-service').waitFor()
    await capture(name)
  }
  const pin = async (digits: string) => {
    for (const d of digits) await kiosk.getByTestId(`pin-${d}`).click()
    await press('pin-submit')
  }

  await send({ type: 'serviceEntry' })
  await shows('servicePin')
  await pin('9999')
  await kiosk.getByTestId('pin-wrong').waitFor()
  await capture('servicePin-wrong')
  await pin('1111')
  await shows('serviceMenu', 'serviceMenu-collector')

  await press('open-collection')
  await shows('serviceCollection')
  await press('collect-cassette')
  await h.settle()
  await kiosk.getByTestId('recount-form').waitFor()
  await capture('serviceCollection-recount')
  await kiosk.getByTestId('recount-KZT-1000-less').click()
  await press('recount-submit')
  await kiosk.getByTestId('shortage').waitFor()
  await capture('serviceCollection-shortage')

  await press('service-menu')
  await press('open-reports')
  await shows('serviceReports')
  await press('x-report')
  await h.settle()
  await kiosk.getByTestId('service-notice').waitFor()
  await capture('serviceReports-x-printed')

  await press('service-menu')
  await press('open-claims')
  await shows('serviceClaims')
  await press('service-menu')
  await press('open-journal')
  await shows('serviceJournal')
  await press('service-logout')
  await expectScreen(kiosk, 'idle')

  // The kiosk is back in its default language after staff leave: the next staff member chooses theirs again.
  await send({ type: 'serviceEntry' })
  await h.act(() => kiosk.getByTestId(`lang-${language}`).first().click())
  await pin('3333')
  await shows('serviceMenu', 'serviceMenu-administrator')
  await press('open-devices')
  await shows('serviceDevices')
  await kiosk.getByTestId('out-of-service-text').fill('Cleaning the note path')
  await press('take-out-of-service')
  await kiosk.getByTestId('out-of-service-reason').waitFor()
  await capture('serviceDevices-out-of-service')
  await press('service-menu')
  await press('open-settings')
  await shows('serviceSettings')
  await press('training-switch')
  await kiosk.getByTestId('service-training').waitFor()
  await press('service-logout')
  // What customers see now: out of service, staff at work, and the training ribbon.
  await expectScreen(kiosk, 'outOfService')
  await h.act(() => kiosk.getByTestId(`lang-${language}`).first().click())
  await kiosk.getByTestId('training-ribbon').waitFor()
  await screenshot(kiosk, language, `service-${String(++shot).padStart(2, '0')}-outOfService-closedByStaff-training`)
  for (const p of await layoutProblems(kiosk)) problems.push(`closedByStaff: ${p}`)

  // Three wrong PINs: entry locks.
  await send({ type: 'serviceEntry' })
  await h.act(() => kiosk.getByTestId(`lang-${language}`).first().click())
  for (const wrong of ['2468', '1357', '8642']) await pin(wrong)
  await shows('serviceLocked')

  expect(problems).toEqual([])
}
