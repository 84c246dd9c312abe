/**
 * Runs a scenario against the core, headless, on a virtual clock: a 60 s wait takes no real time.
 * After every step the runner lets the devices and the host finish what they started (a note
 * being stacked, a card lookup, a credit, a print) before the next step, as a person would wait.
 */
import type { CashboxCount } from '../machines/billValidatorMachine'
import type { VirtualClock } from '../clock'
import type { KioskConfig } from '../config'
import type { CardStore } from '../devices/host'
import { anyRecord, transactionIdOf, type Journal, type JournalKind, type JournalRecord, type JournalRecordOf, type RecordData } from '../journal'
import { fixedBootNonce, Kiosk, type DeviceFaults, type KioskDeps } from '../kiosk'
import type { Intent, Language, ScreenName } from '../protocol'
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
  /** Where the kiosk keeps its receipts (`kiosk-sim run --receipts DIR`); none by default. */
  receiptArchive?: KioskDeps['receiptArchive']
}

/** The longest the runner waits for devices to settle after one step (virtual time; real time when played live). */
export const SETTLE_LIMIT_MS = 120_000

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
      bootNonce: () => fixedBootNonce(`kiosk-sim scenario run, start ${boot}`),
      config: this.scenario.config,
      clock: deps.clock,
      journal: this.journalWatched,
      cards: deps.cards,
      ...(deps.cardKey ? { cardKey: deps.cardKey } : {}),
      ...(deps.inspect ? { inspect: deps.inspect } : {}),
      ...(deps.receiptArchive ? { receiptArchive: deps.receiptArchive } : {}),
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
    await this.settle({ throughCardWrite: waitsThroughCardWrite(this.scenario.steps, index) })
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
    return this.kiosk.screen()
  }

  /** Performs one action; returns why it was not possible, or null. */
  private async perform(step: ActionStep): Promise<string | null> {
    if (step.do === 'wait') {
      await this.deps.clock.advance(step.seconds * 1000)
      return null
    }
    if (step.do === 'enterCard') return this.enterCard(step.digits)
    if (step.do === 'powerCut') {
      // The devices' faults outlast the kiosk's power (a remote host, a separate POS terminal, no
      // paper, a full stacker…); a validator jam and its armed one-shot drills do not (DeviceFaults).
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
    const intent = this.intentOf(step)
    if (!intent) return '"tapCard" without a number needs a card identified earlier in the scenario'
    return this.send(intent)
  }

  /** Whether the step would be possible now (a step that is not ends a scenario's run). */
  canPerform(step: ActionStep): boolean {
    if (step.do === 'wait' || step.do === 'powerCut' || step.do === 'restoreJournal') return true
    if (step.do === 'enterCard') return this.screen() === 'idle' || this.screen() === 'card'
    const intent = this.intentOf(step)
    return intent !== null && this.kiosk.isPossible(intent)
  }

  /** The intent a step sends (not for wait and enterCard); null for a tapCard with no card known yet. */
  intentOf(step: Exclude<ActionStep, { do: 'wait' | 'enterCard' | 'powerCut' | 'restoreJournal' }>): Intent | null {
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

  private send(intent: Intent): string | null {
    const result = this.kiosk.send(intent)
    return result.ok ? null : result.error
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
    const snapshot = this.kiosk.snapshot()
    return stillWorking(
      {
        screen: this.screen(),
        validator: String(this.kiosk.validator().getSnapshot().value),
        cardWriting: this.kiosk.cardReader().getSnapshot().matches('writing'),
        printing: this.kiosk.printer.busy,
        quoting: snapshot.matches({ session: { flow: { cash: 'quoting' } } }),
        confirmingActivation: snapshot.matches({ session: { flow: 'confirmingActivation' } })
      },
      throughCardWrite
    )
  }

  private check(expect: Expectation): string[] {
    const view = this.kiosk.view()
    const card = this.sessionCard ? this.deps.cards.get(this.sessionCard) : undefined
    // The latest transaction's own records, not the whole journal again: a run stays linear in its length.
    return checkExpectation(expect, { screen: view.screen, language: view.language, balanceKzt: card?.balanceKzt ?? null, ...latestTransaction(this.transactions.latest(), this.scenario.config) })
  }
}

/**
 * Each transaction's journal records, kept as they are appended. A transaction's summary depends
 * only on its own records, so `summarizeTransactions(latest())` is the last summary of the whole
 * journal, without reading the journal again.
 */
export class TransactionRecords {
  private readonly byId = new Map<string, JournalRecord[]>()
  /** The transaction whose first `transactionStarted` came last (the order summarizeTransactions lists them in). */
  private latestId: string | null = null

  add(record: JournalRecord): void {
    const id = transactionIdOf(record)
    if (id === null) return
    let records = this.byId.get(id)
    if (!records) this.byId.set(id, (records = []))
    if (record.kind === 'transactionStarted' && !records.some((r) => r.kind === 'transactionStarted')) this.latestId = id
    records.push(record)
  }

  /** The records of the latest transaction; none before the first one starts. */
  latest(): JournalRecord[] {
    return this.latestId === null ? [] : this.byId.get(this.latestId)!
  }
}

/** A journal passed through unchanged, telling `onRecord` of every record appended. */
class WatchedJournal implements Journal {
  constructor(
    private readonly inner: Journal,
    private readonly onRecord: (record: JournalRecord) => void
  ) {}

  append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number): JournalRecordOf<K> {
    const record = this.inner.append(kind, data, time)
    this.onRecord(anyRecord(record))
    return record
  }

  flush(): void {
    this.inner.flush()
  }

  tail(count: number): JournalRecord[] {
    return this.inner.tail(count)
  }

  all(): JournalRecord[] {
    return this.inner.all()
  }

  stored(): ReturnType<Journal['stored']> {
    return this.inner.stored()
  }

  close(): void {
    this.inner.close()
  }

  anchoredHead(): ReturnType<NonNullable<Journal['anchoredHead']>> {
    return this.inner.anchoredHead?.() ?? null
  }

  holdHead(hold: boolean): void {
    this.inner.holdHead?.(hold)
  }

  repair(): void {
    this.inner.repair?.()
  }
}

/**
 * The pure rules of a run, shared with the live player (src/cli/live.ts), which plays a scenario on
 * a running kiosk over the web host's WebSocket and sees it only through the views it pushes.
 */

/** Whether the runner waits through a card write after step `index`: not when the customer pulls the card next. */
export function waitsThroughCardWrite(steps: readonly Step[], index: number): boolean {
  // A loop, not slice().find(): copying the rest of the steps after each one made long runs quadratic.
  for (let i = index + 1; i < steps.length; i++) {
    const step = steps[i]!
    if ('do' in step) return step.do !== 'removeCard'
  }
  return true
}

/** The intent a step sends; null for a tapCard without a number before any card was identified. */
export function stepIntent(step: Exclude<ActionStep, { do: 'wait' | 'enterCard' | 'restoreJournal' }>, sessionCard: string | null): Intent | null {
  switch (step.do) {
    case 'tapCard': {
      // Without a number: the card of this scenario's session, e.g. held on the reader for the write.
      const number = step.number ?? sessionCard
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

/** The keys an `enterCard` step presses once the card keypad is on screen: clear, the digits, submit. */
export function cardEntryIntents(digits: string): Intent[] {
  return [{ type: 'keypad', key: 'clear' }, ...[...digits].map((d): Intent => ({ type: 'keypad', key: d as '0' })), { type: 'submitCard' }]
}

/** What shows whether the kiosk is still working on the last step. */
export interface Activity {
  screen: ScreenName
  /** The bill validator's state, e.g. `escrowed`. */
  validator: string
  cardWriting: boolean
  printing: boolean
  /** The cash screen is taking a rate quote. */
  quoting: boolean
  /** Pending top-ups written at a tap are being confirmed with the host. */
  confirmingActivation: boolean
}

/** Whether a device or the host is still working on the last step (the card write counts only when waited through). */
export function stillWorking(a: Activity, throughCardWrite: boolean): boolean {
  if (a.validator === 'escrowed' || a.validator === 'stacking' || a.validator === 'returning') return true
  if (a.cardWriting) return throughCardWrite
  return a.screen === 'checkingCard' || a.screen === 'bankCard' || a.screen === 'crediting' || a.printing || a.quoting || a.confirmingActivation
}

/** What an expectation is checked against. */
export interface Observation {
  screen: ScreenName
  language: Language
  /** The balance of the scenario's card at the host; null while no card has been identified. */
  balanceKzt: number | null
  /** The latest transaction, if any. */
  latest: TransactionSummary | undefined
  /** Whether the latest transaction's paper receipt was printed. */
  receiptPrinted: boolean
}

/** The latest transaction in the journal and whether its receipt was printed. */
export function latestTransaction(records: readonly JournalRecord[], config: Pick<KioskConfig, 'fees' | 'bonus'>): Pick<Observation, 'latest' | 'receiptPrinted'> {
  const latest = summarizeTransactions(records, config).at(-1)
  return { latest, receiptPrinted: latest ? records.some((r) => r.kind === 'receiptPrinted' && r.data.transactionId === latest.id) : false }
}

/** Which expectations do not hold, each as "what is, what was expected"; empty when all hold. */
export function checkExpectation(expect: Expectation, o: Observation): string[] {
  const failures: string[] = []
  const { latest } = o
  if (expect.screen !== undefined && o.screen !== expect.screen) failures.push(`screen is ${o.screen}, expected ${expect.screen}`)
  if (expect.language !== undefined && o.language !== expect.language) failures.push(`language is ${o.language}, expected ${expect.language}`)
  if (expect.balanceKzt !== undefined) {
    if (o.balanceKzt === null) failures.push(`balanceKzt: no card has been identified in this scenario yet`)
    else if (o.balanceKzt !== expect.balanceKzt) failures.push(`balanceKzt is ${o.balanceKzt}, expected ${expect.balanceKzt}`)
  }
  if (expect.transactionStatus !== undefined && latest?.status !== expect.transactionStatus)
    failures.push(latest ? `transactionStatus is ${latest.status}, expected ${expect.transactionStatus}` : `transactionStatus: no transaction yet`)
  if (expect.creditedKzt !== undefined && latest?.creditedKzt !== expect.creditedKzt)
    failures.push(latest ? `creditedKzt is ${latest.creditedKzt}, expected ${expect.creditedKzt}` : `creditedKzt: no transaction yet`)
  if (expect.receiptPrinted !== undefined && o.receiptPrinted !== expect.receiptPrinted) failures.push(`receiptPrinted is ${o.receiptPrinted}, expected ${expect.receiptPrinted}`)
  return failures
}
