/**
 * Every kiosk screen in each of the four languages, as a person sees it in Chromium: screenshots
 * under artifacts/screenshots/<language>/, and no overflow, clipped text or untranslated key.
 *
 * The kiosk runs on a virtual clock (startVirtualHarness): the test moves time on itself — to let a
 * note be stacked or the host answer (`settle`), or to the inactivity warning (`advanceUntil`) — so
 * no test waits for a timeout in real time, and a transient screen (checking the card, crediting,
 * writing onto the card) stays on screen until it is photographed. The languages run side by side,
 * each on its own kiosk, in one shared Chromium.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest'
import { LANGUAGES } from '../../src/core/protocol'
import {
  expectScreen,
  launchChromium,
  layoutProblems,
  screenshot,
  SCREENSHOTS,
  startVirtualHarness,
  tapButton,
  untranslatedKeys,
  type VirtualHarness
} from './harness'
import { axeViolations } from './axe'

let browser: Browser

beforeAll(async () => {
  // The numbered screenshots of an earlier run would mix with this run's when the steps change.
  for (const language of LANGUAGES) {
    for (const dir of [join(SCREENSHOTS, language), join(SCREENSHOTS, language, 'portrait')])
      if (existsSync(dir)) for (const file of readdirSync(dir)) if (/^\d\d-.*\.png$/.test(file)) rmSync(join(dir, file))
  }
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

// A short inactivity time and card-write wait keep the virtual waits short; a long receipt time
// leaves the receipt on screen while the test looks at it.
const CONFIG = { timeouts: { inactivitySeconds: 6, warningSeconds: 20, doneSeconds: 20, thankYouSeconds: 2, posSeconds: 3, cardWriteSeconds: 3 } }

const LANDSCAPE = { width: 1280, height: 800 }
const PORTRAIT = { width: 1080, height: 1920 }

describe.concurrent('every screen', () => {
  // Every screen twice (landscape and portrait), each checked by axe: 155 s on the clean-clone run beside the unit tests,
  // close to the e2e project's 180 s, which is meant for a hung test.
  it.for(LANGUAGES)('in %s renders real text that fits the screen', { timeout: 400_000 }, async (language, { expect }) => {
    const h = await startVirtualHarness(CONFIG, { browser })
    try {
      await everyScreen(h, language, expect)
    } finally {
      await h.close()
    }
  })
})

async function everyScreen(h: VirtualHarness, language: string, expect: ExpectStatic): Promise<void> {
  const kiosk = await h.newPage(LANDSCAPE)
  const panel = await h.newPage({ width: 1400, height: 1000 })
  await kiosk.goto(h.url)
  await panel.goto(h.technicianUrl)
  const problems: string[] = []
  let shot = 0
  // The kiosk screen never scrolls; the technician panel is an ordinary scrolling page.
  // Each kiosk screen is looked at twice: landscape, then turned to portrait (1080 × 1920) and back.
  const capture = async (name: string, page: Page = kiosk) => {
    const file = `${String(++shot).padStart(2, '0')}-${name}`
    await screenshot(page, language, file)
    for (const p of await layoutProblems(page, { scrolls: page === panel })) problems.push(`${file}: ${p}`)
    for (const v of await axeViolations(page)) problems.push(`${file}: axe ${v}`)
    // The technician panel is English-only staff text and may name config keys.
    if (page !== kiosk) return
    for (const key of await untranslatedKeys(page)) problems.push(`${file}: untranslated "${key}"`)
    await page.setViewportSize(PORTRAIT)
    await screenshot(page, join(language, 'portrait'), file)
    for (const p of await layoutProblems(page)) problems.push(`${file} (portrait): ${p}`)
    for (const v of await axeViolations(page)) problems.push(`${file} (portrait): axe ${v}`)
    await page.setViewportSize(LANDSCAPE)
  }
  /** The screen is on and photographed. */
  const shows = async (screen: string, name = screen) => {
    await expectScreen(kiosk, screen)
    // Focus moves to the new screen's heading.
    const focused = await kiosk.evaluate(
      () => `${document.activeElement?.tagName}${document.activeElement?.closest('[data-testid^="screen-"]') ? ' in screen' : ''}`
    )
    if (focused !== 'H1 in screen') problems.push(`${screen}: focus on ${focused}, not the screen's heading`)
    await capture(name)
  }
  /** A click whose intent has reached the kiosk; virtual time stands still. */
  const press = (page: Page, id: string) => h.act(() => page.getByTestId(id).first().click())
  /** A click, then time runs while the kiosk works on it (a note stacked, the host's answer, a print). */
  const click = async (page: Page, id: string) => {
    await press(page, id)
    await h.settle()
  }
  const tap = (number: string) => click(panel, tapButton(number))
  const type = async (digits: string) => {
    for (const d of digits) await press(kiosk, `keypad-${d}`)
  }

  // The kiosk returns to its default language when a session ends: every customer chooses again.
  const chooseLanguage = async () => {
    await press(kiosk, `lang-${language}`)
    await expect.poll(() => kiosk.locator('html').getAttribute('lang')).toMatch(new RegExp(`^${language}`))
  }
  const backToIdle = async () => {
    await h.advanceUntil((view) => view.screen === 'idle')
    await expectScreen(kiosk, 'idle')
    await chooseLanguage()
  }

  await backToIdle()
  // The bundled fonts cover Chinese and every Kazakh letter (Debian's Chromium has no CJK font of its own).
  const fontsLoaded = await kiosk.evaluate(async () => {
    const cjk = await document.fonts.load('32px "Noto Sans SC"', '卡充值')
    const kazakh = await document.fonts.load('32px "Noto Sans"', 'әғқңөұүһі ₸')
    return (
      cjk.length > 0 && kazakh.length > 0 && document.fonts.check('32px "Noto Sans SC"', '卡充值') && document.fonts.check('32px "Noto Sans"', 'әғқңөұүһі ₸')
    )
  })
  expect(fontsLoaded).toBe(true)
  await capture('idle')

  await press(kiosk, 'start')
  await expectScreen(kiosk, 'card')
  await type('1234')
  await capture('card')
  // The rest from a physical keyboard or keypad, Enter to submit.
  for (const key of ['5', '6', '7', '8', 'Enter']) await h.act(() => kiosk.keyboard.press(key))
  await shows('checkingCard')
  await h.settle()
  await shows('cardUnknown')

  await tap('9398000077778888')
  await shows('cardBlocked')
  await tap('9398000099990000')
  await shows('cardExpired')

  await tap('9398000033334444')
  await shows('amount')
  await type('50')
  await press(kiosk, 'submit-amount')
  await kiosk.getByTestId('amount-refusal').waitFor()
  await capture('amount-refused')
  await press(kiosk, 'preset-5000')
  await shows('paymentMethod')

  await click(kiosk, 'pay-cash')
  await expectScreen(kiosk, 'cash')
  // The rate lock's countdown runs on the kiosk's clock, which the page's Date follows: it shows the whole lock.
  expect(await kiosk.getByTestId('quote-countdown').innerText()).toContain('2:00')
  await capture('cash')
  await panel.getByTestId('other-currency').selectOption('USD')
  await panel.getByTestId('other-value').fill('3') // there are no 3-dollar notes
  await click(panel, 'insert-other')
  await kiosk.getByTestId('note-returned').waitFor()
  await capture('cash-note-returned')
  await click(panel, 'insert-USD-5')
  await kiosk.getByTestId('stacked-notes').waitFor()
  await kiosk.getByTestId('confirm').and(kiosk.locator(':enabled')).waitFor()
  await capture('cash-money-in')
  await h.advanceUntil((view) => view.warning !== null)
  await kiosk.getByTestId('inactivity-warning').waitFor()
  await capture('inactivity-warning')
  // The warning keeps the focus (Tab stays on its one button); Escape is its safe choice, more time.
  await kiosk.keyboard.press('Tab')
  expect(await kiosk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('more-time')
  await h.act(() => kiosk.keyboard.press('Escape'))
  await kiosk.getByTestId('inactivity-warning').waitFor({ state: 'hidden' })
  await click(panel, 'insert-KZT-5000')
  await kiosk.getByTestId('amount-reached').waitFor()
  await capture('cash-amount-reached')

  await press(kiosk, 'confirm')
  await shows('crediting')
  await h.settle()
  await shows('receipt')
  await press(kiosk, 'done')
  await shows('thankYou')
  await backToIdle()

  // The same top-up by bank card: declined, then the terminal never answers, then approved.
  await tap('9398000033334444')
  await expectScreen(kiosk, 'amount')
  await press(kiosk, 'preset-10000')
  await expectScreen(kiosk, 'paymentMethod')
  await kiosk.getByTestId('card-preview').waitFor()
  await capture('paymentMethod-card-preview')
  await press(panel, 'pos-decline')
  await press(kiosk, 'pay-card')
  await shows('bankCard')
  await h.settle()
  await shows('bankCardDeclined')
  await press(kiosk, 'back')
  await press(panel, 'pos-timeout')
  await click(kiosk, 'pay-card')
  await shows('bankCardTimeout')
  await press(kiosk, 'back')
  await press(panel, 'pos-approve')
  await click(kiosk, 'pay-card')
  await shows('receipt', 'receipt-bank-card')
  await press(kiosk, 'done')
  await backToIdle()

  // The host link goes down: out of service on the attract screen; mid-session, no cash is taken.
  await press(panel, 'host-down')
  await shows('outOfService')
  await press(panel, 'host-up')
  await backToIdle()
  await tap('9398000033334444')
  await expectScreen(kiosk, 'amount')
  await press(panel, 'host-down')
  await shows('serviceUnavailable')
  await press(panel, 'host-up')
  await press(kiosk, 'cancel')
  await backToIdle()

  // The card reader cannot read the card: tap again or type the digits.
  const card = '9398000011112222'
  await press(panel, 'reader-read-error-fault')
  await tap(card)
  await shows('cardReadError')
  await press(panel, 'reader-ok')
  await press(kiosk, 'back')
  await expectScreen(kiosk, 'card')

  // The card typed, not on the reader: after payment the kiosk waits for it; it never comes, so the top-up stays pending.
  await type(card.slice(-8))
  await click(kiosk, 'submit-card')
  await expectScreen(kiosk, 'amount')
  await press(kiosk, 'preset-1000')
  await click(kiosk, 'pay-cash')
  await expectScreen(kiosk, 'cash')
  await click(panel, 'insert-KZT-1000')
  await kiosk.getByTestId('confirm').and(kiosk.locator(':enabled')).waitFor()
  await click(kiosk, 'confirm')
  await shows('cardWrite', 'cardWrite-waiting')
  await h.advanceUntil((view) => view.screen === 'receipt')
  await h.settle()
  await expectScreen(kiosk, 'receipt')
  await kiosk.getByTestId('receipt-printed').waitFor()
  await capture('receipt-pending')
  await press(kiosk, 'done')
  await backToIdle()

  // The card's next tap writes the pending top-up onto it, then the amount screen says it is active.
  await press(panel, tapButton(card))
  await h.advanceUntil((view) => view.cardWrite?.phase === 'writing')
  await kiosk.locator('[data-testid="screen-cardWrite"][data-phase="writing"]').waitFor()
  await capture('cardWrite-writing')
  await h.settle()
  await kiosk.getByTestId('pending-activated').waitFor()
  await capture('amount-activated')

  // The validator jams on the second note: the customer sees the note in doubt and the reference; the receipt names it.
  await press(kiosk, 'preset-5000')
  await click(kiosk, 'pay-cash')
  await expectScreen(kiosk, 'cash')
  await click(panel, 'insert-KZT-2000')
  await kiosk.getByTestId('stacked-notes').waitFor()
  await press(panel, 'validator-jam')
  await panel.getByTestId('validator-jam-armed').waitFor()
  await click(panel, 'insert-KZT-2000')
  await shows('billJam')
  if (language === 'en') await capture('technician-panel-jam', panel)
  await click(kiosk, 'done')
  await expectScreen(kiosk, 'receipt')
  await kiosk.getByTestId('receipt-in-doubt').waitFor()
  await kiosk.getByTestId('receipt-printed').waitFor()
  await capture('receipt-note-in-doubt')
  await press(kiosk, 'done')
  await backToIdle()
  // Until staff clear the jam, the next customer can pay by bank card only.
  await tap(card)
  await expectScreen(kiosk, 'amount')
  await press(kiosk, 'preset-1000')
  await kiosk.getByTestId('cash-unavailable-reason').waitFor()
  await capture('paymentMethod-cash-jammed')
  await press(panel, 'validator-ok')
  await press(kiosk, 'cancel')
  await backToIdle()
  if (language === 'en') await capture('technician-panel', panel)

  // The journal's disk fills while a note is in: out of service at once, the money accounted for in all four languages.
  await tap(card)
  await expectScreen(kiosk, 'amount')
  await press(kiosk, 'preset-2000')
  await click(kiosk, 'pay-cash')
  await click(panel, 'insert-KZT-1000')
  await kiosk.getByTestId('stacked-notes').waitFor()
  await click(panel, 'storage-disk-full')
  await expectScreen(kiosk, 'storageFailed')
  await kiosk.getByTestId('money-reference').waitFor()
  await capture('storageFailed')
  if (language === 'en') await capture('technician-panel-storage', panel)
  // Freed: the kiosk finishes the top-up from its journal (the card is gone from the reader: pending).
  await click(panel, 'storage-ok')
  await h.advanceUntil((view) => view.screen === 'receipt')
  await h.settle()
  await press(kiosk, 'done')
  await backToIdle()

  // The kiosk comes back with an older copy of its journal: out of service until staff accept it.
  h.restoreJournal(8)
  await expectScreen(kiosk, 'journalUntrusted')
  // The restarted kiosk speaks its default language; a passer-by can switch it from the header.
  await chooseLanguage()
  await capture('journalUntrusted')
  await panel.getByTestId('accept-journal').waitFor()
  if (language === 'en') await capture('technician-panel-journal', panel)
  await click(panel, 'accept-journal')
  await backToIdle()

  await kiosk.close()
  await panel.close()
  expect(problems).toEqual([])
}
