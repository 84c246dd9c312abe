/**
 * Browser-test harness: the real web host (built renderer, SQLite journal) in this process and
 * Debian's Chromium driven by playwright-core.
 *
 * `startHarness` runs the kiosk on the real clock, as the web host does. `startVirtualHarness` runs
 * it on a virtual clock the test moves (`clock.advance`, `settle`, `advanceUntil`): the kiosk's
 * timers, device latencies and timeouts take no real time, and a screen stays put until the test
 * moves time on — so transient screens can be photographed without slowing the kiosk down.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { SCENARIO_START } from '../../src/cli/main'
import type { CardRecord } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import type { JournalRecord } from '../../src/core/journal'
import type { Kiosk } from '../../src/core/kiosk'
import type { Intent, KioskView, Language } from '../../src/core/protocol'
import type { KioskRuntime, SendResult } from '../../src/core/runtime'
import { SETTLE_LIMIT_MS, stillWorking } from '../../src/core/scenario/runRules'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { SqliteJournal } from '../../src/node/sqliteJournal'
import { startWebHost, type WebHost } from '../../src/hosts/webServer'
import { CHROMIUM, launchChromium } from './chromium'

export { launchChromium } from './chromium'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots')
/** How long (real time) the harness waits for a click in the browser to reach the kiosk. */
const INTENT_TIMEOUT_MS = 10_000

type Viewport = { width: number; height: number }

export interface Harness {
  url: string
  /** The technician panel's address with the key, as the web host printed it. */
  technicianUrl: string
  /** Every line the web host logged. */
  logs: string[]
  browser: Browser
  /** The kiosk behind the web host (after a power cut, the one that started from the journal). */
  readonly runtime: Kiosk
  /** A new browser page (its own context), not yet navigated. */
  newPage(viewport?: Viewport): Promise<Page>
  /** Every record in the kiosk's journal (as written to its file so far). */
  journal(): JournalRecord[]
  close(): Promise<void>
}

export interface VirtualHarness extends Harness {
  clock: BrowserSyncedClock
  /**
   * Does `action` in the browser (a click, a key) and waits until the kiosk has received the
   * `count` intents it sends, then lets the kiosk's promises settle. No virtual time passes.
   * Returns the kiosk's answers to those intents.
   */
  act(action: () => Promise<unknown>, count?: number): Promise<SendResult[]>
  /** Moves virtual time on, timer by timer, until `done(view)` holds; throws if it does not within `limitMs`. */
  advanceUntil(done: (view: KioskView) => boolean, limitMs?: number): Promise<void>
  /**
   * Moves virtual time on while a device or the host is still working on the last action (the
   * scenario runner's rule: a note being stacked, a card lookup, a credit, a print …).
   * `beforeTimer` is awaited before each timer it lets fire: time stands still while it runs.
   */
  settle(options?: { throughCardWrite?: boolean; beforeTimer?: () => Promise<void> }): Promise<void>
  /** The power goes and the kiosk starts again at once from its journal, behind the same web host. */
  powerCut(): void
  /** The power goes and the kiosk starts again on an older copy of its journal (its last `dropLast` records gone, its head kept). */
  restoreJournal(dropLast: number): void
}

export interface HarnessOptions {
  /** The cards the host starts with (the demo cards unless given). */
  cards?: readonly CardRecord[]
  /** A Chromium to share (its owner closes it); the harness launches its own otherwise. */
  browser?: Browser
  /** The kiosk's default screen language (Russian unless given). */
  language?: Language
}

/**
 * A virtual clock that keeps the browser's `Date` in step: before it moves time on, every page it
 * watches is set to the time it is moving to, so a countdown the renderer computes from a view
 * (the cash screen's rate lock) reads the kiosk's time, never the wall clock's.
 */
export class BrowserSyncedClock extends VirtualClock {
  private readonly pages = new Set<Page>()
  private pageTime: number

  constructor(start: number) {
    super(start)
    this.pageTime = start
  }

  /** Fixes the page's `Date` to this clock's time from now on (call before navigating). */
  async watch(page: Page): Promise<void> {
    this.pages.add(page)
    page.once('close', () => this.pages.delete(page))
    await page.clock.setFixedTime(this.now())
  }

  override async advance(ms: number): Promise<void> {
    const target = this.now() + ms
    if (target !== this.pageTime) {
      this.pageTime = target
      await Promise.all([...this.pages].map((page) => page.clock.setFixedTime(target)))
    }
    await super.advance(ms)
  }
}

/**
 * What the web host talks to: forwards to the current kiosk, keeps the kiosk's answer to every
 * intent that reaches it (so a test knows a click has arrived) and survives a power cut (the new
 * kiosk takes over).
 */
class KioskRelay implements KioskRuntime {
  readonly answers: SendResult[] = []
  private readonly listeners = new Set<() => void>()
  private unsubscribe: () => void

  constructor(public kiosk: Kiosk) {
    this.unsubscribe = kiosk.subscribe(() => this.notify())
  }

  send(intent: Intent): SendResult {
    const answer = this.kiosk.send(intent)
    this.answers.push(answer)
    return answer
  }

  view(): KioskView {
    return this.kiosk.view()
  }

  technicianView() {
    return this.kiosk.technicianView()
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  replace(next: Kiosk): void {
    this.unsubscribe()
    this.kiosk = next
    this.unsubscribe = next.subscribe(() => this.notify())
    this.notify()
  }

  stop(): void {
    this.unsubscribe()
    this.kiosk.stop()
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }
}

async function launch(configOverride: unknown, options: HarnessOptions & { clock?: BrowserSyncedClock }) {
  const rendererDir = join(ROOT, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('out/renderer is missing: run "npx electron-vite build" (npm test does it) before the browser tests')
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`)
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'))
  const { clock, cards, language } = options
  const create = () => createNodeKiosk({ dataDir, configOverride, ...(clock ? { clock } : {}), ...(cards ? { cards } : {}), ...(language ? { language } : {}) })
  const relay = new KioskRelay(create())
  /** Kiosks stopped by a power cut: their journal and host connections stay open until the end, as after a real one. */
  const cut: Kiosk[] = []
  const logs: string[] = []
  const host: WebHost = await startWebHost({ runtime: relay, rendererDir, port: 0, log: (line) => logs.push(line) })
  const browser = options.browser ?? (await launchChromium())
  const pages: Page[] = []
  const harness: Harness = {
    url: host.url,
    // As a trainer does: the link the web host printed.
    technicianUrl: logs.find((l) => l.startsWith('Technician panel: '))!.slice('Technician panel: '.length),
    logs,
    browser,
    get runtime() {
      return relay.kiosk
    },
    newPage: async (viewport = { width: 1280, height: 800 }) => {
      const page = await browser.newPage({ viewport })
      pages.push(page)
      await clock?.watch(page)
      return page
    },
    journal: () => {
      const journal = new SqliteJournal(join(dataDir, 'journal.sqlite'))
      try {
        return journal.all()
      } finally {
        journal.close()
      }
    },
    close: async () => {
      if (options.browser) await Promise.all(pages.map((page) => page.context().close()))
      else await browser.close()
      await host.close()
      relay.stop()
      for (const kiosk of cut) kiosk.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  const powerCut = () => {
    relay.kiosk.powerCut()
    cut.push(relay.kiosk)
    relay.replace(create())
  }
  const restoreJournal = (dropLast: number) => {
    relay.kiosk.powerCut()
    cut.push(relay.kiosk)
    // The file swapped for an older copy of itself, as an operator restoring a backup would; the head file beside it stays.
    const journal = new SqliteJournal(join(dataDir, 'journal.sqlite'))
    journal.restoreOlderCopy(dropLast)
    journal.close()
    relay.replace(create())
  }
  return { harness, relay, powerCut, restoreJournal }
}

/** The web host on the real clock, as `npm run web` runs it. */
export async function startHarness(configOverride: unknown = {}, options: HarnessOptions = {}): Promise<Harness> {
  return (await launch(configOverride, options)).harness
}

/** The web host on a virtual clock that only the test moves (see the file comment). */
export async function startVirtualHarness(configOverride: unknown = {}, options: HarnessOptions = {}): Promise<VirtualHarness> {
  const clock = new BrowserSyncedClock(SCENARIO_START)
  const { harness, relay, powerCut, restoreJournal } = await launch(configOverride, { ...options, clock })
  /** Moves time on, timer by timer, while `busy()` holds and a timer is due within `limitMs`; whether it still holds. */
  const advanceWhile = async (busy: () => boolean, limitMs: number, beforeTimer?: () => Promise<void>): Promise<boolean> => {
    const limit = clock.now() + limitMs
    await clock.advance(0)
    while (busy()) {
      const due = clock.nextDue()
      if (due === null || due > limit) return true
      await beforeTimer?.()
      await clock.advance(due - clock.now())
    }
    return false
  }
  return Object.assign(harness, {
    clock,
    powerCut,
    restoreJournal,
    act: async (action: () => Promise<unknown>, count = 1) => {
      const from = relay.answers.length
      await action()
      const deadline = Date.now() + INTENT_TIMEOUT_MS
      while (relay.answers.length < from + count) {
        if (Date.now() > deadline)
          throw new Error(
            `the kiosk received ${relay.answers.length - from} of the ${count} intent(s) the browser action should send (screen ${relay.view().screen}; ` +
              'a tap within 400 ms of a screen change, where the last tap landed, is swallowed by the tap guard)'
          )
        await new Promise((r) => setTimeout(r, 2))
      }
      await clock.advance(0)
      return relay.answers.slice(from, from + count)
    },
    advanceUntil: async (done: (view: KioskView) => boolean, limitMs = SETTLE_LIMIT_MS) => {
      if (await advanceWhile(() => !done(relay.view()), limitMs))
        throw new Error(`${limitMs} ms of virtual time passed and the kiosk never showed the awaited view (screen ${relay.view().screen})`)
    },
    settle: async ({ throughCardWrite = true, beforeTimer }: { throughCardWrite?: boolean; beforeTimer?: () => Promise<void> } = {}) => {
      await advanceWhile(() => isBusy(relay.kiosk, throughCardWrite), SETTLE_LIMIT_MS, beforeTimer)
    }
  })
}

/** The scenario runner's notion of a kiosk still working on the last step, read from the live kiosk. */
export function isBusy(kiosk: Kiosk, throughCardWrite: boolean): boolean {
  const snapshot = kiosk.snapshot()
  return stillWorking(
    {
      screen: kiosk.view().screen,
      validator: String(kiosk.validator().getSnapshot().value),
      cardWriting: kiosk.cardReader().getSnapshot().matches('writing'),
      printing: kiosk.printer.busy,
      quoting: snapshot.matches({ session: { flow: { cash: 'quoting' } } }),
      confirmingActivation: snapshot.matches({ session: { flow: 'confirmingActivation' } })
    },
    throughCardWrite
  )
}

/** Opens the kiosk screen and the technician panel side by side, as a trainer would. */
export async function openKioskAndPanel(h: Harness, viewport = { width: 1280, height: 800 }) {
  const kiosk = await h.newPage(viewport)
  const panel = await h.newPage({ width: 1400, height: 1000 })
  await kiosk.goto(h.url)
  await panel.goto(h.technicianUrl)
  await kiosk.getByTestId('screen-idle').waitFor()
  return { kiosk, panel }
}

/** The technician panel's test id of a card's Tap button: it shows the card masked (`9398 •••• •••• 2222` → `tap-9398-2222`). */
export function tapButton(number: string): string {
  return `tap-${number.slice(0, 4)}-${number.slice(-4)}`
}

export async function expectScreen(page: Page, screen: string): Promise<void> {
  await page.getByTestId(`screen-${screen}`).waitFor({ state: 'visible', timeout: 10_000 })
}

/** Layout problems a person would see: content wider or taller than the screen, clipped text. */
export async function layoutProblems(page: Page, options: { scrolls?: boolean } = {}): Promise<string[]> {
  return page.evaluate((scrolls) => {
    const problems: string[] = []
    const { innerWidth, innerHeight } = window
    const root = document.documentElement
    if (root.scrollWidth > innerWidth + 1) problems.push(`page is ${root.scrollWidth}px wide, screen ${innerWidth}px`)
    if (!scrolls && root.scrollHeight > innerHeight + 1) problems.push(`page is ${root.scrollHeight}px tall, screen ${innerHeight}px`)
    // The kiosk's main area may not scroll either: a kiosk screen has no scroll bar to find.
    for (const main of Array.from(document.querySelectorAll<HTMLElement>('.kiosk-main'))) {
      if (!scrolls && main.scrollHeight > main.clientHeight + 1) problems.push(`main area scrolls: ${main.scrollHeight}px in ${main.clientHeight}px`)
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el)
      // Text for screen readers only (.sr-only) is clipped on purpose.
      if (style.display === 'none' || style.visibility === 'hidden' || !el.textContent?.trim() || el.classList.contains('sr-only')) continue
      const clipsX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis'
      const clipsY = ['hidden', 'clip'].includes(style.overflowY)
      if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1))
        problems.push(`clipped text: "${el.textContent.trim().slice(0, 40)}"`)
      const box = el.getBoundingClientRect()
      if (box.width > 0 && (box.right > innerWidth + 1 || box.left < -1))
        problems.push(`off screen: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}"`)
    }
    return [...new Set(problems)].slice(0, 10)
  }, options.scrolls ?? false)
}

/**
 * Text that looks like an untranslated message key (`screen.card.title`). The receipt drawn as SVG is
 * left out: its text is the core's receipt document (its labels are tested there), and its e-receipt
 * address (receipts.demo-transit.kz) would look like a key.
 */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const receipts = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="receipt-svg"]'))
    for (const r of receipts) r.style.display = 'none'
    const shown = document.body.innerText
    for (const r of receipts) r.style.display = ''
    return shown
  })
  return text.match(/\b[a-z][A-Za-z]+(?:\.[a-z][A-Za-z0-9]+){1,}\b/g) ?? []
}

/** Saves a screenshot as `<dir>/<name>.png` once the page's fonts have loaded. */
/**
 * Screenshots are taken only when asked for (`npm run screenshots` sets KIOSK_SCREENSHOTS=1): Chromium's PNG of a
 * 1920×1080 page costs more than the layout and axe checks of the same screen, and `npm test` keeps to CI's budget.
 */
export const TAKE_SCREENSHOTS = process.env.KIOSK_SCREENSHOTS === '1'

export async function screenshotTo(page: Page, dir: string, name: string): Promise<void> {
  if (!TAKE_SCREENSHOTS) return
  mkdirSync(dir, { recursive: true })
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(dir, `${name}.png`) })
}

export async function screenshot(page: Page, language: string, name: string): Promise<void> {
  await screenshotTo(page, join(SCREENSHOTS, language), name)
}
