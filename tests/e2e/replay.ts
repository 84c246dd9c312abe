/**
 * Plays a scenario (docs/scenarios.md) in Chromium through the web host, as people would: what the
 * customer does is clicked on the kiosk screen by data-testid; what the hardware and staff do goes
 * over the technician WebSocket (a power cut, in-process); `wait` moves the kiosk's virtual clock.
 * After every step time runs while the kiosk is still working, by the scenario runner's rule
 * (`stillWorking`); then the screen the page shows is read, and photographed when it changed —
 * and, if asked (`whileSettling`), so is each screen the step passes through on the way.
 *
 * It takes any scenario object — a file, a generated path — and reports like the headless runner
 * (`StepReport`s), with the screen as the browser showed it, so the two can be compared.
 */
import type { Browser, Page } from 'playwright-core'
import WebSocket from 'ws'
import { maskCardNumber } from '../../src/core/cards'
import { isCustomerIntent, type CustomerIntent, type Intent, type Language, type ScreenName } from '../../src/core/protocol'
import type { StepReport } from '../../src/core/scenario/runner'
import { cardEntryIntents, checkExpectation, latestTransaction, stepIntent, waitsThroughCardWrite } from '../../src/core/scenario/runRules'
import type { ActionStep, Expectation, Scenario } from '../../src/core/scenario/schema'
import { keyFromFragment, technicianSubprotocols } from '../../src/core/technicianKey'
import { screenshotTo, startVirtualHarness, type VirtualHarness } from './harness'

export interface ReplayOptions {
  /** The kiosk's default language: it starts in it and returns to it after every session (Russian unless given). */
  language?: Language
  /** Where the screenshots go: `NN-<screen>.png`, one for the first screen and one each time the screen changes. */
  screenshotDir: string
  /** Called after each screenshot, e.g. to check the page's layout. */
  onScreen?: (shot: ScreenShot, page: Page) => unknown
  /**
   * Also photograph the screens a step only passes through while it settles (a card lookup, a
   * bank-card payment, a credit): before each timer the kiosk's clock stands still until the page
   * shows its screen. The screen a step ends on is photographed as the step left it, even when
   * first seen on the way. Off unless set, so that the screenshots follow the steps' screens.
   */
  whileSettling?: boolean
  viewport?: { width: number; height: number }
}

export interface ScreenShot {
  screen: ScreenName
  /** The file name, e.g. `03-amount.png`. */
  file: string
  /** The index of the step that led to this screen; -1 for the first screen. */
  step: number
  /** Shown only while that step settled, not the screen it ended on (`whileSettling`). */
  settling?: true
}

export interface ReplayReport {
  name: string
  ok: boolean
  /** One per step played, as the headless runner reports them; `screen` is what the browser showed. */
  steps: StepReport[]
  screenshots: ScreenShot[]
}

/** How long (real time) the page may take to show the kiosk's view, and a button to become clickable. */
const PAGE_TIMEOUT_MS = 5_000

/** The button a customer intent is clicked on. */
export function testIdOf(intent: CustomerIntent): string {
  switch (intent.type) {
    case 'language':
      return `lang-${intent.code}`
    case 'keypad':
      return `keypad-${intent.key}`
    case 'chooseAmount':
      return `preset-${intent.kzt}`
    default:
      // submitCard → submit-card, payCash → pay-cash, moreTime → more-time, confirm → confirm …
      return intent.type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
  }
}

/**
 * Plays `scenario` on a fresh kiosk set up as it says (its config and cards, the scenario runner's
 * clock start) behind a web host, in a page of `browser`; stops at the first step that is not
 * possible or whose expectation fails, as the runner does.
 */
export async function replayInBrowser(browser: Browser, scenario: Scenario, options: ReplayOptions): Promise<ReplayReport> {
  const h = await startVirtualHarness(scenario.config, {
    browser,
    ...(scenario.cards ? { cards: scenario.cards } : {}),
    ...(options.language ? { language: options.language } : {})
  })
  const technician = new WebSocket(`${h.url.replace(/^http/, 'ws')}ws?role=technician`, technicianSubprotocols(keyFromFragment(new URL(h.technicianUrl).hash)!))
  try {
    await new Promise((resolve, reject) => technician.once('open', resolve).once('error', reject))
    const page = await h.newPage(options.viewport)
    const replay = new Replay(h, page, technician, scenario, options)
    await page.goto(h.url)
    return await replay.run()
  } finally {
    technician.close()
    await h.close()
  }
}

class Replay {
  private readonly shots: ScreenShot[] = []
  /** The screen the page shows now. */
  private screen: ScreenName = 'idle'
  /** The card of the session, for a `tapCard` without a number (as the runner keeps it). */
  private sessionCard: string | null = null
  /** The last view the page received from the web host (its JSON). */
  private lastFrame = ''

  constructor(
    private readonly h: VirtualHarness,
    private readonly page: Page,
    private readonly technician: WebSocket,
    private readonly scenario: Scenario,
    private readonly options: ReplayOptions
  ) {
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload.startsWith('{"type":"view"')) this.lastFrame = payload
      })
    })
  }

  async run(): Promise<ReplayReport> {
    await this.observe(-1)
    const steps: StepReport[] = []
    for (const [index, step] of this.scenario.steps.entries()) {
      const report = 'expect' in step ? this.check(step.expect, index) : await this.play(step, index)
      steps.push(report)
      if (!report.ok) break
    }
    return { name: this.scenario.name, ok: steps.length === this.scenario.steps.length && steps.every((s) => s.ok), steps, screenshots: this.shots }
  }

  private async play(step: ActionStep, index: number): Promise<StepReport> {
    const error = await this.perform(step)
    const beforeTimer = async () => {
      if (this.h.runtime.view().screen !== this.screen) await this.observe(index, true)
    }
    await this.h.settle({ throughCardWrite: waitsThroughCardWrite(this.scenario.steps, index), ...(this.options.whileSettling ? { beforeTimer } : {}) })
    const card = this.h.runtime.snapshot().context.card
    if (card) this.sessionCard = card.number
    await this.observe(index)
    return { index, do: step.do, ok: error === null, screen: this.screen, ...(error ? { error } : {}) }
  }

  private check(expect: Expectation, index: number): StepReport {
    const { language } = this.h.runtime.view()
    const card = this.sessionCard ? this.h.runtime.technicianView().cards.find((c) => c.masked === maskCardNumber(this.sessionCard!)) : undefined
    const failures = checkExpectation(expect, {
      screen: this.screen,
      language,
      balanceKzt: card?.balanceKzt ?? null,
      ...latestTransaction(this.h.journal(), this.scenario.config)
    })
    return { index, expect, ok: failures.length === 0, screen: this.screen, ...(failures.length ? { error: failures.join('; ') } : {}) }
  }

  /** Does one step; returns why it was not possible, or null. */
  private async perform(step: ActionStep): Promise<string | null> {
    if (step.do === 'wait') {
      await this.h.clock.advance(step.seconds * 1000)
      return null
    }
    if (step.do === 'powerCut') {
      this.h.powerCut()
      return null
    }
    if (step.do === 'restoreJournal') {
      this.h.restoreJournal(step.dropLast)
      return null
    }
    if (step.do === 'enterCard') {
      const screen = () => this.h.runtime.view().screen
      if (screen() === 'idle') await this.customer({ type: 'start' })
      if (screen() !== 'card') return `"enterCard" is not possible on the ${screen()} screen`
      return this.customers(cardEntryIntents(step.digits) as CustomerIntent[])
    }
    if (step.do === 'serviceLogin') {
      // Staff's steps go over the technician's socket as the panel would send them (the screens show their outcome).
      const screen = () => this.h.runtime.view().screen
      if (screen() !== 'servicePin') {
        const error = await this.hardware({ type: 'serviceEntry' })
        if (error) return error
      }
      if (screen() !== 'servicePin') return `service entry waits: the ${screen()} screen is a customer's (or entry is locked)`
      return this.hardware({ type: 'servicePin', pin: step.pin })
    }
    const intent = stepIntent(step, this.sessionCard)
    if (!intent) return '"tapCard" without a number needs a card identified earlier in the scenario'
    return isCustomerIntent(intent) ? this.customer(intent) : this.hardware(intent)
  }

  /** Clicks the intent's button on the kiosk screen. */
  private async customer(intent: CustomerIntent): Promise<string | null> {
    const kiosk = this.h.runtime
    // Not possible here: the screen offers no button for it. The kiosk answers as it answers the runner.
    if (!kiosk.isPossible(intent)) return answer(kiosk.send(intent))
    // Any amount but a preset is typed on the amount keypad: that is how a customer chooses it.
    if (intent.type === 'chooseAmount' && !(await this.page.getByTestId(testIdOf(intent)).isVisible())) {
      const clear: CustomerIntent[] = kiosk.view().amountEntry ? [{ type: 'keypad', key: 'clear' }] : []
      return this.customers([
        ...clear,
        ...[...String(intent.kzt)].map((key): CustomerIntent => ({ type: 'keypad', key: key as '0' })),
        { type: 'submitAmount' }
      ])
    }
    const id = testIdOf(intent)
    const [result] = await this.h.act(() =>
      this.page
        .getByTestId(id)
        .first()
        .click({ timeout: PAGE_TIMEOUT_MS })
        .catch((err: Error) => {
          throw new Error(
            `the kiosk takes "${intent.type}" on the ${kiosk.view().screen} screen, but the page offers no clickable [data-testid=${id}]: ${err.message.split('\n')[0]}`
          )
        })
    )
    return answer(result!)
  }

  /** Clicks one button after another; the kiosk's answer to the last (as the runner's enterCard). */
  private async customers(intents: CustomerIntent[]): Promise<string | null> {
    let error: string | null = null
    for (const intent of intents) error = await this.customer(intent)
    return error
  }

  /** Sends a hardware or staff control over the technician WebSocket, as the technician panel does. */
  private async hardware(intent: Intent): Promise<string | null> {
    const [result] = await this.h.act(
      () => new Promise<void>((resolve, reject) => this.technician.send(JSON.stringify(intent), (err) => (err ? reject(err) : resolve())))
    )
    return answer(result!)
  }

  /** Waits until the page shows the kiosk's current view, reads its screen, and photographs it when it changed. */
  private async observe(step: number, settling = false): Promise<void> {
    const view = this.h.runtime.view()
    const frame = JSON.stringify({ type: 'view', view })
    const deadline = Date.now() + PAGE_TIMEOUT_MS
    while (this.lastFrame !== frame) {
      if (Date.now() > deadline)
        throw new Error(`after step ${step} the page did not receive the kiosk's view (${view.screen} screen) within ${PAGE_TIMEOUT_MS} ms`)
      await new Promise((r) => setTimeout(r, 5))
    }
    await this.page
      .getByTestId(`screen-${view.screen}`)
      .waitFor({ timeout: PAGE_TIMEOUT_MS })
      .catch(() => {}) // the screen the page shows instead is read and reported below
    // Let the page render every message it has received.
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    const shown = await this.page.locator('main.kiosk-main > [data-testid^="screen-"]').first().getAttribute('data-testid', { timeout: PAGE_TIMEOUT_MS })
    const screen = (shown ?? '').replace(/^screen-/, '') as ScreenName
    const changed = this.shots.length === 0 || screen !== this.screen
    this.screen = screen
    // The screen the step ends on, first seen while it settled (a receipt while it prints): photographed again as the step left it.
    const rests = !changed && !settling && this.shots.at(-1)!.settling
    if (!changed && !rests) return
    const file = rests ? this.shots.pop()!.file : `${String(this.shots.length + 1).padStart(2, '0')}-${screen}.png`
    const shot: ScreenShot = { screen, file, step, ...(settling ? { settling: true as const } : {}) }
    await screenshotTo(this.page, this.options.screenshotDir, file.replace(/\.png$/, ''))
    this.shots.push(shot)
    await this.options.onScreen?.(shot, this.page)
  }
}

const answer = (result: { ok: true } | { ok: false; error: string }): string | null => (result.ok ? null : result.error)
