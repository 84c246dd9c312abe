/**
 * `npm run bench:tap [-- --rounds N]`: tap to paint in Chromium. The web host over a real kiosk
 * (real clock, SQLite journal), as the browser tests start it; a customer's taps on the kiosk page
 * through four real flows a round (card on the reader, preset, cash; typed card number, typed
 * amount, bank card; back and cancel; cancel on the cash screen), the hardware (card reader,
 * notes) played in-process as the technician panel would. Each tap is measured inside the page
 * (scripts/tapPaintBenchProbe.ts) from the pointerdown's `event.timeStamp` to the frame painted
 * after the DOM shows its answer. In the same run and the same browser, as many taps on an empty
 * page whose button changes a line of text: the floor a tap can reach in this browser. Needs the
 * built renderer (`npx electron-vite build`). docs/benchmarks.md says how to read it.
 */
import { parseScriptArgs } from './scriptArgs'
import type { Locator, Page } from 'playwright-core'
import type { Intent } from '../src/core/protocol'
import { checkBrowserBench, launchBenchChromium, machine, percentiles, startBenchKiosk, type BenchKiosk, type Percentiles } from './browserBenchKit'
import { EMPTY_PAGE, TAP_PROBE } from './tapPaintBenchProbe'
import { wholeNumberOption } from './wholeNumberOption'

/** The probe's times for one tap, in ms from the pointerdown's timeStamp. */
interface TapTimes {
  painted: number
  frame: number
  dom: number
  handler: number
}
type Kind = 'new screen' | 'same screen' | 'empty page'

const { values } = parseScriptArgs({ options: { rounds: { type: 'string', default: '12' } } })
const rounds = wholeNumberOption('rounds', values.rounds)
checkBrowserBench('bench:tap')

const samples: { kind: Kind; label: string; times: TapTimes }[] = []
/** Which screen answered (new screen) or which element changed (same screen), by what the probe watched. */
const what = { 'new screen': 'screen', 'same screen': '' } as const

/**
 * Taps `target` (a real pointer: Playwright's click) and records the probe's times. With
 * `withinMs`, a target that goes away by itself first (the receipt screen moves on after a few
 * seconds) is not tapped, and nothing is recorded.
 */
async function tap(page: Page, target: Locator, kind: Kind, watch: string, label: string, withinMs?: number): Promise<void> {
  await page.evaluate(`window.__tapProbe.arm(${JSON.stringify(watch)})`)
  const result = page.evaluate(`window.__tapProbe.result(15000)`) as Promise<TapTimes>
  result.catch(() => {})
  try {
    await target.click(withinMs === undefined ? {} : { timeout: withinMs })
  } catch (err) {
    if (withinMs === undefined) throw err
    return
  }
  samples.push({ kind, label, times: await result })
}

/** A customer's session on the kiosk page; `k` is the kiosk behind it, for the hardware. */
class Customer {
  constructor(
    private readonly page: Page,
    private readonly k: BenchKiosk
  ) {}

  /** A tap that should bring a new screen (if the button is still there within `withinMs`, when given). */
  next(testid: string, withinMs?: number): Promise<void> {
    return tap(this.page, this.page.getByTestId(testid), 'new screen', what['new screen'], testid, withinMs)
  }

  /** A tap whose answer shows on the same screen, in the element `watched`. */
  same(testid: string, watched: string): Promise<void> {
    return tap(this.page, this.page.getByTestId(testid), 'same screen', `text:[data-testid="${watched}"]`, testid)
  }

  preset(): Promise<void> {
    return tap(this.page, this.page.locator('[data-testid^="preset-"]').first(), 'new screen', 'screen', 'preset')
  }

  async language(code: string): Promise<void> {
    await tap(this.page, this.page.getByTestId(`lang-${code}`), 'same screen', 'lang', 'language')
  }

  hardware(intent: Intent): void {
    const answer = this.k.kiosk.send(intent)
    if (!answer.ok) throw new Error(`${intent.type}: ${answer.error} (screen ${this.k.kiosk.view().screen})`)
  }

  async shown(screen: string): Promise<void> {
    await this.page.getByTestId(`screen-${screen}`).waitFor({ timeout: 20_000 })
  }

  /** Notes until the amount is paid (each one stacked before the next, as a customer waits for the screen). */
  async payInNotes(): Promise<void> {
    for (let n = 0; n < 10 && !this.k.kiosk.view().canConfirm; n++) {
      const before = this.k.kiosk.view().cash?.stacked.length ?? 0
      this.hardware({ type: 'insertBill', currency: 'KZT', value: 1000 })
      while ((this.k.kiosk.view().cash?.stacked.length ?? 0) === before) await new Promise((r) => setTimeout(r, 20))
    }
  }

  /** From the receipt: the card taken, Done (unless the receipt screen has moved on by itself), and back to the attract screen. */
  async finish(): Promise<void> {
    await this.shown('receipt')
    this.hardware({ type: 'removeCard' })
    await this.next('done', 1_500)
    await this.shown('idle')
  }
}

const LANGUAGES = ['en', 'kk', 'zh'] as const
const CARDS = [
  { number: '9398000011112222', last8: '11112222' },
  { number: '9398000033334444', last8: '33334444' }
]

async function round(c: Customer, i: number): Promise<void> {
  const card = CARDS[i % CARDS.length]!
  // A card on the reader, a preset amount, cash.
  await c.language(LANGUAGES[i % LANGUAGES.length]!)
  c.hardware({ type: 'tapCard', number: card.number })
  await c.shown('amount')
  await c.preset()
  await c.next('pay-cash')
  await c.shown('cash')
  await c.payInNotes()
  await c.next('confirm')
  await c.finish()
  // The card number typed, the amount typed, a bank card; the card put on the reader to be written.
  await c.next('start')
  for (const digit of card.last8) await c.same(`keypad-${digit}`, 'card-entry')
  await c.next('submit-card')
  await c.shown('amount')
  for (const digit of '1500') await c.same(`keypad-${digit}`, 'amount-entry')
  await c.next('submit-amount')
  await c.next('pay-card')
  await c.shown('cardWrite')
  c.hardware({ type: 'tapCard', number: card.number })
  await c.finish()
  // Back from the payment method, then cancel; cancel on the cash screen before any note.
  for (const path of [
    ['back', 'cancel'],
    ['pay-cash', 'cancel']
  ]) {
    c.hardware({ type: 'tapCard', number: card.number })
    await c.shown('amount')
    await c.preset()
    for (const testid of path) await c.next(testid)
    c.hardware({ type: 'removeCard' })
    await c.shown('idle')
  }
}

/** `count` taps on the empty page's button, a few ms apart at random (so they fall anywhere in a frame, as the kiosk's do). */
async function emptyTaps(page: Page, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 40))
    await tap(page, page.locator('#tap'), 'empty page', 'text:#count', 'empty')
  }
}

const browser = await launchBenchChromium()
const k = await startBenchKiosk()
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript({ content: TAP_PROBE })
  const kioskPage = await context.newPage()
  await kioskPage.goto(k.url)
  await kioskPage.getByTestId('screen-idle').waitFor()
  const emptyPage = await context.newPage()
  await emptyPage.route('**/empty-page.html', (route) => route.fulfill({ contentType: 'text/html', body: EMPTY_PAGE }))
  await emptyPage.goto(new URL('/empty-page.html', k.url).href)
  const customer = new Customer(kioskPage, k)
  // A warm-up round on each page, not counted (JIT, fonts, first layouts).
  await round(customer, 0)
  await emptyTaps(emptyPage, 10)
  samples.length = 0
  for (let i = 0; i < rounds; i++) {
    const before = samples.length
    await kioskPage.bringToFront()
    await round(customer, i + 1)
    // As many empty-page taps as kiosk taps in this round, interleaved, so that both see the same load.
    await emptyPage.bringToFront()
    await emptyTaps(emptyPage, samples.length - before)
    process.stdout.write(`\rround ${i + 1}/${rounds}: ${samples.length} taps`)
  }
  process.stdout.write('\n')
} finally {
  await browser.close()
  await k.close()
}

const of = (kind: Kind, field: keyof TapTimes = 'painted'): Percentiles => percentiles(samples.filter((s) => s.kind === kind).map((s) => s.times[field]))
const f = (ms: number) => ms.toFixed(1).padStart(7)
const row = (name: string, p: Percentiles) => `${name.padEnd(34)}${String(p.count).padStart(6)}${f(p.p50)}${f(p.p95)}${f(p.p99)}${f(p.max)}`
const empty = of('empty page')
const screens = of('new screen')
console.log(`tap to paint: ${rounds} rounds of 4 customer flows; Chromium (--no-sandbox --disable-gpu), viewport 1280×800; ${machine()}`)
console.log(`${''.padEnd(34)}  taps    p50    p95    p99    max  (ms from pointerdown)`)
console.log(row('kiosk: a new screen, painted', screens))
console.log(row('kiosk: a new screen, in the DOM', of('new screen', 'dom')))
console.log(row('kiosk: same screen, painted', of('same screen')))
console.log(row('empty page: text changed, painted', empty))
const ratio = (a: number, b: number) => (a / b).toFixed(2)
console.log(
  `ratio (a new screen / the empty page): p50 ${ratio(screens.p50, empty.p50)}×, p95 ${ratio(screens.p95, empty.p95)}×, p99 ${ratio(screens.p99, empty.p99)}×`
)
const byLabel = new Map<string, number[]>()
for (const s of samples.filter((s) => s.kind === 'new screen')) byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s.times.painted])
console.log(`p50 by button: ${[...byLabel].map(([label, ms]) => `${label} ${percentiles(ms).p50.toFixed(1)}`).join(', ')}`)
