/**
 * What the kiosk and a processing centre say to each other (the HostLink), where a host keeps its
 * cards and credits (the CardStore), and the rules both hosts share: idempotency, reconciliation,
 * lookups. The simulated host (host.ts) and the HTTP adapter (hostServer/client.ts) implement it.
 */
import { cardReference, type CardRecord } from '../cards'

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
  /**
   * The echo test (a payment network's 0800 message): resolves when the host answers, throws
   * HostUnavailableError when it does not. Asked at power-up and, while the link is down, until it answers.
   */
  echo?(): Promise<void>
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

/** No answer from the host (after the link's own retries): the outcome of what was sent is unknown. */
export class HostUnavailableError extends Error {
  constructor() {
    super('the host does not answer: connection refused')
    this.name = 'HostUnavailableError'
  }
}
