/**
 * Runs a scenario against the core, headless, on a virtual clock: a 60 s wait takes no real time.
 * After every step the runner lets the devices and the host finish what they started (a note
 * being stacked, a card lookup, a credit, a print) before the next step, as a person would wait.
 */
import type { CashboxCount } from '../machines/billValidatorMachine'
import type { VirtualClock } from '../clock'
import type { CardStore } from '../devices/host'
import { MemoryReceiptArchive } from '../devices/printer'
import type { Journal } from '../journal'
import { fixedBootNonce, Kiosk, type DeviceFaults, type KioskDeps } from '../kiosk'
import { MemoryExports } from '../kioskDeps'
import type { Intent, ScreenName } from '../protocol'
import { cashCollections, cashCounters, type CashCollection, type CashCounters } from '../domain/collections'
import { summarizeTransactions, type TransactionSummary } from '../report'
import { printedShiftReports, type ShiftReport } from '../service/shiftReports'
import { activityOf, cardEntryIntents, checkExpectation, latestTransaction, SETTLE_LIMIT_MS, stepIntent, stillWorking, waitsThroughCardWrite } from './runRules'
import { meanwhileOf, type ActionStep, type Expectation, type Scenario, type Step } from './schema'
import { TransactionRecords, WatchedJournal } from './transactionRecords'

/** The bill validator's states with a note on its way. */
const IN_FLIGHT: ReadonlySet<string> = new Set(['escrowed', 'stacking', 'returning'])

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
  /** Every cash collection in the journal, with its recount (shortage, surplus) once entered. */
  collections: CashCollection[]
  /** The cash counters: the cassette since its last collection, and every note stacked over the journal's life. */
  counters: CashCounters
  /** The X and Z reports staff printed, as they were printed (training transactions left out). */
  shiftReports: ShiftReport[]
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
  /** Where the kiosk keeps its receipts (`kiosk-sim run --receipts DIR`); none by default. */
  receiptArchive?: KioskDeps['receiptArchive']
  /** A PIN check to use instead of scrypt's every time (generated walks memoize it). */
  checkPin?: KioskDeps['checkPin']
  /** The boot nonce of the n-th start of the scenario's kiosk (a drill's own, so its ids match the live drill's); the scenario run's by default. */
  bootNonce?: (boot: number) => string
}

export class ScenarioRunner {
  private current: Kiosk
  private sessionCard: string | null = null
  /** The journal the kiosks write, watched so each record lands in `transactions` as it is appended. */
  private readonly journalWatched: Journal
  private transactions = new TransactionRecords()
  /**
   * The last step's settling waited while a card was being written. A `removeCard` next would have
   * pulled that card mid-write on a replay (waitsThroughCardWrite), so generated paths do not take one there.
   */
  waitedThroughCardWrite = false
  /** Starts of the scenario's kiosk so far (power cuts start it again). */
  private boots = 0
  /** What staff export in the scenario (the journal as CSV), kept across its power cuts. */
  exports: MemoryExports | undefined

  constructor(
    private readonly scenario: Scenario,
    private readonly deps: ScenarioDeps
  ) {
    for (const record of deps.journal.all()) this.transactions.add(record)
    this.journalWatched = new WatchedJournal(deps.journal, (record) => this.transactions.add(record))
    this.current = this.startKiosk()
  }

  /** The kiosk the scenario is playing on: after a `powerCut`, the one that started from the journal. */
  get kiosk(): Kiosk {
    return this.current
  }

  /** The journal and the host's store the scenario plays on (for audits). */
  get journal(): Journal {
    return this.deps.journal
  }

  get cards(): CardStore {
    return this.deps.cards
  }

  /** A kiosk on the scenario's journal and host store; after a power cut, with the faults that outlast it. */
  private startKiosk(faultsAtPowerUp?: DeviceFaults): Kiosk {
    const { deps } = this
    // Headless runs are reproducible: each start of the scenario's kiosk has a nonce fixed by its order.
    const boot = ++this.boots
    return new Kiosk({
      bootNonce: () => deps.bootNonce?.(boot) ?? fixedBootNonce(`kiosk-sim scenario run, start ${boot}`),
      config: this.scenario.config,
      clock: deps.clock,
      journal: this.journalWatched,
      cards: deps.cards,
      ...(deps.cardKey ? { cardKey: deps.cardKey } : {}),
      ...(deps.inspect ? { inspect: deps.inspect } : {}),
      // Receipts outlast a power cut (the runner's disk): staff reprint them after the restart.
      receiptArchive: (deps.receiptArchive ??= new MemoryReceiptArchive()),
      exports: (this.exports ??= new MemoryExports()),
      ...(deps.checkPin ? { checkPin: deps.checkPin } : {}),
      ...(faultsAtPowerUp ? { faultsAtPowerUp } : {})
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
    // A recorded scenario's waits are the time between the steps as taken live: the devices work on within them.
    if (this.scenario.timing === 'recorded') await this.keepPace()
    else await this.settle({ throughCardWrite: waitsThroughCardWrite(this.scenario.steps, index) })
    return { index, do: step.do, ok: error === null, screen: this.screen(), ...(error ? { error } : {}) }
  }

  report(steps: StepReport[]): ScenarioReport {
    const cards: Record<string, { balanceKzt: number }> = {}
    for (const c of this.deps.cards.list()) cards[c.number] = { balanceKzt: c.balanceKzt }
    const records = this.deps.journal.all()
    return {
      name: this.scenario.name,
      ok: steps.length === this.scenario.steps.length && steps.every((s) => s.ok),
      steps,
      transactions: summarizeTransactions(records, this.scenario.config),
      cards,
      cashbox: this.kiosk.validator().getSnapshot().context.cashbox,
      collections: cashCollections(records),
      counters: cashCounters(records),
      shiftReports: printedShiftReports(records, this.scenario.config.terminal.id)
    }
  }

  private screen(): ScreenName {
    return this.kiosk.screen()
  }

  /** Performs one action; returns why it was not possible, or null. */
  private async perform(step: ActionStep): Promise<string | null> {
    if (step.do === 'wait') {
      await this.deps.clock.advance(step.seconds * 1000)
      return null
    }
    if (step.do === 'enterCard') return this.enterCard(step.digits)
    if (step.do === 'serviceLogin') return this.serviceLogin(step.pin)
    if (step.do === 'powerCut') {
      // The devices' faults outlast the kiosk's power (a remote host, a separate POS terminal, no
      // paper, a full stacker…); a validator jam and its armed one-shot drills do not (DeviceFaults),
      // nor faults armed on an event (`arm`): the new kiosk starts with none.
      const faults = this.current.deviceFaults()
      this.current.powerCut()
      this.current = this.startKiosk(faults)
      return null
    }
    if (step.do === 'restoreJournal') {
      const { journal } = this.deps
      if (!journal.restoreOlderCopy) return 'this journal cannot be restored from an older copy'
      const faults = this.current.deviceFaults()
      this.current.powerCut()
      journal.restoreOlderCopy(step.dropLast)
      // What an expect sees is the journal as it is now: the records the older copy lacks are gone.
      this.transactions = new TransactionRecords()
      for (const record of journal.all()) this.transactions.add(record)
      this.current = this.startKiosk(faults)
      return null
    }
    if (step.do === 'insertBill' && step.meanwhile) return this.noteInFlight(step)
    const intent = this.intentOf(step)
    if (!intent) return '"tapCard" without a number needs a card identified earlier in the scenario'
    return this.send(intent)
  }

  /**
   * A note pushed in, and the `meanwhile` steps taken while it is still on its way (being stacked or
   * returned): each runs to its first wait without moving the clock, as the technician panel's
   * clicks in real time would, and the note lands during the step's settling.
   */
  private async noteInFlight(step: Extract<ActionStep, { do: 'insertBill' }>): Promise<string | null> {
    const error = this.send({ type: 'insertBill', currency: step.currency, value: step.value })
    if (error) return error
    const validator = String(this.kiosk.validator().getSnapshot().value)
    if (!IN_FLIGHT.has(validator))
      return `"meanwhile": the validator did not draw the note in (it takes notes on the cash screen only, with no fault on; it is ${validator} on the ${this.screen()} screen), so no note is on its way`
    for (const [i, inner] of meanwhileOf(step).entries()) {
      await this.deps.clock.advance(0)
      const problem = await this.perform(inner)
      if (problem) return `meanwhile[${i}] (${inner.do}): ${problem}`
    }
    return null
  }

  /** Whether the step would be possible now (a step that is not ends a scenario's run). */
  canPerform(step: ActionStep): boolean {
    if (step.do === 'wait' || step.do === 'powerCut' || step.do === 'restoreJournal') return true
    if (step.do === 'enterCard') return this.screen() === 'idle' || this.screen() === 'card'
    if (step.do === 'serviceLogin') return this.screen() === 'servicePin' || this.kiosk.isPossible({ type: 'serviceEntry' })
    // A note with steps to take on its way: only where the validator draws it in (those steps' own turn comes then).
    if (step.do === 'insertBill' && step.meanwhile) return this.kiosk.validator().getSnapshot().matches('idle')
    const intent = this.intentOf(step)
    return intent !== null && this.kiosk.isPossible(intent)
  }

  /** The intent a step sends (not for wait and enterCard); null for a tapCard with no card known yet. */
  intentOf(step: Exclude<ActionStep, { do: 'wait' | 'enterCard' | 'powerCut' | 'restoreJournal' | 'serviceLogin' }>): Intent | null {
    return stepIntent(step, this.sessionCard)
  }

  /** Types the last 8 digits on the card keypad, starting a session first from the attract screen. */
  private async enterCard(digits: string): Promise<string | null> {
    if (this.screen() === 'idle') this.send({ type: 'start' })
    if (this.screen() !== 'card') return `"enterCard" is not possible on the ${this.screen()} screen`
    let error: string | null = null
    for (const intent of cardEntryIntents(digits)) error = this.send(intent)
    return error
  }

  /**
   * Opens the PIN pad (the hidden gesture) unless it is open, then enters the PIN. During a session
   * the pad waits for its end: the step says so, and a later serviceLogin enters the PIN.
   */
  private serviceLogin(pin: string): string | null {
    if (this.screen() !== 'servicePin') {
      const error = this.send({ type: 'serviceEntry' })
      if (error) return error
    }
    if (this.screen() !== 'servicePin') return `service entry waits: the ${this.screen()} screen is a customer's (or entry is locked)`
    return this.send({ type: 'servicePin', pin })
  }

  private send(intent: Intent): string | null {
    const result = this.kiosk.send(intent)
    return result.ok ? null : result.error
  }

  /** Lets what the step started run to its first wait, without moving the clock (a recorded scenario's steps). */
  private async keepPace(): Promise<void> {
    await this.deps.clock.advance(0)
    this.waitedThroughCardWrite = false
    const card = this.kiosk.snapshot().context.card
    if (card) this.sessionCard = card.number
  }

  /** Advances virtual time only while a device or the host is still working on the last step. */
  private async settle(options: { throughCardWrite: boolean }): Promise<void> {
    const { clock } = this.deps
    const limit = clock.now() + SETTLE_LIMIT_MS
    await clock.advance(0)
    this.waitedThroughCardWrite = false
    while (this.isBusy(options.throughCardWrite)) {
      if (this.kiosk.cardReader().getSnapshot().matches('writing')) this.waitedThroughCardWrite = true
      const due = clock.nextDue()
      if (due === null || due > limit) break
      await clock.advance(due - clock.now())
    }
    const card = this.kiosk.snapshot().context.card
    if (card) this.sessionCard = card.number
  }

  private isBusy(throughCardWrite: boolean): boolean {
    return stillWorking(activityOf(this.kiosk), throughCardWrite)
  }

  private check(expect: Expectation): string[] {
    const view = this.kiosk.view()
    const card = this.sessionCard ? this.deps.cards.get(this.sessionCard) : undefined
    // The latest transaction's own records, not the whole journal again: a run stays linear in its length.
    return checkExpectation(expect, {
      screen: view.screen,
      language: view.language,
      balanceKzt: card?.balanceKzt ?? null,
      ...latestTransaction(this.transactions.latest(), this.scenario.config)
    })
  }
}
