/**
 * Runs a scenario against the core, headless, on a virtual clock: a 60 s wait takes no real time.
 * After every step the runner lets the devices and the host finish what they started (a note
 * being stacked, a card lookup, a credit, a print) before the next step, as a person would wait.
 */
import type { CashboxCount } from '../machines/billValidatorMachine'
import type { VirtualClock } from '../clock'
import type { CardStore } from '../devices/host'
import type { Journal } from '../journal'
import { Kiosk, type KioskDeps } from '../kiosk'
import type { Intent, ScreenName } from '../protocol'
import { summarizeTransactions, type TransactionSummary } from '../report'
import type { ActionStep, Expectation, Scenario, Step } from './schema'

export interface StepReport {
  index: number
  do?: ActionStep['do']
  expect?: Expectation
  ok: boolean
  /** The screen after the step. */
  screen: ScreenName
  /** Why the step was not possible, or which expectations failed. */
  error?: string
}

export interface ScenarioReport {
  name: string
  ok: boolean
  steps: StepReport[]
  transactions: TransactionSummary[]
  cards: Record<string, { balanceKzt: number }>
  cashbox: CashboxCount[]
}

export interface ScenarioDeps {
  clock: VirtualClock
  journal: Journal
  /** The simulated host's store, already holding the scenario's cards. */
  cards: CardStore
  /** The key of the journal's card references (the demo key when not given). */
  cardKey?: Uint8Array
  /** An XState inspector, e.g. a CoverageRecorder's. */
  inspect?: KioskDeps['inspect']
}

/** The longest the runner waits for devices to settle after one step (virtual time). */
const SETTLE_LIMIT_MS = 120_000

export class ScenarioRunner {
  readonly kiosk: Kiosk
  private sessionCard: string | null = null

  constructor(
    private readonly scenario: Scenario,
    private readonly deps: ScenarioDeps
  ) {
    this.kiosk = new Kiosk({
      config: scenario.config,
      clock: deps.clock,
      journal: deps.journal,
      cards: deps.cards,
      ...(deps.cardKey ? { cardKey: deps.cardKey } : {}),
      ...(deps.inspect ? { inspect: deps.inspect } : {})
    })
  }

  /** Runs every step, stopping at the first that was not possible or whose expectation failed. */
  async run(): Promise<ScenarioReport> {
    const steps: StepReport[] = []
    for (const [index, step] of this.scenario.steps.entries()) {
      const report = await this.runStep(step, index)
      steps.push(report)
      if (!report.ok) break
    }
    return this.report(steps)
  }

  async runStep(step: Step, index: number): Promise<StepReport> {
    if ('expect' in step) {
      const failures = this.check(step.expect)
      return { index, expect: step.expect, ok: failures.length === 0, screen: this.screen(), ...(failures.length ? { error: failures.join('; ') } : {}) }
    }
    const error = await this.perform(step)
    // A customer who pulls the card does not wait for its write to finish.
    const next = this.scenario.steps.slice(index + 1).find((s): s is ActionStep => 'do' in s)
    await this.settle({ throughCardWrite: next?.do !== 'removeCard' })
    return { index, do: step.do, ok: error === null, screen: this.screen(), ...(error ? { error } : {}) }
  }

  report(steps: StepReport[]): ScenarioReport {
    const cards: Record<string, { balanceKzt: number }> = {}
    for (const c of this.deps.cards.list()) cards[c.number] = { balanceKzt: c.balanceKzt }
    return {
      name: this.scenario.name,
      ok: steps.length === this.scenario.steps.length && steps.every((s) => s.ok),
      steps,
      transactions: summarizeTransactions(this.deps.journal.all(), this.scenario.config),
      cards,
      cashbox: this.kiosk.validator().getSnapshot().context.cashbox
    }
  }

  private screen(): ScreenName {
    return this.kiosk.view().screen
  }

  /** Performs one action; returns why it was not possible, or null. */
  private async perform(step: ActionStep): Promise<string | null> {
    if (step.do === 'wait') {
      await this.deps.clock.advance(step.seconds * 1000)
      return null
    }
    if (step.do === 'enterCard') return this.enterCard(step.digits)
    const intent = this.intentOf(step)
    if (!intent) return '"tapCard" without a number needs a card identified earlier in the scenario'
    return this.send(intent)
  }

  /** Whether the step would be possible now (a step that is not ends a scenario's run). */
  canPerform(step: ActionStep): boolean {
    if (step.do === 'wait') return true
    if (step.do === 'enterCard') return this.screen() === 'idle' || this.screen() === 'card'
    const intent = this.intentOf(step)
    return intent !== null && this.kiosk.isPossible(intent)
  }

  /** The intent a step sends (not for wait and enterCard); null for a tapCard with no card known yet. */
  intentOf(step: Exclude<ActionStep, { do: 'wait' | 'enterCard' }>): Intent | null {
    switch (step.do) {
      case 'tapCard': {
        // Without a number: the card of this scenario's session, e.g. held on the reader for the write.
        const number = step.number ?? this.sessionCard
        return number ? { type: 'tapCard', number } : null
      }
      case 'fault':
        return { type: 'fault', device: step.device, fault: step.fault, ...(step.reason ? { reason: step.reason } : {}) }
      default: {
        const { do: type, ...payload } = step
        return { type, ...payload } as Intent
      }
    }
  }

  /** Types the last 8 digits on the card keypad, starting a session first from the attract screen. */
  private async enterCard(digits: string): Promise<string | null> {
    if (this.screen() === 'idle') this.send({ type: 'start' })
    if (this.screen() !== 'card') return `"enterCard" is not possible on the ${this.screen()} screen`
    this.send({ type: 'keypad', key: 'clear' })
    for (const d of digits) this.send({ type: 'keypad', key: d as '0' })
    return this.send({ type: 'submitCard' })
  }

  private send(intent: Intent): string | null {
    const result = this.kiosk.send(intent)
    return result.ok ? null : result.error
  }

  /** Advances virtual time only while a device or the host is still working on the last step. */
  private async settle(options: { throughCardWrite: boolean }): Promise<void> {
    const { clock } = this.deps
    const limit = clock.now() + SETTLE_LIMIT_MS
    await clock.advance(0)
    while (this.isBusy(options.throughCardWrite)) {
      const due = clock.nextDue()
      if (due === null || due > limit) break
      await clock.advance(due - clock.now())
    }
    const card = this.kiosk.snapshot().context.card
    if (card) this.sessionCard = card.number
  }

  private isBusy(throughCardWrite: boolean): boolean {
    const validator = this.kiosk.validator().getSnapshot()
    const screen = this.screen()
    if (validator.matches('escrowed') || validator.matches('stacking') || validator.matches('returning')) return true
    if (this.kiosk.cardReader().getSnapshot().matches('writing')) return throughCardWrite
    const snapshot = this.kiosk.snapshot()
    return (
      screen === 'checkingCard' ||
      screen === 'bankCard' ||
      screen === 'crediting' ||
      this.kiosk.printer.busy ||
      snapshot.matches({ session: { flow: { cash: 'quoting' } } }) ||
      snapshot.matches({ session: { flow: 'confirmingActivation' } })
    )
  }

  private check(expect: Expectation): string[] {
    const failures: string[] = []
    const view = this.kiosk.view()
    const latest = summarizeTransactions(this.deps.journal.all(), this.scenario.config).at(-1)
    if (expect.screen !== undefined && view.screen !== expect.screen) failures.push(`screen is ${view.screen}, expected ${expect.screen}`)
    if (expect.language !== undefined && view.language !== expect.language) failures.push(`language is ${view.language}, expected ${expect.language}`)
    if (expect.balanceKzt !== undefined) {
      const card = this.sessionCard ? this.deps.cards.get(this.sessionCard) : undefined
      if (!card) failures.push(`balanceKzt: no card has been identified in this scenario yet`)
      else if (card.balanceKzt !== expect.balanceKzt) failures.push(`balanceKzt is ${card.balanceKzt}, expected ${expect.balanceKzt}`)
    }
    if (expect.transactionStatus !== undefined && latest?.status !== expect.transactionStatus)
      failures.push(latest ? `transactionStatus is ${latest.status}, expected ${expect.transactionStatus}` : `transactionStatus: no transaction yet`)
    if (expect.creditedKzt !== undefined && latest?.creditedKzt !== expect.creditedKzt)
      failures.push(latest ? `creditedKzt is ${latest.creditedKzt}, expected ${expect.creditedKzt}` : `creditedKzt: no transaction yet`)
    if (expect.receiptPrinted !== undefined) {
      const printed = latest ? this.deps.journal.all().some((r) => r.kind === 'receiptPrinted' && r.data.transactionId === latest.id) : false
      if (printed !== expect.receiptPrinted) failures.push(`receiptPrinted is ${printed}, expected ${expect.receiptPrinted}`)
    }
    return failures
  }
}
