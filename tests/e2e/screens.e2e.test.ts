/**
 * Every kiosk screen in each of the four languages, as a person sees it in Chromium: screenshots
 * under artifacts/screenshots/<language>/, and no overflow, clipped text or untranslated key.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LANGUAGES } from '../../src/core/protocol'
import { expectScreen, layoutProblems, screenshot, SCREENSHOTS, startHarness, untranslatedKeys, type Harness } from './harness'

let h: Harness

beforeAll(async () => {
  // The numbered screenshots of an earlier run would mix with this run's when the steps change.
  for (const language of LANGUAGES) {
    const dir = join(SCREENSHOTS, language)
    if (existsSync(dir)) for (const file of readdirSync(dir)) if (/^\d\d-.*\.png$/.test(file)) rmSync(join(dir, file))
  }
  // A slow host and a slow card write make the transient screens (checking the card, crediting,
  // writing onto the card) long enough to photograph; a short inactivity time shows the warning
  // without a 30 s wait, and a short card-write wait leaves a top-up pending soon.
  h = await startHarness({
    devices: { host: { latencyMs: 1500 }, cardReader: { writeMs: 1500 } },
    timeouts: { inactivitySeconds: 6, warningSeconds: 15, receiptSeconds: 20, thankYouSeconds: 2, posSeconds: 3, cardWriteSeconds: 3 }
  })
})
afterAll(async () => {
  await h?.close()
})

describe.each(LANGUAGES)('every screen in %s', (language) => {
  it('renders real text that fits the screen', async () => {
    const kiosk = await h.browser.newPage({ viewport: { width: 1280, height: 800 } })
    const panel = await h.browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await kiosk.goto(h.url)
    await panel.goto(`${h.url}technician`)
    const problems: string[] = []
    let shot = 0
    // The kiosk screen never scrolls; the technician panel is an ordinary scrolling page.
    const capture = async (name: string, page: Page = kiosk) => {
      const file = `${String(++shot).padStart(2, '0')}-${name}`
      await screenshot(page, language, file)
      for (const p of await layoutProblems(page, { scrolls: page === panel })) problems.push(`${file}: ${p}`)
      // The technician panel is English-only staff text and may name config keys.
      if (page === kiosk) for (const key of await untranslatedKeys(page)) problems.push(`${file}: untranslated "${key}"`)
    }
    const click = (page: Page, id: string) => page.getByTestId(id).first().click()
    const tap = (number: string) => click(panel, `tap-${number}`)

    // The kiosk returns to its default language when a session ends: every customer chooses again.
    const chooseLanguage = async () => {
      await click(kiosk, `lang-${language}`)
      await expect.poll(() => kiosk.locator('html').getAttribute('lang')).toMatch(new RegExp(`^${language}`))
    }
    const backToIdle = async () => {
      await expectScreen(kiosk, 'idle')
      await chooseLanguage()
    }

    await backToIdle()
    // The bundled fonts cover Chinese and every Kazakh letter (Debian's Chromium has no CJK font of its own).
    const fontsLoaded = await kiosk.evaluate(async () => {
      const cjk = await document.fonts.load('32px "Noto Sans SC"', '卡充值')
      const kazakh = await document.fonts.load('32px "Noto Sans"', 'әғқңөұүһі ₸')
      return cjk.length > 0 && kazakh.length > 0 && document.fonts.check('32px "Noto Sans SC"', '卡充值') && document.fonts.check('32px "Noto Sans"', 'әғқңөұүһі ₸')
    })
    expect(fontsLoaded).toBe(true)
    await capture('idle')

    await click(kiosk, 'start')
    await expectScreen(kiosk, 'card')
    for (const d of '1234') await click(kiosk, `keypad-${d}`)
    await capture('card')
    for (const d of '5678') await click(kiosk, `keypad-${d}`)
    await click(kiosk, 'submit-card')
    await expectScreen(kiosk, 'checkingCard')
    await capture('checkingCard')
    await expectScreen(kiosk, 'cardUnknown')
    await capture('cardUnknown')

    await tap('9398000077778888')
    await expectScreen(kiosk, 'cardBlocked')
    await capture('cardBlocked')
    await tap('9398000099990000')
    await expectScreen(kiosk, 'cardExpired')
    await capture('cardExpired')

    await tap('9398000033334444')
    await expectScreen(kiosk, 'amount')
    await capture('amount')
    for (const d of '50') await click(kiosk, `keypad-${d}`)
    await click(kiosk, 'submit-amount')
    await kiosk.getByTestId('amount-refusal').waitFor()
    await capture('amount-refused')
    await click(kiosk, 'preset-5000')
    await expectScreen(kiosk, 'paymentMethod')
    await capture('paymentMethod')

    await click(kiosk, 'pay-cash')
    await expectScreen(kiosk, 'cash')
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
    await kiosk.getByTestId('inactivity-warning').waitFor({ timeout: 15_000 })
    await capture('inactivity-warning')
    await click(kiosk, 'more-time')
    await kiosk.getByTestId('inactivity-warning').waitFor({ state: 'hidden' })
    await click(panel, 'insert-KZT-5000')
    await kiosk.getByTestId('amount-reached').waitFor()
    await capture('cash-amount-reached')

    await click(kiosk, 'confirm')
    await expectScreen(kiosk, 'crediting')
    await capture('crediting')
    await expectScreen(kiosk, 'receipt')
    await capture('receipt')
    await click(kiosk, 'done')
    await expectScreen(kiosk, 'thankYou')
    await capture('thankYou')
    await backToIdle()

    // The same top-up by bank card: declined, then the terminal never answers, then approved.
    await tap('9398000033334444')
    await expectScreen(kiosk, 'amount')
    await click(kiosk, 'preset-10000')
    await expectScreen(kiosk, 'paymentMethod')
    await kiosk.getByTestId('card-preview').waitFor()
    await capture('paymentMethod-card-preview')
    await click(panel, 'pos-decline')
    await click(kiosk, 'pay-card')
    await expectScreen(kiosk, 'bankCard')
    await capture('bankCard')
    await expectScreen(kiosk, 'bankCardDeclined')
    await capture('bankCardDeclined')
    await click(kiosk, 'back')
    await click(panel, 'pos-timeout')
    await click(kiosk, 'pay-card')
    await expectScreen(kiosk, 'bankCardTimeout')
    await capture('bankCardTimeout')
    await click(kiosk, 'back')
    await click(panel, 'pos-approve')
    await click(kiosk, 'pay-card')
    await expectScreen(kiosk, 'receipt')
    await capture('receipt-bank-card')
    await click(kiosk, 'done')
    await backToIdle()

    // The host link goes down: out of service on the attract screen; mid-session, no cash is taken.
    await click(panel, 'host-down')
    await expectScreen(kiosk, 'outOfService')
    await capture('outOfService')
    await click(panel, 'host-up')
    await backToIdle()
    await tap('9398000033334444')
    await expectScreen(kiosk, 'amount')
    await click(panel, 'host-down')
    await expectScreen(kiosk, 'serviceUnavailable')
    await capture('serviceUnavailable')
    await click(panel, 'host-up')
    await click(kiosk, 'cancel')
    await backToIdle()

    // The card reader cannot read the card: tap again or type the digits.
    const card = '9398000011112222'
    await click(panel, 'reader-read-error-fault')
    await tap(card)
    await expectScreen(kiosk, 'cardReadError')
    await capture('cardReadError')
    await click(panel, 'reader-ok')
    await click(kiosk, 'back')
    await expectScreen(kiosk, 'card')

    // The card typed, not on the reader: after payment the kiosk waits for it; it never comes, so the top-up stays pending.
    for (const d of card.slice(-8)) await click(kiosk, `keypad-${d}`)
    await click(kiosk, 'submit-card')
    await expectScreen(kiosk, 'amount')
    await click(kiosk, 'preset-1000')
    await click(kiosk, 'pay-cash')
    await expectScreen(kiosk, 'cash')
    await click(panel, 'insert-KZT-1000')
    await kiosk.getByTestId('confirm').and(kiosk.locator(':enabled')).waitFor()
    await click(kiosk, 'confirm')
    await expectScreen(kiosk, 'cardWrite')
    await capture('cardWrite-waiting')
    await expectScreen(kiosk, 'receipt')
    await kiosk.getByTestId('receipt-printed').waitFor()
    await capture('receipt-pending')
    await click(kiosk, 'done')
    await backToIdle()

    // The card's next tap writes the pending top-up onto it (slowly), then the amount screen says it is active.
    await tap(card)
    await kiosk.locator('[data-testid="screen-cardWrite"][data-phase="writing"]').waitFor()
    await capture('cardWrite-writing')
    await kiosk.getByTestId('pending-activated').waitFor()
    await capture('amount-activated')

    // The validator jams on the second note: the customer sees the note in doubt and the reference; the receipt names it.
    await click(kiosk, 'preset-5000')
    await click(kiosk, 'pay-cash')
    await expectScreen(kiosk, 'cash')
    await click(panel, 'insert-KZT-2000')
    await kiosk.getByTestId('stacked-notes').waitFor()
    await click(panel, 'validator-jam')
    await panel.getByTestId('validator-jam-armed').waitFor()
    await click(panel, 'insert-KZT-2000')
    await expectScreen(kiosk, 'billJam')
    await capture('billJam')
    if (language === 'en') await capture('technician-panel-jam', panel)
    await click(kiosk, 'done')
    await expectScreen(kiosk, 'receipt')
    await kiosk.getByTestId('receipt-in-doubt').waitFor()
    await kiosk.getByTestId('receipt-printed').waitFor()
    await capture('receipt-note-in-doubt')
    await click(kiosk, 'done')
    await backToIdle()
    // Until staff clear the jam, the next customer can pay by bank card only.
    await tap(card)
    await expectScreen(kiosk, 'amount')
    await click(kiosk, 'preset-1000')
    await kiosk.getByTestId('cash-unavailable-reason').waitFor()
    await capture('paymentMethod-cash-jammed')
    await click(panel, 'validator-ok')
    await click(kiosk, 'cancel')
    await backToIdle()
    if (language === 'en') await capture('technician-panel', panel)

    await kiosk.close()
    await panel.close()
    expect(problems).toEqual([])
  })
})
