/**
 * The speech mode in Chromium (issue 18), with the Web Speech API stubbed in the page: the button
 * (with its accessible name, on the attract screen too) starts it, and every screen is then read
 * in the screen's language with that language's voice; repeat, slower, the `*` key, the receipt's
 * amounts, and the note shown where the system has no voice for the language.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { axeViolations } from './axe'
import { expectScreen, screenshotTo, SCREENSHOTS, startVirtualHarness, type VirtualHarness } from './harness'

let h: VirtualHarness

beforeAll(async () => {
  h = await startVirtualHarness({ timeouts: { doneSeconds: 60 } }, { language: 'ru' })
})
afterAll(async () => {
  await h?.close()
})

/** A speech synthesis with Russian and English voices only, recording what it is asked to say. */
function stubSpeech(): void {
  const spoken: { text: string; lang: string; voice: string | null; rate: number; volume: number }[] = []
  const voices = [
    { lang: 'ru-RU', name: 'Russian', default: false, localService: true, voiceURI: 'ru' },
    { lang: 'en_US', name: 'English', default: true, localService: true, voiceURI: 'en' }
  ]
  class Utterance {
    lang = ''
    voice: { name: string } | null = null
    rate = 1
    volume = 1
    constructor(public text: string) {}
  }
  // Chromium's own are read-only accessors on Window: defined over on the window itself.
  Object.defineProperty(window, 'spoken', { value: spoken })
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true })
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      getVoices: () => voices,
      cancel: () => {},
      speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null, rate: u.rate, volume: u.volume })
    }
  })
}

/** A screenshot under artifacts/screenshots/modes/, with no axe violation in the mode. */
async function modes(page: Page, name: string): Promise<void> {
  await screenshotTo(page, join(SCREENSHOTS, 'modes'), name)
  expect(await axeViolations(page)).toEqual([])
}

/**
 * What covers what: the screen's heading, each of the speech strip's buttons and the screen's
 * actions (Back, Cancel, Continue) must be in view and on top across their middle.
 */
async function coveredThings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const things = [
      document.querySelector('main h1'),
      ...Array.from(document.querySelectorAll('[data-testid="speech-controls"] button')),
      ...Array.from(document.querySelectorAll('main .screen-actions button'))
    ]
    return things.flatMap((el) => {
      if (!(el instanceof HTMLElement)) return ['missing']
      const r = el.getBoundingClientRect()
      // The centre and two points on the middle line (a round button's corners are not its own).
      const points = [0.5, 0.15, 0.85].map((f) => [r.left + r.width * f, r.top + r.height / 2])
      const over = points.map(([x, y]) => document.elementFromPoint(x!, y!)).find((top) => !el.contains(top))
      return over === undefined
        ? []
        : [`${el.dataset.testid ?? el.tagName} under ${over?.closest('[data-testid]')?.getAttribute('data-testid') ?? over?.tagName}`]
    })
  })
}

const lastSpoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string; voice: string | null; rate: number }[] }).spoken.at(-1) ?? null)

describe('speech mode', () => {
  it('reads each screen aloud in its language, the receipt with its amounts', async () => {
    const kiosk = await h.newPage({ width: 1280, height: 800 })
    await kiosk.addInitScript(stubSpeech)
    await kiosk.goto(h.url)
    await expectScreen(kiosk, 'idle')

    // The attract screen's button, found by its accessible name in the kiosk's default language.
    await kiosk.getByRole('button', { name: 'Читать вслух' }).click()
    await expect.poll(() => lastSpoken(kiosk)).toMatchObject({ lang: 'ru-RU', voice: 'Russian', text: expect.stringContaining('Пополните транспортную карту') })
    // The speech strip sits in the page's flow: it covers no heading, and nothing covers it.
    expect(await coveredThings(kiosk)).toEqual([])
    await modes(kiosk, 'idle-speech')

    await h.act(() => kiosk.getByTestId('lang-en').click())
    await expect.poll(() => lastSpoken(kiosk)).toMatchObject({ lang: 'en-US', voice: 'English', text: expect.stringContaining('Top up your transit card') })

    h.runtime.send({ type: 'tapCard', number: '9398000033334444' })
    await h.settle()
    await expectScreen(kiosk, 'amount')
    await expect.poll(() => lastSpoken(kiosk).then((s) => s?.text)).toContain('How much do you want to add?')
    expect((await lastSpoken(kiosk))!.text).toMatch(/12,450\s₸/) // the balance
    expect(await coveredThings(kiosk)).toEqual([])

    await kiosk.getByTestId('speech-slower').click()
    const slower = await lastSpoken(kiosk)
    expect(slower!.rate).toBeLessThan(1)
    expect(slower!.text).toContain('How much do you want to add?')
    await kiosk.keyboard.press('*') // the keypad's key: read the screen again
    await expect.poll(async () => (await kiosk.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken.length)) >= 5).toBe(true)

    // High contrast and large text, photographed and checked by axe (contrast ratios included).
    await kiosk.getByTestId('contrast-toggle').click()
    await modes(kiosk, 'amount-speech-contrast')
    await kiosk.getByTestId('large-text-toggle').click()
    await modes(kiosk, 'amount-speech-contrast-large')
    expect(await coveredThings(kiosk)).toEqual([])
    await kiosk.setViewportSize({ width: 1080, height: 1920 })
    expect(await coveredThings(kiosk)).toEqual([])
    await modes(kiosk, 'amount-speech-contrast-large-portrait')
    await kiosk.setViewportSize({ width: 1280, height: 800 })
    await kiosk.getByTestId('contrast-toggle').click()
    await modes(kiosk, 'amount-speech-large')
    await kiosk.getByTestId('large-text-toggle').click()

    for (const intent of [
      { type: 'chooseAmount', kzt: 1000 },
      { type: 'payCash' },
      { type: 'insertBill', currency: 'KZT', value: 1000 },
      { type: 'confirm' }
    ] as const) {
      h.runtime.send(intent)
      await h.settle()
    }
    await expectScreen(kiosk, 'receipt')
    await expect.poll(() => lastSpoken(kiosk).then((s) => s?.text)).toMatch(/Receipt: 1,000\s₸ credited to your card\. Balance: 13,450\s₸\./)
    expect(await kiosk.getByTestId('speech-no-voice').count()).toBe(0)
    await kiosk.getByTestId('contrast-toggle').click()
    await modes(kiosk, 'receipt-contrast')
    await kiosk.getByTestId('large-text-toggle').click()
    await modes(kiosk, 'receipt-contrast-large')

    // No Chinese voice on this system: the screen says so, in Chinese.
    await h.act(() => kiosk.getByTestId('lang-zh').click())
    await expect.poll(() => kiosk.getByTestId('speech-no-voice').textContent()).toBe('本机没有中文语音，无法朗读屏幕。')
    expect((await lastSpoken(kiosk))!.lang).toBe('zh-CN')
    await kiosk.close()
  })
})
