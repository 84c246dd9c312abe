/**
 * Live mode: `kiosk-sim run FILE --url URL` plays a scenario on a running kiosk (the web host,
 * `npm run web`, with the technician URL it printed) in real time, so a trainer watches it on the
 * kiosk screen. It speaks the
 * documented protocol (docs/protocol.md) as the technician panel does: intents out, and back the
 * technician views the host pushes after every change. The step → intent mapping, the rule for when
 * a step has settled and the expectation check are the headless runner's (src/core/scenario/runRules.ts);
 * only the clock (real) and what the player sees (views, not the core) differ. docs/scenarios.md
 * "Live mode" describes the rules.
 */
import { maskCardNumber } from '../core/cards'
import { INTENT_TYPES as PROTOCOL_INTENT_TYPES, type TapCard } from '../core/protocol'
import { summarizeTransactions, type TransactionSummary } from '../core/report'
import type { ScenarioReport, StepReport } from '../core/scenario/runner'
import { NOTE_IN_FLIGHT_HEADLESS } from '../core/testing/liveSafe'
import { cardEntryIntents, checkExpectation, latestTransaction, stepIntent, waitsThroughCardWrite } from '../core/scenario/runRules'
import type { ActionStep, Expectation, Scenario, Step } from '../core/scenario/schema'
import { KioskLink, kioskSocketUrl, LinkClosed, settleLink, LiveError } from './kioskLink'
import { startWarnings } from './liveWarnings'

/** How long an `expect` step waits for its expectation to hold, unless --timeout says otherwise. */
export const DEFAULT_EXPECT_TIMEOUT_MS = 5_000
/** After a step, the kiosk must also have been quiet (no new view) this long before the next step. */

export interface LiveOptions {
  /** The technician URL the web host printed, or its ws:// or wss:// address; read by kioskSocketUrl. */
  url: string
  /** How long an `expect` step waits for its expectation to hold (ms). */
  expectTimeoutMs?: number
  /** Told each warning as soon as it is known (they are in the report too). */
  warn?: (line: string) => void
}

/** A live run sees only its own records: the kiosk's collections and counters before it are not known, so it reports neither. */
export interface LiveReport extends Omit<ScenarioReport, 'collections' | 'counters' | 'shiftReports' | 'cards'> {
  /** By masked number; a kiosk on a remote host knows a balance once that host answered for the card (null before). */
  cards: Record<string, { balanceKzt: number | null }>
  /** The WebSocket the scenario was played on (without the technician key). */
  url: string
  /** What may make the run differ from the headless one: the scenario's config and cards, faults left on, a session in progress. */
  warnings: string[]
}

/** Every intent type the protocol carries: a step whose verb is none of them (nor wait or enterCard) can only be played headless. */
const INTENT_TYPES: ReadonlySet<string> = new Set(PROTOCOL_INTENT_TYPES)

/** Plays `scenario` on the running kiosk at `options.url`; throws LiveError when it cannot start. */
export async function playLive(scenario: Scenario, options: LiveOptions): Promise<LiveReport> {
  scenario.steps.forEach((step, index) => {
    if ('do' in step && step.do !== 'wait' && step.do !== 'enterCard' && !INTENT_TYPES.has(step.do)) {
      throw new LiveError(
        `steps[${index}]: "${step.do}" can only be played headless (kiosk-sim run without --url): a running kiosk takes only the intents of docs/protocol.md`
      )
    }
    if ('do' in step && step.do === 'insertBill' && step.meanwhile)
      throw new LiveError(`steps[${index}].meanwhile: can only be played headless (kiosk-sim run without --url): ${NOTE_IN_FLIGHT_HEADLESS}`)
  })
  const { url, key } = kioskSocketUrl(options.url)
  const link = await KioskLink.open(url, key)
  const expectTimeoutMs = options.expectTimeoutMs ?? DEFAULT_EXPECT_TIMEOUT_MS
  try {
    // A scenario starts on idle: a kiosk finishing the last session (receipt, thank you) gets there by itself.
    const deadline = Date.now() + expectTimeoutMs
    try {
      while (link.view.kiosk.screen !== 'idle' && Date.now() < deadline) await link.changed(deadline)
    } catch (err) {
      throw err instanceof LinkClosed ? new LiveError(err.message) : err
    }
    const warnings = startWarnings(scenario, link.view)
    for (const w of warnings) options.warn?.(w)
    const player = new LivePlayer(scenario, link, expectTimeoutMs)
    const steps: StepReport[] = []
    for (const [index, step] of scenario.steps.entries()) {
      const report = await player.runStep(step, index)
      steps.push(report)
      if (!report.ok) break
    }
    const view = link.view
    return {
      name: scenario.name,
      ok: steps.length === scenario.steps.length && steps.every((s) => s.ok),
      steps,
      transactions: player.transactions(),
      // By masked number: the running kiosk sends no full card numbers.
      cards: Object.fromEntries(view.cards.map((c) => [c.masked, { balanceKzt: c.balanceKzt }])),
      cashbox: view.devices.billValidator.cashbox,
      url,
      warnings
    }
  } finally {
    link.close()
  }
}

/**
 * Plays steps over a KioskLink, keeping what the headless runner keeps: the session's card. The
 * views show cards masked, each with a handle (cardRef): the session's card is known by the number
 * the scenario tapped, or by the handle of the only card that looks like the one on screen.
 */
class LivePlayer {
  private sessionCard: { number: string | null; cardRef: string | null } | null = null
  /** The number last tapped or the digits last typed: which of the cards that look alike on screen is the session's. */
  private presented: string | null = null

  constructor(
    private readonly scenario: Scenario,
    private readonly link: KioskLink,
    private readonly expectTimeoutMs: number
  ) {}

  async runStep(step: Step, index: number): Promise<StepReport> {
    try {
      if ('expect' in step) {
        const failures = await this.expectation(step.expect)
        return {
          index,
          expect: step.expect,
          ok: failures.length === 0,
          screen: this.link.view.kiosk.screen,
          ...(failures.length ? { error: failures.join('; ') } : {})
        }
      }
      const error = await this.perform(step)
      if (error === null) await this.settle(waitsThroughCardWrite(this.scenario.steps, index))
      return { index, do: step.do, ok: error === null, screen: this.link.view.kiosk.screen, ...(error ? { error } : {}) }
    } catch (err) {
      if (!(err instanceof LinkClosed)) throw err
      return { index, ...('do' in step ? { do: step.do } : { expect: step.expect }), ok: false, screen: this.link.view.kiosk.screen, error: err.message }
    }
  }

  /** Performs one action on the kiosk; returns why it was not possible, or null. */
  private async perform(step: ActionStep): Promise<string | null> {
    if (step.do === 'wait') {
      await this.link.sleep(step.seconds * 1000)
      return null
    }
    if (step.do === 'enterCard') {
      if (this.link.view.kiosk.screen === 'idle') {
        const error = await this.link.send({ type: 'start' })
        if (error) return error
      }
      if (this.link.view.kiosk.screen !== 'card') return `"enterCard" is not possible on the ${this.link.view.kiosk.screen} screen`
      this.presented = step.digits
      for (const intent of cardEntryIntents(step.digits)) {
        const error = await this.link.send(intent)
        if (error) return error
      }
      return null
    }
    // Refused before the run starts (playLive): a running kiosk's journal is not swapped over the protocol.
    if (step.do === 'restoreJournal') return '"restoreJournal" can only be played headless'
    if (step.do === 'serviceLogin') {
      // The hidden gesture unless the PIN pad is open, then the PIN (as the headless runner does).
      if (this.link.view.kiosk.screen !== 'servicePin') {
        const error = await this.link.send({ type: 'serviceEntry' })
        if (error) return error
      }
      if (this.link.view.kiosk.screen !== 'servicePin')
        return `service entry waits: the ${this.link.view.kiosk.screen} screen is a customer's (or entry is locked)`
      return this.link.send({ type: 'servicePin', pin: step.pin })
    }
    const intent = step.do === 'tapCard' && step.number === undefined ? this.sessionTap() : stepIntent(step, null)
    if (!intent) return '"tapCard" without a number needs a card identified earlier in the scenario'
    if (intent.type === 'tapCard' && intent.number !== undefined) this.presented = intent.number
    return this.link.send(intent)
  }

  /** A tap of the session's card: by its number when the scenario gave it, else by its handle. */
  private sessionTap(): TapCard | null {
    const card = this.sessionCard
    if (card?.number) return { type: 'tapCard', number: card.number }
    return card?.cardRef ? { type: 'tapCard', cardRef: card.cardRef } : null
  }

  /**
   * Waits in real time until the kiosk has finished what the step started, by the runner's rule (settleLink).
   */
  private async settle(throughCardWrite: boolean): Promise<void> {
    await settleLink(this.link, throughCardWrite)
    this.identifyCard()
  }

  /** The screen shows a card (masked): the session's card is the one presented, or the only one that looks like it. */
  private identifyCard(): void {
    const shown = this.link.view.kiosk.card
    if (!shown) return
    const presented = this.presented
    const number = presented?.length === 16 && maskCardNumber(presented) === shown.masked ? presented : null
    const alike = this.link.view.cards.filter((c) => c.masked === shown.masked && (presented?.length !== 8 || c.masked.endsWith(presented.slice(-4))))
    const cardRef = alike.length === 1 ? alike[0]!.cardRef : null
    if (number || cardRef) this.sessionCard = { number, cardRef }
  }

  /** Checks the expectation on every new view until it holds or the timeout runs out; the failures then. */
  private async expectation(expect: Expectation): Promise<string[]> {
    const deadline = Date.now() + this.expectTimeoutMs
    for (;;) {
      const failures = this.check(expect)
      if (failures.length === 0 || Date.now() >= deadline) return failures
      await this.link.changed(deadline)
    }
  }

  private check(expect: Expectation): string[] {
    const view = this.link.view
    const observed = latestTransaction(this.link.records(), this.scenario.config)
    if (observed.latest) this.withOpenTopUp(observed.latest)
    const balanceKzt = view.cards.find((c) => c.cardRef === this.sessionCard?.cardRef)?.balanceKzt ?? null
    const failures = checkExpectation(expect, { screen: view.kiosk.screen, language: view.kiosk.language, balanceKzt, ...observed })
    const aboutTransactions = expect.transactionStatus !== undefined || expect.creditedKzt !== undefined || expect.receiptPrinted !== undefined
    if (aboutTransactions && this.link.missedRecords)
      failures.push('the kiosk journaled more than one view carries (20 records) between two views: its transactions cannot be followed live')
    return failures
  }

  /** The transactions this run started, from the journal records the views carried. */
  transactions(): TransactionSummary[] {
    return summarizeTransactions(this.link.records(), this.scenario.config).map((t) => this.withOpenTopUp(t))
  }

  /**
   * A cash top-up still open has its amounts from the running kiosk's own screen: the summary
   * would work them out with the scenario's configuration, which that kiosk may not have.
   */
  private withOpenTopUp(t: TransactionSummary): TransactionSummary {
    const open = this.link.view.kiosk.topUp
    const requested = this.link.records().some((r) => r.kind === 'creditRequested' && r.data.transactionId === t.id)
    if (open?.transactionId === t.id && t.method === 'cash' && !requested) {
      const { grossKzt, feeKzt, bonusKzt, creditedKzt } = open.breakdown
      Object.assign(t, { grossKzt, feeKzt, bonusKzt, creditedKzt })
    }
    return t
  }
}
