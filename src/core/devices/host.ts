/**
 * The simulated host: the processing centre answering after a latency on the kiosk clock, with
 * balances in a CardStore; or, given a remote host (`--host-url`), the trainer's faults in front of
 * it and the echo tests that tell the kiosk when its link is down. The protocol is in hostLink.ts.
 */
import type { CardRecord, CardStatus } from '../cards'
import { sleep, type KioskClock } from '../clock'
import {
  conflictOf,
  HostUnavailableError,
  type AppliedCredit,
  type CardQuery,
  type CardStore,
  type CardWriteReport,
  type CreditRequest,
  type CreditResult,
  type CreditStatus,
  type HostLink,
  type LookupResult,
  type PendingTopUp,
  type StoredCredit,
  creditStatusIn,
  lookupIn
} from './hostLink'

export * from './hostLink'

/** The simulated host's cards and credits in memory (tests, scenarios, the fleet's kiosks; SqliteCardStore in the hosts). */
export class MemoryCardStore implements CardStore {
  private readonly cards = new Map<string, CardRecord>()
  private readonly credits = new Map<string, CreditResult & { cardNumber: string; amountKzt: number; currency: string; written: boolean }>()
  /** Each card's credits not yet written onto it, in the order applied: a lookup need not scan every credit ever made. */
  private readonly unwritten = new Map<string, Set<string>>()

  constructor(cards: readonly CardRecord[]) {
    for (const c of cards) this.cards.set(c.number, { ...c })
  }

  get(number: string): CardRecord | undefined {
    const card = this.cards.get(number)
    return card && { ...card }
  }

  findByLast8(digits: string): CardRecord[] {
    return this.list().filter((c) => c.number.endsWith(digits))
  }

  list(): CardRecord[] {
    return [...this.cards.values()].map((c) => ({ ...c }))
  }

  applyCredit(request: CreditRequest, appliedAt: string): CreditResult {
    const earlier = this.credits.get(request.idempotencyKey)
    if (earlier) {
      const conflict = conflictOf(earlier, request)
      if (conflict) throw conflict
      return {
        idempotencyKey: earlier.idempotencyKey,
        balanceBeforeKzt: earlier.balanceBeforeKzt,
        balanceAfterKzt: earlier.balanceAfterKzt,
        appliedAt: earlier.appliedAt
      }
    }
    const card = this.cards.get(request.cardNumber)
    if (!card) throw new Error(`unknown card for credit ${request.idempotencyKey}`)
    const result: CreditResult = {
      idempotencyKey: request.idempotencyKey,
      balanceBeforeKzt: card.balanceKzt,
      balanceAfterKzt: card.balanceKzt + request.amountKzt,
      appliedAt
    }
    card.balanceKzt = result.balanceAfterKzt
    this.credits.set(request.idempotencyKey, { ...result, cardNumber: card.number, amountKzt: request.amountKzt, currency: request.currency, written: false })
    if (!this.unwritten.has(card.number)) this.unwritten.set(card.number, new Set())
    this.unwritten.get(card.number)!.add(request.idempotencyKey)
    return result
  }

  pendingTopUps(cardNumber: string): PendingTopUp[] {
    return [...(this.unwritten.get(cardNumber) ?? [])].map((id) => ({ transactionId: id, amountKzt: this.credits.get(id)!.amountKzt }))
  }

  appliedCredits(): AppliedCredit[] {
    return [...this.credits.values()].map((c) => ({ transactionId: c.idempotencyKey, cardNumber: c.cardNumber, amountKzt: c.amountKzt, written: c.written }))
  }

  creditOf(idempotencyKey: string): StoredCredit | undefined {
    const c = this.credits.get(idempotencyKey)
    if (!c) return undefined
    const result = { idempotencyKey, balanceBeforeKzt: c.balanceBeforeKzt, balanceAfterKzt: c.balanceAfterKzt, appliedAt: c.appliedAt }
    return { transactionId: idempotencyKey, cardNumber: c.cardNumber, amountKzt: c.amountKzt, written: c.written, currency: 'KZT', result }
  }

  markWritten(cardNumber: string, transactionIds: readonly string[]): void {
    for (const id of transactionIds) {
      const credit = this.credits.get(id)
      if (credit?.cardNumber === cardNumber) {
        credit.written = true
        this.unwritten.get(cardNumber)!.delete(id)
      }
    }
  }
}

export interface SimulatedHostOptions {
  store: CardStore
  clock: KioskClock
  latencyMs: number
  /** How long each answer takes while the link is slow. */
  slowLatencyMs: number
  /** The operator's card key, to resolve the journal's card references. */
  cardKey: Uint8Array
  /**
   * A real host to speak to instead of the store (the HTTP host, `--host-url`): the simulated faults
   * still apply in front of it, its own latency replaces `latencyMs`, and a training copy stays in memory.
   */
  remote?: HostLink | undefined
  /** How often a remote host that stopped answering is sent an echo test (ms; default 5000). */
  echoIntervalMs?: number
  /** How often a remote host that answers is sent one, so an idle kiosk notices a lost link (ms; none if not given). */
  heartbeatMs?: number
  /** Told when the link to a remote host goes down (no answer after its retries) or comes back (an answer). */
  onLinkChange?: (down: boolean) => void
}

/** A card as the panel lists it: with a remote host, its balance and status as that host last answered (null: not asked yet). */
export interface CardAsKnown {
  number: string
  balanceKzt: number | null
  status: CardStatus | null
}

/** What a trainer can do to the host link (docs/devices.md). */
export type HostFault = 'down' | 'slow' | 'timeoutAfterCredit' | 'timeoutBeforeCredit'

/** How many cards outside the store the panel lists with what a remote host said of them, the latest first kept. */
const HEARD_OTHERS = 10

/**
 * The processing centre over a link that can be down, slow, or lose one answer. A lost answer
 * never resolves: the kiosk's own timer decides it is unknown and retries with the same key.
 */

export class SimulatedHost implements HostLink {
  /** Down or slow last until cleared; the timeouts hit the next credit request only. */
  fault: HostFault | null = null
  /** A remote host's last word on each card this kiosk asked about or credited (the panel shows it; nothing decides on it). */
  private readonly heard = new Map<string, { balanceKzt: number; status: CardStatus }>()
  /** The remote host gave no answer after its retries: down until it answers again (a request or an echo test). */
  private remoteDown = false
  /** The round of echo tests going on (a newer one ends the older). */
  private echoRound = 0
  private echoWait: { id: unknown; done: () => void } | null = null
  private stopped = false

  constructor(private readonly options: SimulatedHostOptions) {
    // The echo test at power-up: a kiosk whose host does not answer goes out of service before a customer finds out.
    if (options.remote?.echo) void this.echoNow().then(() => this.echoRound === 0 && this.echoRounds())
  }

  /** The remote host's address, or null when this process simulates the host itself. */
  get remoteAddress(): string | null {
    return this.options.remote ? (this.options.remote.address ?? 'a remote host') : null
  }

  /**
   * The cards the panel lists: the store's. With a remote host the store only names the cards to
   * tap; balances and statuses are what that host last answered, unknown until it was asked.
   */
  cardsAsKnown(): CardAsKnown[] {
    const cards = this.options.store.list()
    if (!this.options.remote) return cards
    const known = new Set(cards.map((c) => c.number))
    const heardOnly = [...this.heard.keys()].filter((n) => !known.has(n)).map((number) => ({ number }))
    return [...cards, ...heardOnly].map(({ number }) => ({
      number,
      balanceKzt: this.heard.get(number)?.balanceKzt ?? null,
      status: this.heard.get(number)?.status ?? null
    }))
  }

  /**
   * A training host: the same cards as now, copied into memory, answering as this host does. What
   * training credits lands on the copies, never on a real card account.
   */
  trainingCopy(): SimulatedHost {
    return new SimulatedHost({ ...this.options, remote: undefined, store: new MemoryCardStore(this.options.store.list().map((card) => ({ ...card }))) })
  }

  private async answerDelay(): Promise<void> {
    if (this.fault === 'down') {
      await sleep(this.options.clock, 50)
      throw new HostUnavailableError()
    }
    if (this.fault === 'slow' || !this.options.remote)
      await sleep(this.options.clock, this.fault === 'slow' ? this.options.slowLatencyMs : this.options.latencyMs)
  }

  /** Keeps what the remote host said of a card: the store's cards, and the last HEARD_OTHERS others (a day brings thousands). */
  private hear(number: string, card: { balanceKzt: number; status: CardStatus }): void {
    this.heard.delete(number)
    this.heard.set(number, card)
    const others = [...this.heard.keys()].filter((n) => !this.options.store.get(n))
    for (const old of others.slice(0, Math.max(0, others.length - HEARD_OTHERS))) this.heard.delete(old)
  }

  /** A remote host gave no answer after its retries and has not answered an echo test since. */
  get remoteSilent(): boolean {
    return this.remoteDown
  }

  /** The link is down: the trainer's `down` fault, or a remote host that stopped answering. */
  get linkDown(): boolean {
    return this.fault === 'down' || this.remoteDown
  }

  /** No more echo tests (the kiosk stopped): the waiting one's timer is cleared, so nothing keeps a process alive. */
  stop(): void {
    this.stopped = true
    this.endEchoWait()
  }

  /** A request to the remote host: no answer marks the link down (echo tests follow), any answer marks it up. */
  private async remoteCall<T>(call: () => Promise<T>): Promise<T> {
    let result: T
    try {
      result = await call()
    } catch (err) {
      if (err instanceof HostUnavailableError) this.remoteLost()
      else this.remoteBack() // a refusal is an answer: the link works
      throw err
    }
    this.remoteBack()
    return result
  }

  private remoteLost(): void {
    if (this.remoteDown || this.stopped) return
    const wasDown = this.linkDown
    this.remoteDown = true
    if (!wasDown) this.options.onLinkChange?.(true)
    this.echoRounds()
  }

  private remoteBack(): void {
    if (!this.remoteDown || this.stopped) return
    this.remoteDown = false
    if (!this.linkDown) this.options.onLinkChange?.(false)
  }

  private echoNow(): Promise<void> {
    return this.remoteCall(() => this.options.remote!.echo!()).catch(() => undefined)
  }

  /**
   * Echo tests: every `echoIntervalMs` while the link is down, every `heartbeatMs` while it is up (none if not given). A link
   * going down starts a new round at once (the heartbeat's long wait is dropped: the round it belonged to ends at its next turn).
   */
  private echoRounds(): void {
    if (!this.options.remote?.echo) return
    const round = ++this.echoRound
    void (async () => {
      for (;;) {
        const wait = this.remoteDown ? (this.options.echoIntervalMs ?? 5000) : this.options.heartbeatMs
        if (wait === undefined || this.stopped || round !== this.echoRound) return
        await this.waitForEcho(wait)
        if (this.stopped || round !== this.echoRound) return
        await this.echoNow()
      }
    })()
  }

  /** The wait before the next echo test; a newer one (or stop) ends the one before at once. */
  private waitForEcho(ms: number): Promise<void> {
    this.endEchoWait()
    return new Promise((resolve) => {
      const id = this.options.clock.setTimeout(() => {
        this.echoWait = null
        resolve()
      }, ms)
      this.echoWait = { id, done: resolve }
    })
  }

  private endEchoWait(): void {
    if (!this.echoWait) return
    this.options.clock.clearTimeout(this.echoWait.id)
    this.echoWait.done()
    this.echoWait = null
  }

  async echo(): Promise<void> {
    await this.answerDelay()
    const remote = this.options.remote
    if (remote?.echo) await this.remoteCall(() => remote.echo!())
  }

  async lookupCard(query: CardQuery): Promise<LookupResult> {
    await this.answerDelay()
    const { remote, store, cardKey } = this.options
    if (!remote) return lookupIn(store, cardKey, query)
    const result = await this.remoteCall(() => remote.lookupCard(query))
    if (result.found) this.hear(result.card.number, { balanceKzt: result.card.balanceKzt, status: result.card.status })
    return result
  }

  async confirmCardWrite(report: CardWriteReport): Promise<void> {
    await this.answerDelay()
    const remote = this.options.remote
    if (remote) await this.remoteCall(() => remote.confirmCardWrite(report))
    else this.options.store.markWritten(report.cardNumber, report.transactionIds)
  }

  async creditStatus(idempotencyKey: string): Promise<CreditStatus> {
    await this.answerDelay()
    const { remote, store } = this.options
    if (!remote) return creditStatusIn(store, idempotencyKey)
    if (!remote.creditStatus) throw new Error('this host link cannot reconcile a credit')
    return this.remoteCall(() => remote.creditStatus!(idempotencyKey))
  }

  async credit(request: CreditRequest): Promise<CreditResult> {
    const fault = this.fault
    if (fault === 'timeoutBeforeCredit') {
      this.fault = null
      return new Promise<never>(() => {}) // lost on the way: never applied, never answered
    }
    await this.answerDelay()
    const { remote, store, clock } = this.options
    const result = remote ? await this.remoteCall(() => remote.credit(request)) : store.applyCredit(request, new Date(clock.now()).toISOString())
    // Credited, so active: the status last heard, the balance the credit left.
    if (remote) this.hear(request.cardNumber, { status: this.heard.get(request.cardNumber)?.status ?? 'active', balanceKzt: result.balanceAfterKzt })
    if (fault === 'timeoutAfterCredit') {
      this.fault = null
      return new Promise<never>(() => {}) // applied, but the answer is lost
    }
    return result
  }
}

export type { CardStatus }
