/** The kiosk machine's context, events and the pure helpers the machine and the views share. */
import type { CardRecord } from '../cards'
import { maskCardNumber } from '../cards'
import { locationIn, type KioskConfig } from '../config'
import type { CardQuery, CreditResult, PendingTopUp } from '../devices/host'
import type { DeclineReason } from '../devices/pos'
import type { EmittedData, JournalEmittedOf, SettingsSection } from '../domain/journalRecords'
import type { PinAttempts, ServicePage, ServiceRole } from '../service/roles'
import type { Transaction } from '../domain/transaction'
import type { JournalKind, JournalProblem } from '../journal'
import { cardBreakdown, cashBreakdown, type AmountRefusal, type CashBreakdown, type Note, type NoteContext, type RateQuote } from '../money'
import type { KeypadKey, Language, ReceiptView, ReturnedNote, ReturnReason } from '../protocol'
import type { InterruptedTransaction } from '../recovery'
import type { BillValidatorReport, CashboxCount, ValidatorCondition } from './billValidatorMachine'
import type { CardReaderReport } from './cardReaderMachine'

export { receiptTokenFor, transactionIdFor, type PaymentMethod, type RateLock, type Transaction } from '../domain/transaction'

/** A note between the validator's entrance and the cashbox or the customer's hand. */
export interface PendingNote {
  note: Note
  /** escrow: waiting for our decision or being returned; stacking: on its way into the cashbox. */
  phase: 'escrow' | 'stacking'
  /** Why it is being returned, once decided. */
  returnReason: ReturnReason | null
}

export interface KioskContext {
  config: KioskConfig
  language: Language
  /** The language the attract screen returns to for the next customer. */
  defaultLanguage: Language
  /** Today's rates (tenge per unit); a quote copies them, later changes affect new quotes only. */
  marketRates: RateQuote
  /** Highest transaction number used so far (from the journal, so it survives restarts). */
  lastTransactionNumber: number
  /** This start's secret random value: transaction ids and e-receipt tokens are derived from it. */
  bootNonce: string
  /** The journal failed its start-up check: the kiosk takes no money until staff accept it. */
  journalProblem: JournalProblemState | null
  cardEntry: string
  amountEntry: string
  cardQuery: CardQuery | null
  card: CardRecord | null
  amountKzt: number | null
  amountRefusal: AmountRefusal | null
  transaction: Transaction | null
  /** The quote ran out: take a fresh one as soon as no note is on its way in. */
  quoteExpired: boolean
  pendingNote: PendingNote | null
  lastReturned: ReturnedNote | null
  declineReason: DeclineReason | null
  credit: CreditResult | null
  /** Credit requests sent for this transaction (all with its id as the idempotency key). */
  creditAttempts: number
  /**
   * Set when the credit's outcome stayed unknown after every attempt and the transaction was
   * flagged for an operator: the ISO instant of the flag (the receipt's time); null otherwise.
   */
  flaggedAt: string | null
  receiptPrinting: 'printing' | 'printed' | 'failed' | null
  /** The card's top-ups the host holds that are not yet written onto the card (from the lookup). */
  pendingTopUps: PendingTopUp[]
  /** Writing top-ups onto the card: this transaction's after payment, or earlier pending ones at a tap. */
  cardWrite: CardWriteState | null
  /** Transactions whose top-ups the last card write put onto the card (to confirm to the host). */
  writtenTopUps: string[]
  /** Earlier pending top-ups written onto the card at this session's tap (tenge), for the amount screen. */
  activatedKzt: number
  warningSecondsLeft: number
  /** The host link is down (the kiosk is out of service until it comes back). */
  hostDown: boolean
  /** Why the bill validator takes no notes (cash payment is not offered), or null. */
  cashUnavailable: ValidatorCondition | null
  /** A transaction interrupted by a restart, waiting to be finished. */
  interrupted: InterruptedTransaction | null
  /** The cassette's count when the kiosk started (the validator's initial count). */
  startCashbox: CashboxCount[]
  /** This session finishes a transaction interrupted by a restart (the screens say so). */
  resumed: boolean
  /** The host answered this transaction's credit with a conflict (its key was used for another card or amount). */
  creditConflict: boolean
  /** The storage failure that put the kiosk out of service interrupted a customer's session. */
  outageInSession: boolean
  /** Staff logged in to service mode (the role their PIN opened), or null. */
  staff: { role: ServiceRole } | null
  /** Service entry was asked for during a customer's session: it opens once the session ends. */
  serviceWaiting: boolean
  /** Wrong PINs in a row and the lockout (folded from the journal at power-up). */
  pinAttempts: PinAttempts
  /** The last PIN entered was wrong (the pad says so until the next one). */
  pinWrong: boolean
  /** How long the lockout the kiosk shows lasts from when it was shown (ms): the delay of `serviceLocked`. */
  lockoutMsLeft: number
  /** Staff took the kiosk out of service with this reason (the switch in service mode), or null. */
  closedReason: string | null
  /** Training mode: transactions are marked training, a training host answers, totals leave them out. */
  training: boolean
}

export interface CardWriteState {
  purpose: 'topUp' | 'activation'
  /** waiting: for the card on the reader; writing: hold still; written; failed: the top-up stays pending at the host. */
  phase: 'waiting' | 'writing' | 'written' | 'failed'
  /**
   * Why the write is not going on: another card was tapped, the reader could not read it, or the card was lifted
   * mid-write (pulled: the customer is asked to put it back).
   */
  problem: 'wrongCard' | 'readError' | 'pulled' | null
  /** The card was lifted mid-write once and asked back: lifted again, the write is given up. */
  askedBack: boolean
  failure: 'cardRemoved' | 'notPresented' | null
}

export interface JournalProblemState {
  problem: JournalProblem
  message: string
}

export interface KioskInput {
  config: KioskConfig
  lastTransactionNumber: number
  /** Secret random hex for this start (see `Kiosk`'s bootNonce). */
  bootNonce: string
  /** The journal failed its start-up check (null: it is trusted). */
  journalProblem?: JournalProblemState | null
  marketRates: RateQuote
  /** The attract screen's language (a test's or host's choice); otherwise the configuration's terminal.defaultLanguage. */
  language?: Language
  /** A transaction the kiosk was in the middle of when it stopped: finished first (../recovery). */
  interrupted?: InterruptedTransaction | null
  /** The cassette's count at start (from the journal). */
  cashbox?: CashboxCount[]
  /** Service mode's state kept in the journal: wrong PINs and lockout, the out-of-service switch, training mode. */
  pinAttempts?: PinAttempts
  closedReason?: string | null
  training?: boolean
}

/** Customer intents arrive prefixed with `customer.`; their payload is the intent's. */
export type CustomerEvent =
  | { type: 'customer.language'; code: Language }
  | { type: 'customer.start' }
  | { type: 'customer.keypad'; key: KeypadKey }
  | { type: 'customer.submitCard' }
  | { type: 'customer.chooseAmount'; kzt: number }
  | { type: 'customer.submitAmount' }
  | { type: 'customer.payCash' }
  | { type: 'customer.payCard' }
  | { type: 'customer.confirm' }
  | { type: 'customer.cancel' }
  | { type: 'customer.back' }
  | { type: 'customer.moreTime' }
  | { type: 'customer.keepGoing' }
  | { type: 'customer.done' }

/** From the operator's back office (technician panel, scenarios): a new market rate. */
export type MarketEvent = { type: 'market.rateChanged'; currency: Exclude<Note['currency'], 'KZT'>; rate: string }

/** The host link's heartbeat: the runtime reports it going down and coming back. */
export type HostLinkEvent = { type: 'host.down' } | { type: 'host.up' }

/**
 * Service mode. The PIN itself never enters the machine (nor its inspector): the runtime checks it
 * against the configured hashes and reports the roles it opens and when (`staff.pinChecked`).
 */
export type StaffEvent =
  /** The service door opened, or the hidden gesture on the screen: the PIN pad (once no customer is served). */
  | { type: 'service.entryRequested'; via: 'door' | 'gesture'; at: number }
  /** The service door closed: whoever is logged in is logged out. */
  | { type: 'service.doorClosed' }
  | { type: 'staff.pinChecked'; roles: ServiceRole[]; at: number }
  | { type: 'staff.cancel' }
  | { type: 'staff.logout' }
  | { type: 'staff.open'; page: ServicePage | 'menu' }
  /** Staff did something the runtime carried out (a recount, a report, a test): they are still there. */
  | { type: 'staff.activity' }
  | { type: 'staff.setOutOfService'; reason: string | null }
  | { type: 'staff.setTraining'; on: boolean }
  /** New settings, already checked by the configuration's schema: applied from the next quote on. */
  | { type: 'staff.changeSettings'; section: SettingsSection; config: KioskConfig; marketRates: RateQuote; before: unknown; after: unknown }

export type KioskEvent =
  | CustomerEvent
  | StaffEvent
  | CardReaderReport
  | BillValidatorReport
  | MarketEvent
  | HostLinkEvent
  | { type: 'session.timedOut' }
  /** A wait the customer did not cause is over (the bank-card terminal answered or gave up): their inactivity time starts again. */
  | { type: 'session.waitOver' }
  /** The journal cannot be written: the kiosk goes out of service at once (the runtime restarts it once it can). */
  | { type: 'storage.failed' }

export type { JournalEmitted, JournalEmittedOf } from '../domain/journalRecords'

/** A journal record the runtime must write before the new state is shown, its data typed by its kind. */
export const journal = <K extends JournalKind>(kind: K, data: EmittedData<K>): JournalEmittedOf<K> => ({ type: 'journal', kind, data })

/** The session part of the context, as a new customer finds it. */
export const NO_SESSION = {
  cardEntry: '',
  amountEntry: '',
  cardQuery: null,
  card: null,
  amountKzt: null,
  amountRefusal: null,
  transaction: null,
  quoteExpired: false,
  pendingNote: null,
  lastReturned: null,
  declineReason: null,
  credit: null,
  creditAttempts: 0,
  flaggedAt: null,
  receiptPrinting: null,
  pendingTopUps: [],
  cardWrite: null,
  writtenTopUps: [],
  activatedKzt: 0,
  resumed: false,
  creditConflict: false,
  warningSecondsLeft: 0
} satisfies Partial<KioskContext>

export const MAX_AMOUNT_DIGITS = 7

/** Applies a keypad key to a digit entry, keeping at most `maxLength` digits and no leading zero. */
export function applyKeypadKey(entry: string, key: KeypadKey, maxLength: number): string {
  if (key === 'clear') return ''
  if (key === 'backspace') return entry.slice(0, -1)
  if (entry.length >= maxLength || (entry === '' && key === '0' && maxLength === MAX_AMOUNT_DIGITS)) return entry
  return entry + key
}

/** Rules 1–5 for the transaction so far: stacked cash at its quote, or the bank-card amount. */
export function transactionBreakdown(context: Pick<KioskContext, 'transaction' | 'config' | 'amountKzt'>): CashBreakdown {
  const t = context.transaction
  if (t?.method === 'card') return cardBreakdown(context.amountKzt ?? 0, context.config)
  return cashBreakdown(t?.stacked ?? [], t?.quote?.rates ?? {}, context.config)
}

/** The transaction a note in the validator's path belongs to: none for a stray note pushed in outside the cash screen. */
export function transactionOfPendingNote(context: Pick<KioskContext, 'pendingNote' | 'transaction'>): Transaction | null {
  return context.pendingNote?.returnReason === 'acceptorOff' ? null : context.transaction
}

/** The card's earlier top-ups still pending at the host (not the open transaction's own credit). */
export function earlierPendingTopUps(context: Pick<KioskContext, 'pendingTopUps' | 'transaction'>): PendingTopUp[] {
  return context.pendingTopUps.filter((p) => p.transactionId !== context.transaction?.id)
}

/** What the money rules need to decide on a note in this transaction. */
export function noteContext(context: KioskContext): NoteContext {
  return {
    stacked: context.transaction?.stacked ?? [],
    amountKzt: context.amountKzt ?? 0,
    balanceKzt: context.card?.balanceKzt ?? 0,
    quote: context.transaction?.quote?.rates ?? {},
    config: context.config
  }
}

/** The receipt of the credited transaction, as the screen and the printer show it. */
export function buildReceipt(context: KioskContext): ReceiptView | null {
  const { transaction, credit, card, config } = context
  // A transaction flagged after a restart whose card the host could not name still gets its receipt: the reference.
  if (!transaction || ((!card || !credit) && context.flaggedAt === null)) return null
  const usedRates = transaction.quote && transaction.stacked.some((n) => n.currency !== 'KZT') ? transaction.quote : null
  return {
    transactionId: transaction.id,
    method: transaction.method,
    status: context.flaggedAt !== null ? 'flagged' : context.cardWrite?.phase === 'written' ? 'completed' : 'pending',
    maskedCard: card ? maskCardNumber(card.number) : null,
    time: credit?.appliedAt ?? context.flaggedAt ?? '',
    notes: transaction.stacked,
    notesInDoubt: transaction.inDoubt,
    quote: usedRates && {
      rates: Object.fromEntries(Object.entries(usedRates.rates).filter(([code]) => transaction.stacked.some((n) => n.currency === code))),
      quotedAt: usedRates.quotedAt
    },
    cardPayment: transaction.cardPayment,
    breakdown: transactionBreakdown(context),
    printed: context.receiptPrinting ?? 'printing',
    eReceiptUrl: config.terminal.eReceiptBaseUrl + transaction.receiptToken,
    balanceBeforeKzt: credit?.balanceBeforeKzt ?? card?.balanceKzt ?? null,
    balanceAfterKzt: credit?.balanceAfterKzt ?? null,
    terminalId: config.terminal.id,
    issuerName: config.terminal.issuerName,
    issuerBin: config.terminal.issuerBin,
    location: locationIn(config.terminal.location, context.language),
    supportPhone: config.terminal.supportPhone,
    ...(context.training ? { training: true as const } : {})
  }
}
