/**
 * Live mode: `kiosk-sim run FILE --url URL` plays a scenario on a running kiosk (the web host,
 * `npm run web`, with the technician URL it printed) in real time, so a trainer watches it on the
 * kiosk screen. It speaks the
 * documented protocol (docs/protocol.md) as the technician panel does: intents out, and back the
 * technician views the host pushes after every change. The step → intent mapping, the rule for when
 * a step has settled and the expectation check are the headless runner's (src/core/scenario/runner.ts);
 * only the clock (real) and what the player sees (views, not the core) differ. docs/scenarios.md
 * "Live mode" describes the rules.
 */
import WebSocket from 'ws'
import { maskCardNumber } from '../core/cards'
import { DEFAULT_CONFIG } from '../core/config'
import type { JournalRecord } from '../core/journal'
import { INTENT_TYPES as PROTOCOL_INTENT_TYPES, parseServerMessage, type Intent, type JournalEntryView, type TapCard, type TechnicianView } from '../core/protocol'
import { summarizeTransactions, type TransactionSummary } from '../core/report'
import {
  cardEntryIntents,
  checkExpectation,
  latestTransaction,
  SETTLE_LIMIT_MS,
  stepIntent,
  stillWorking,
  waitsThroughCardWrite,
  type ScenarioReport,
  type StepReport
} from '../core/scenario/runner'
import type { ActionStep, Expectation, Scenario, Step } from '../core/scenario/schema'
import { keyFromFragment, technicianSubprotocols } from '../core/technicianKey'

/** How long an `expect` step waits for its expectation to hold, unless --timeout says otherwise. */
export const DEFAULT_EXPECT_TIMEOUT_MS = 5_000
/** After a step, the kiosk must also have been quiet (no new view) this long before the next step. */
const QUIET_MS = 100
/** How long connecting, and any one answer of the host, may take. */
const ANSWER_TIMEOUT_MS = 5_000

/** The run could not start (bad URL, nothing listening, not a kiosk, a step only the headless runner can play): exit code 2. */
export class LiveError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LiveError'
  }
}

/** The connection dropped during the run: the step in progress fails. */
class LinkClosed extends Error {}

export interface LiveOptions {
  /** The technician URL the web host printed, or its ws:// or wss:// address; read by kioskSocketUrl. */
  url: string
  /** How long an `expect` step waits for its expectation to hold (ms). */
  expectTimeoutMs?: number
  /** Told each warning as soon as it is known (they are in the report too). */
  warn?: (line: string) => void
}

export interface LiveReport extends ScenarioReport {
  /** The WebSocket the scenario was played on (without the technician key). */
  url: string
  /** What may make the run differ from the headless one: the scenario's config and cards, faults left on, a session in progress. */
  warnings: string[]
}

const USE_PRINTED = 'give the technician URL exactly as the web host printed it (http://HOST:PORT/technician#k=…)'

/**
 * The technician WebSocket of a web host, and its key, from what the user typed: the technician
 * URL the web host printed (`http://HOST:PORT/technician#k=KEY`), or `ws://HOST:PORT` with or
 * without the `/ws` path (and `#k=KEY`) for a host without a key. The player always connects as
 * `role=technician`; the key goes in the upgrade's subprotocols, never in the address.
 */
export function kioskSocketUrl(input: string): { url: string; key: string | null } {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new LiveError(`--url: expected the technician URL the web host printed (http://HOST:PORT/technician#k=…) or ws://HOST:PORT, got "${input}"`)
  }
  const fragment = url.hash
  const key = keyFromFragment(fragment)
  if (fragment && !key) throw new LiveError(`--url: the key after #k= is cut short or changed; ${USE_PRINTED}`)
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (!['/technician', '/technician/'].includes(url.pathname)) throw new LiveError(`--url: ${input} is not the technician panel; ${USE_PRINTED}`)
    if (!key) throw new LiveError(`--url: ${input} has no key (#k=…): ${USE_PRINTED}`)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  } else if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    if (!['', '/', '/ws', '/ws/'].includes(url.pathname)) throw new LiveError(`--url: the kiosk's WebSocket is at /ws (ws://${url.host}/ws), got the path "${url.pathname}"`)
  } else throw new LiveError(`--url: expected the technician URL the web host printed (http://HOST:PORT/technician#k=…) or ws://HOST:PORT, got "${input}"`)
  url.pathname = '/ws'
  url.search = '?role=technician'
  url.hash = ''
  return { url: url.toString(), key }
}

/** Every intent type the protocol carries: a step whose verb is none of them (nor wait or enterCard) can only be played headless. */
const INTENT_TYPES: ReadonlySet<string> = new Set(PROTOCOL_INTENT_TYPES)

/** Plays `scenario` on the running kiosk at `options.url`; throws LiveError when it cannot start. */
export async function playLive(scenario: Scenario, options: LiveOptions): Promise<LiveReport> {
  scenario.steps.forEach((step, index) => {
    if ('do' in step && step.do !== 'wait' && step.do !== 'enterCard' && !INTENT_TYPES.has(step.do)) {
      throw new LiveError(`steps[${index}]: "${step.do}" can only be played headless (kiosk-sim run without --url): a running kiosk takes only the intents of docs/protocol.md`)
    }
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
        return { index, expect: step.expect, ok: failures.length === 0, screen: this.link.view.kiosk.screen, ...(failures.length ? { error: failures.join('; ') } : {}) }
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
   * Waits in real time until the kiosk has finished what the step started, by the runner's rule
   * (stillWorking), and no new view came for QUIET_MS; at most SETTLE_LIMIT_MS.
   */
  private async settle(throughCardWrite: boolean): Promise<void> {
    const deadline = Date.now() + SETTLE_LIMIT_MS
    do {
      while (this.working(throughCardWrite) && Date.now() < deadline) await this.link.changed(deadline)
      await this.link.quiet(QUIET_MS, deadline)
    } while (this.working(throughCardWrite) && Date.now() < deadline)
    this.identifyCard()
  }

  private working(throughCardWrite: boolean): boolean {
    const v = this.link.view
    const inState = (path: string) => v.state.split(' + ').some((p) => p === path || p.startsWith(`${path}.`))
    return stillWorking(
      {
        screen: v.kiosk.screen,
        validator: v.devices.billValidator.state,
        cardWriting: v.devices.cardReader.state === 'writing',
        printing: v.kiosk.receipt?.printed === 'printing',
        quoting: inState('session.flow.cash.quoting'),
        confirmingActivation: inState('session.flow.confirmingActivation')
      },
      throughCardWrite
    )
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
    if (aboutTransactions && this.link.missedRecords) failures.push('the kiosk journaled more than one view carries (20 records) between two views: its transactions cannot be followed live')
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

/** Why a run may not go as it would headless, known before the first step. */
function startWarnings(scenario: Scenario, view: TechnicianView): string[] {
  const warnings: string[] = []
  const changed = configDifferences(DEFAULT_CONFIG, scenario.config)
  if (changed.length > 0) {
    warnings.push(`config (${changed.join(', ')}) is not applied: a running kiosk keeps the configuration it was started with (npm run web -- --config FILE)`)
  }
  // The views show cards masked: a scenario's card is the running kiosk's card that looks like it.
  const alike = (number: string) => view.cards.filter((c) => c.masked === maskCardNumber(number))
  for (const [i, card] of (scenario.cards ?? []).entries()) {
    const found = alike(card.number)
    const live = found.length === 1 ? found[0] : undefined
    const problem = found.length === 0
      ? `is not a card of the running kiosk`
      : !live
        ? `cannot be told apart from ${found.length - 1} other card(s) of the running kiosk that look alike (${card.number.slice(0, 4)} … ${card.number.slice(-4)})`
        : live.balanceKzt !== card.balanceKzt
        ? `has ${live.balanceKzt} ₸ on the running kiosk, the scenario starts it at ${card.balanceKzt} ₸`
        : live.status !== card.status
          ? `is ${live.status} on the running kiosk, ${card.status} in the scenario`
          : null
    if (problem) warnings.push(`cards[${i}]: ${card.number} ${problem} (a fresh kiosk: npm run web -- --data NEW_DIR)`)
  }
  // A scenario's cards replace the demo cards: a card it leaves out is unknown headless, but the running kiosk may know it.
  for (const [i, step] of scenario.cards ? scenario.steps.entries() : []) {
    const wanted = 'do' in step ? (step.do === 'tapCard' ? step.number : step.do === 'enterCard' ? step.digits : undefined) : undefined
    const known = wanted && view.cards.some((c) => (wanted.length === 16 ? c.masked === maskCardNumber(wanted) : c.masked.endsWith(wanted.slice(-4))))
    if (known && !scenario.cards!.some((c) => c.number.endsWith(wanted))) {
      warnings.push(`steps[${i}]: ${wanted} is not in the scenario's cards (unknown in a headless run), but the running kiosk seems to know it`)
    }
  }
  const d = view.devices
  const faults = [
    d.billValidator.condition && `billValidator ${d.billValidator.condition}`,
    d.cardReader.readError && 'cardReader readError',
    d.printer.fault && `printer ${d.printer.fault}`,
    d.host.fault && `host ${d.host.fault}`,
    d.pos.fault && `pos ${d.pos.fault}`
  ].filter(Boolean)
  if (faults.length > 0) warnings.push(`faults are switched on: ${faults.join(', ')} (a scenario starts with none; clear them in the technician panel)`)
  if (view.kiosk.screen !== 'idle') warnings.push(`the kiosk is on the ${view.kiosk.screen} screen, not back on idle within the --timeout: a scenario starts on idle`)
  return warnings
}

/** Dotted paths where `actual` differs from `base` (objects compared key by key, anything else whole). */
function configDifferences(base: unknown, actual: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObject(base) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(base), ...Object.keys(actual)])]
    return keys.flatMap((k) => configDifferences(base[k], actual[k], path ? `${path}.${k}` : k))
  }
  return JSON.stringify(base) === JSON.stringify(actual) ? [] : [path]
}

/** One technician connection to a web host: sends intents, keeps the latest view and the journal records it carried. */
class KioskLink {
  view!: TechnicianView
  /** Whether more records were journaled between two views than a view carries: transactions cannot be followed. */
  missedRecords = false
  private readonly journal: JournalEntryView[] = []
  /** The last journal record seen: those before the run are not the run's. */
  private lastSeq = -1
  private errors: string[] = []
  private lastMessageAt = Date.now()
  private closedBecause: string | null = null
  private readonly waiters = new Set<() => void>()
  private pings = 0

  private constructor(
    private readonly socket: WebSocket,
    private readonly url: string
  ) {}

  /** Connects (with the technician key, if any) and waits for the first technician view. */
  static open(url: string, key: string | null): Promise<KioskLink> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, key ? technicianSubprotocols(key) : [], { handshakeTimeout: ANSWER_TIMEOUT_MS })
      const link = new KioskLink(socket, url)
      const timer = setTimeout(() => {
        socket.terminate()
        reject(new LiveError(`${url} accepted the connection but sent no technician view within ${ANSWER_TIMEOUT_MS / 1000} s: is it a kiosk's web host?`))
      }, ANSWER_TIMEOUT_MS)
      socket.on('error', (err) => {
        clearTimeout(timer)
        reject(new LiveError(connectionProblem(url, key, err)))
        link.closedBecause ??= `the connection to ${url} failed: ${err.message}`
        link.wake()
      })
      socket.on('message', (data) => {
        link.receive(data.toString())
        if (link.view) {
          clearTimeout(timer)
          resolve(link)
        }
      })
      socket.on('close', () => {
        clearTimeout(timer)
        reject(new LiveError(`${url} closed the connection before sending a technician view: is it a kiosk's web host?`))
        link.closedBecause ??= `the connection to ${url} closed (did the kiosk stop?)`
        link.wake()
      })
    })
  }

  private receive(text: string): void {
    const message = parseServerMessage(text)
    if (!message) return
    this.lastMessageAt = Date.now()
    if (message.type === 'error') this.errors.push(message.message)
    if (message.type === 'technicianView') {
      const first = !this.view
      this.view = message.view
      const fresh = message.view.journal.filter((r) => r.seq > this.lastSeq)
      if (!first && fresh.length > 0 && fresh[0]!.seq > this.lastSeq + 1) this.missedRecords = true
      if (!first) this.journal.push(...fresh)
      this.lastSeq = Math.max(this.lastSeq, ...message.view.journal.map((r) => r.seq))
    }
    this.wake()
  }

  /** The journal records of this run (a view carries the last 20 with their full data). */
  records(): JournalRecord[] {
    return this.journal as unknown as JournalRecord[]
  }

  /**
   * Sends an intent and returns the host's error for it, or null. The host answers a WebSocket
   * ping only after the messages before it, so once the pong is back every error and every view
   * the intent caused at once have arrived.
   */
  async send(intent: Intent): Promise<string | null> {
    this.ensureOpen()
    this.errors = []
    this.socket.send(JSON.stringify(intent))
    await this.barrier()
    return this.errors[0] ?? null
  }

  private barrier(): Promise<void> {
    const id = String(++this.pings)
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer)
        this.socket.off('pong', onPong)
        this.waiters.delete(onWake)
        if (err) reject(err)
        else resolve()
      }
      const onPong = (data: Buffer) => data.toString() === id && done()
      const onWake = () => this.closedBecause && done(new LinkClosed(this.closedBecause))
      const timer = setTimeout(() => done(new LinkClosed(`${this.url} did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS)
      this.socket.on('pong', onPong)
      this.waiters.add(onWake)
      this.socket.ping(id)
    })
  }

  /** Resolves at the next message, at `deadline`, or when the connection closes (then throws). */
  async changed(deadline: number): Promise<void> {
    this.ensureOpen()
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()))
      this.waiters.add(done)
    })
    this.ensureOpen()
  }

  /** Waits until no message came for `ms` (or `deadline`). */
  async quiet(ms: number, deadline: number): Promise<void> {
    for (let left = this.lastMessageAt + ms - Date.now(); left > 0 && Date.now() < deadline; left = this.lastMessageAt + ms - Date.now()) {
      await new Promise((r) => setTimeout(r, Math.min(left, deadline - Date.now())))
    }
    this.ensureOpen()
  }

  /** Real time passes; the views keep coming meanwhile. */
  async sleep(ms: number): Promise<void> {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) await this.changed(deadline)
  }

  close(): void {
    this.closedBecause ??= 'closed'
    this.socket.close()
  }

  private ensureOpen(): void {
    if (this.closedBecause) throw new LinkClosed(this.closedBecause)
  }

  private wake(): void {
    for (const w of [...this.waiters]) w()
  }
}

/** One line saying why the connection failed, and what to do. */
function connectionProblem(url: string, key: string | null, err: Error & { code?: string }): string {
  const status = /Unexpected server response: (\d+)/.exec(err.message)?.[1]
  if (status === '401') return `${url} refused the technician connection: ${key ? 'the technician key is wrong (the web host makes a new one at every start)' : 'it needs the technician key'}; ${USE_PRINTED}`
  if (status === '403') return `${url} refused the connection (HTTP 403): connect by 127.0.0.1, localhost or the address the web host printed`
  if (status === '503') return `${url} refused the connection: too many clients are connected (HTTP 503)`
  if (status) return `${url} is not a kiosk's WebSocket: it answered HTTP ${status} (the web host's is ws://HOST:PORT/ws)`
  if (err.code === 'ECONNREFUSED') return `cannot connect to ${url}: connection refused; is the kiosk running? Start it with "npm run web" (it prints its address)`
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `cannot connect to ${url}: no such host`
  return `cannot connect to ${url}: ${err.message}`
}
