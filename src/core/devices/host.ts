/**
 * The host link: the processing centre that knows cards and balances and applies credits.
 * The simulated host answers after a latency on the kiosk clock and keeps balances in a CardStore.
 */
import { cardReference, type CardRecord, type CardStatus } from '../cards'
import { sleep, type KioskClock } from '../clock'

/**
 * How the kiosk names a card: tapped (its number), typed (its last 8 digits), or after a restart
 * by the keyed reference the journal holds (the host shares the operator's card key).
 */
export type CardQuery = { number: string } | { last8: string } | { reference: string }

/** A credit the host applied that is not yet written onto the card: it activates at the card's next tap. */
export interface PendingTopUp {
  transactionId: string
  amountKzt: number
}

export interface AppliedCredit extends PendingTopUp {
  cardNumber: string
  written: boolean
}

export type LookupResult = { found: true; card: CardRecord; pending: PendingTopUp[] } | { found: false }

/** The kiosk wrote these top-ups onto the card: the host stops holding them as pending. */
export interface CardWriteReport {
  cardNumber: string
  transactionIds: string[]
}

export interface CreditRequest {
  /**
   * The transaction id: a repeated key is answered with the first result, never applied twice; a
   * key used before for another card, amount or currency is refused (IdempotencyConflictError).
   */
  idempotencyKey: string
  cardNumber: string
  amountKzt: number
  /** Credits are in tenge; kept with the key so a reused key can be told apart. */
  currency: 'KZT'
}

/**
 * The host already applied this idempotency key to another card, amount or currency: the request is
 * not a retry of that credit. Never answered as a success (that would take the customer's cash and
 * credit nothing); the kiosk flags the top-up for an operator.
 */
export class IdempotencyConflictError extends Error {
  readonly code = 'idempotencyConflict'
  constructor(
    readonly idempotencyKey: string,
    readonly differs: ('card' | 'amount' | 'currency')[]
  ) {
    super(`idempotency key ${idempotencyKey} was used before for another ${differs.join(' and ')}`)
    this.name = 'IdempotencyConflictError'
  }
}

/** What differs between the request a key was first applied for and a new request with the same key. */
export function conflictOf(earlier: { cardNumber: string; amountKzt: number; currency: string }, request: CreditRequest): IdempotencyConflictError | null {
  const differs: ('card' | 'amount' | 'currency')[] = []
  if (earlier.cardNumber !== request.cardNumber) differs.push('card')
  if (earlier.amountKzt !== request.amountKzt) differs.push('amount')
  if (earlier.currency !== request.currency) differs.push('currency')
  return differs.length > 0 ? new IdempotencyConflictError(request.idempotencyKey, differs) : null
}

export interface CreditResult {
  idempotencyKey: string
  balanceBeforeKzt: number
  balanceAfterKzt: number
  /** ISO 8601 instant at which the host applied the credit. */
  appliedAt: string
}

/** One credit as the host keeps it under its idempotency key. */
export interface StoredCredit extends AppliedCredit {
  currency: 'KZT'
  result: CreditResult
}

/**
 * What the host knows of an idempotency key: how an unknown outcome is reconciled. `notApplied`
 * means no credit with this key reached the host (yet): a retry with the same key may still apply it.
 */
export type CreditStatus = ({ status: 'applied' } & StoredCredit) | { status: 'notApplied'; transactionId: string }

export interface HostLink {
  /** Where this host is, for people (the HTTP host's URL); absent for the in-process host. */
  readonly address?: string
  lookupCard(query: CardQuery): Promise<LookupResult>
  credit(request: CreditRequest): Promise<CreditResult>
  confirmCardWrite(report: CardWriteReport): Promise<void>
  /** Reconciliation: whether the host applied the credit of this key (the in-process and HTTP hosts both answer it). */
  creditStatus?(idempotencyKey: string): Promise<CreditStatus>
}

/** Where the simulated host keeps its cards and applied credits (SQLite in the hosts, memory in tests). */
export interface CardStore {
  get(number: string): CardRecord | undefined
  findByLast8(digits: string): CardRecord[]
  list(): CardRecord[]
  /**
   * Applies a credit once per idempotency key, atomically; returns the first result for a repeated
   * key with the same card, amount and currency, and throws IdempotencyConflictError for a key used
   * for anything else.
   */
  applyCredit(request: CreditRequest, appliedAt: string): CreditResult
  /** The card's applied credits not yet written onto it, oldest first. */
  pendingTopUps(cardNumber: string): PendingTopUp[]
  /** Marks those credits as written onto the card (unknown or already written ids are ignored). */
  markWritten(cardNumber: string, transactionIds: readonly string[]): void
  /** Every credit applied, oldest first (for reports, audits and the money-invariant checks). */
  appliedCredits(): AppliedCredit[]
  /** The credit applied under this key, if any (reconciliation). */
  creditOf?(idempotencyKey: string): StoredCredit | undefined
  close?(): void
}

/** The credit status of a key in a store (stores without `creditOf` are searched through their applied credits). */
export function creditStatusIn(store: CardStore, idempotencyKey: string): CreditStatus {
  const credit = store.creditOf?.(idempotencyKey)
  return credit ? { status: 'applied', ...credit } : { status: 'notApplied', transactionId: idempotencyKey }
}

/**
 * A card lookup answered from a store: by number, by the journal's keyed reference, or by the last 8 digits
 * (two cards sharing them cannot be told apart by typing: not found, the kiosk asks for a tap instead).
 */
export function lookupIn(store: CardStore, cardKey: Uint8Array, query: CardQuery): LookupResult {
  let card: CardRecord | undefined
  if ('number' in query) card = store.get(query.number)
  else if ('reference' in query) card = store.list().find((c) => cardReference(c.number, cardKey) === query.reference)
  else {
    const matches = store.findByLast8(query.last8)
    card = matches.length === 1 ? matches[0] : undefined
  }
  return card ? { found: true, card, pending: store.pendingTopUps(card.number) } : { found: false }
}

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
}

/** A card as the panel lists it: with a remote host, its balance and status as that host last answered (null: not asked yet). */
export interface CardAsKnown {
  number: string
  balanceKzt: number | null
  status: CardStatus | null
}

/** What a trainer can do to the host link (docs/devices.md). */
export type HostFault = 'down' | 'slow' | 'timeoutAfterCredit' | 'timeoutBeforeCredit'

export class HostUnavailableError extends Error {
  constructor() {
    super('the host does not answer: connection refused')
    this.name = 'HostUnavailableError'
  }
}

/**
 * The processing centre over a link that can be down, slow, or lose one answer. A lost answer
 * never resolves: the kiosk's own timer decides it is unknown and retries with the same key.
 */
export class SimulatedHost implements HostLink {
  /** Down or slow last until cleared; the timeouts hit the next credit request only. */
  fault: HostFault | null = null
  /** A remote host's last word on each card this kiosk asked about or credited (the panel shows it; nothing decides on it). */
  private readonly heard = new Map<string, { balanceKzt: number; status: CardStatus }>()

  constructor(private readonly options: SimulatedHostOptions) {}

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

  async lookupCard(query: CardQuery): Promise<LookupResult> {
    await this.answerDelay()
    const { remote, store, cardKey } = this.options
    if (!remote) return lookupIn(store, cardKey, query)
    const result = await remote.lookupCard(query)
    if (result.found) this.heard.set(result.card.number, { balanceKzt: result.card.balanceKzt, status: result.card.status })
    return result
  }

  async confirmCardWrite(report: CardWriteReport): Promise<void> {
    await this.answerDelay()
    if (this.options.remote) await this.options.remote.confirmCardWrite(report)
    else this.options.store.markWritten(report.cardNumber, report.transactionIds)
  }

  async creditStatus(idempotencyKey: string): Promise<CreditStatus> {
    await this.answerDelay()
    const { remote, store } = this.options
    if (!remote) return creditStatusIn(store, idempotencyKey)
    if (!remote.creditStatus) throw new Error('this host link cannot reconcile a credit')
    return remote.creditStatus(idempotencyKey)
  }

  async credit(request: CreditRequest): Promise<CreditResult> {
    const fault = this.fault
    if (fault === 'timeoutBeforeCredit') {
      this.fault = null
      return new Promise<never>(() => {}) // lost on the way: never applied, never answered
    }
    await this.answerDelay()
    const { remote, store, clock } = this.options
    const result = remote ? await remote.credit(request) : store.applyCredit(request, new Date(clock.now()).toISOString())
    const before = this.heard.get(request.cardNumber)
    if (remote) this.heard.set(request.cardNumber, { status: before?.status ?? 'active', balanceKzt: result.balanceAfterKzt })
    if (fault === 'timeoutAfterCredit') {
      this.fault = null
      return new Promise<never>(() => {}) // applied, but the answer is lost
    }
    return result
  }
}

export type { CardStatus }
