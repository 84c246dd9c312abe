/**
 * What the core shows: the serialisable views the kiosk screen and the technician panel render,
 * derived from the core's snapshot (src/core/view.ts). Types only, and the screen names.
 */
import type { ArmedFaultView, ChartView, TrainingView } from './training'
import type { CurrencyCode } from '../config'
import type { DeclineReason } from '../devices/pos'
import type { AmountRefusal, CashBreakdown, Note, NoteRefusal, PayingOption } from '../money'
import type { DeviceFault } from './faults'
import type { Language } from './intents'
import type { CollectionView, DenominationCount, ServiceView } from './serviceViews'

/** Stable screen names (documented in docs/scenarios.md; scenarios `expect` them). */
export const SCREENS = [
  'idle',
  'outOfService',
  'card',
  'checkingCard',
  'cardReadError',
  'cardUnknown',
  'cardBlocked',
  'cardExpired',
  'serviceUnavailable',
  'amount',
  'paymentMethod',
  'cash',
  'bankCard',
  'bankCardDeclined',
  'bankCardTimeout',
  'billJam',
  'crediting',
  'cardWrite',
  'receipt',
  'thankYou',
  'storageFailed',
  'journalUntrusted',
  // Service mode (issue 15): the customer sees "temporarily out of service" on each.
  'servicePin',
  'serviceLocked',
  'serviceMenu',
  'serviceCollection',
  'serviceReports',
  'serviceJournal',
  'serviceClaims',
  'serviceDevices',
  'serviceSettings'
] as const
export type ScreenName = (typeof SCREENS)[number]

/** A one-touch amount on the amount screen. */
export interface AmountPresetView {
  kzt: number
  available: boolean
  /** Why it cannot be chosen (a message key): below the minimum, above the maximum, or over the card's balance cap. */
  reason?: AmountRefusal
}

export interface CardView {
  masked: string
  balanceKzt: number
}

/**
 * Why a note came back out of the validator: a money rule refused it (NoteRefusal), the
 * acceptor was off or busy, the customer cancelled, the note sat in escrow too long, or the
 * validator found it counterfeit or unreadable, or the validator pushed it out at power-up, or the
 * kiosk went out of service (its journal could not be written) while the note was in escrow.
 */
export type ReturnReason = NoteRefusal | 'acceptorOff' | 'validatorBusy' | 'cancelled' | 'escrowTimeout' | 'counterfeit' | 'powerUp' | 'outOfService'

export interface ReturnedNote {
  note: Note
  reason: ReturnReason
}

/** The rate quote on the cash screen: when it was taken and until when it holds (null once locked). */
export interface QuoteView {
  rates: { currency: CurrencyCode; rate: string }[]
  quotedAt: string
  /** ISO instant the quote runs out if no note is stacked; null once a stacked note locked it. */
  validUntil: string | null
}

export interface CashView {
  stacked: Note[]
  /** Stacked cash per currency (foreign cash in whole units). */
  paid: { currency: CurrencyCode; units: number }[]
  quote: QuoteView | null
  /** Per accepted currency, the notes that reach the chosen amount and what they would credit. */
  options: PayingOption[]
  breakdown: CashBreakdown
  /** Tenge cash still to insert for the chosen amount, fee included (what reaches it net), 0 once reached; the credit is `breakdown.creditedKzt`. */
  remainingKzt: number
  noteInEscrow: Note | null
  lastReturned: ReturnedNote | null
  /** Whether the acceptor takes notes now (off once the amount is reached). */
  accepting: boolean
}

export interface CardWriteView {
  /** topUp: this transaction after payment; activation: earlier pending top-ups at the card's tap. */
  purpose: 'topUp' | 'activation'
  phase: 'waiting' | 'writing' | 'written' | 'failed'
  /** Why the write is not going on: another card tapped, a failed read, or the card lifted mid-write (asked back once). */
  problem: 'wrongCard' | 'readError' | 'pulled' | null
  failure: 'cardRemoved' | 'notPresented' | null
  /** How long the kiosk waits for the card (timeouts.cardWriteSeconds, again after it is asked back). */
  waitSeconds: number
  /** Tenge being written onto the card. */
  amountKzt: number
  /** The customer may leave before the write ("later", the `done` intent): the top-up then stays pending at the host. */
  canLeave: boolean
}

export interface BankCardView {
  amountKzt: number
  breakdown: CashBreakdown
  declineReason: DeclineReason | null
}

export interface ReceiptView {
  transactionId: string
  method: 'cash' | 'card'
  /**
   * completed: credited and written onto the card; pending: credited at the host, activates at the
   * card's next tap on a kiosk; flagged: an operator resolves it (reference = transactionId) — the
   * credit's outcome is unknown (balanceAfterKzt null) and/or a note is in doubt after a jam.
   */
  status: 'completed' | 'pending' | 'flagged'
  /** null: the kiosk could not identify the card (a top-up flagged after a power cut); the reference finds it. */
  maskedCard: string | null
  /** ISO 8601 instant of the credit. */
  time: string
  notes: Note[]
  /** Notes the validator jammed on: staff check whether they reached the cashbox. */
  notesInDoubt: Note[]
  /** The locked rates used for foreign notes, and when they were quoted. */
  quote: { rates: Partial<Record<CurrencyCode, string>>; quotedAt: string } | null
  cardPayment: { maskedPan: string; authCode: string } | null
  breakdown: CashBreakdown
  /** null when the card could not be identified. */
  balanceBeforeKzt: number | null
  /** null while the credit is being processed (flagged). */
  balanceAfterKzt: number | null
  /** The paper receipt: being printed, printed, or not printed (paper out, jam) — then the QR e-receipt is the proof. */
  printed: 'printing' | 'printed' | 'failed'
  /** The e-receipt's address, for the QR code. */
  eReceiptUrl: string
  terminalId: string
  issuerName: string
  issuerBin: string
  location: string
  supportPhone: string
  /** Made in training mode: marked TRAINING, not a real payment. */
  training?: true
}

/** "Cancel the top-up?" over the screen (a card is known): what cancelling leaves the customer with. */
export interface CancelQuestionView {
  /** The card's balance: cancelling leaves it as it is. */
  balanceKzt: number
  /** A note on its way back out of the slot: cancelling returns it. */
  returningNote: Note | null
}

export interface InactivityWarningView {
  secondsLeft: number
  totalSeconds: number
  /** What happens at zero: the session ends (no money in), or the top-up completes with a receipt. */
  onExpiry: 'endSession' | 'completeTopUp'
}

/** Everything the kiosk screen shows, derived from the core's snapshot. */
export interface KioskView {
  screen: ScreenName
  language: Language
  terminal: { id: string; location: string; supportPhone: string; demo: boolean }
  limits: { minTopUpKzt: number; maxTopUpKzt: number; maxBalanceKzt: number }
  /** The one-touch amounts, each with whether this card can take it and, if not, why (the refusal a typed amount would get). */
  amountPresets: AmountPresetView[]
  acceptedNotes: Note[]
  /** Digits typed on the card keypad (at most 8). */
  cardEntry: string
  /** Digits typed on the amount keypad. */
  amountEntry: string
  card: CardView | null
  /** The session's card lies on the reader now (tapped, not lifted; not a typed number): "do not remove the card" applies. */
  cardOnReader: boolean
  /** Largest amount this card can take now (per-top-up maximum and balance cap). */
  maxAmountKzt: number | null
  amountKzt: number | null
  amountRefusal: AmountRefusal | null
  cash: CashView | null
  canCancel: boolean
  canGoBack: boolean
  canConfirm: boolean
  /** Inactivity warning with its countdown, or null. */
  warning: InactivityWarningView | null
  /** The question before Cancel ends a session with a known card (Keep going / Cancel), or null. */
  cancelQuestion: CancelQuestionView | null
  receipt: ReceiptView | null
  /** The printer's roll (devices.printer.paper): the screen draws receipts at its width, so screen and paper break lines alike. */
  receiptPaper: '80mm' | '58mm'
  /** The payment methods offered, on the payment-method screen. */
  paymentMethods: { cash: boolean; card: boolean }
  /** Cash is not taken now: the stacker is full, the cassette is out or the validator jammed (staff must clear it). */
  cashUnavailable: Exclude<DeviceFault<'billValidator'>, 'counterfeit'> | null
  /** Notes of the open transaction the validator jammed on (billJam screen and after). */
  notesInDoubt: Note[]
  /** The card's top-ups credited at the host but not yet on the card (amount screen), and those just activated by this tap. */
  pendingTopUps: { count: number; amountKzt: number; activatedKzt: number } | null
  /** Writing top-ups onto the card (cardWrite screen). */
  cardWrite: CardWriteView | null
  /** This session finishes a top-up the kiosk was in the middle of when it restarted (power cut, crash). */
  resumed: boolean
  /** The open top-up from the cash or bank-card screen to the receipt: what it credits so far. */
  topUp: { transactionId: string; method: 'cash' | 'card'; breakdown: CashBreakdown } | null
  /** What paying the chosen amount by bank card would credit (payment method and bank-card screens). */
  cardPreview: CashBreakdown | null
  bankCard: BankCardView | null
  /** On the outOfService screen: the host link is down, the kiosk's core stopped (a fault staff must look at), or staff closed it (with why). */
  outOfService: 'hostDown' | 'stopped' | 'closedByStaff' | null
  /** Service mode: the PIN pad, the lockout, or the page staff have open; null for customers' screens. */
  service: ServiceView | null
  /** Training mode: every screen and receipt says TRAINING (in the kiosk's language). */
  training: boolean
  /** On the storageFailed screen: what became of the money of the session the failure interrupted. */
  moneyOutcome: MoneyOutcomeView | null
}

/**
 * What became of a customer's money when the kiosk went out of service in the middle of their
 * session (its journal could not be written): a note in escrow was given back; notes already in the
 * cassette (or a bank-card payment) are safe and credited once the kiosk is back, or claimed with
 * the reference.
 */
export interface MoneyOutcomeView {
  /** The transaction's reference (null when no money had gone in). */
  reference: string | null
  /** Notes given back at the failure. */
  returned: Note[]
  /** Notes in the cassette. */
  stacked: Note[]
  /** Notes the validator jammed on (in doubt). */
  inDoubt: Note[]
  /** A bank-card payment was taken. */
  cardPaid: boolean
  /** The credit reached the card account already. */
  credited: boolean
  /** Tenge the money in is worth to the card (after fee and bonus). */
  creditedKzt: number
}

export interface JournalEntryView {
  seq: number
  time: string
  kind: string
  data: Record<string, unknown>
}

export interface DemoCardView {
  masked: string
  /** The card's keyed reference (as in the journal): tap it with `{type:'tapCard', cardRef}`; no view carries a full number. */
  cardRef: string
  /** With a remote host (`--host-url`): as that host last answered, null until it was asked about the card. */
  balanceKzt: number | null
  status: 'active' | 'blocked' | 'expired' | null
}

/** What the technician panel shows: the kiosk view plus devices, cards and the journal. */
export interface TechnicianView {
  kiosk: KioskView
  /** The kiosk machine's full state value, e.g. `session.cash.accepting`. */
  state: string
  devices: {
    billValidator: {
      state: string
      noteInEscrow: Note | null
      acceptedNotes: Note[]
      cashbox: { currency: CurrencyCode; value: number; count: number }[]
      condition: Exclude<DeviceFault<'billValidator'>, 'counterfeit'> | null
      counterfeitNext: boolean
      jamNext: boolean
      /** The note stuck in the path while jammed (in doubt). */
      jammedNote: Note | null
      stackerCapacity: number
    }
    cardReader: { cardPresent: string | null; state: 'empty' | 'present' | 'writing'; readError: boolean; writingFor: string | null }
    printer: { fault: DeviceFault<'printer'> | null; printed: number; lastReceipt: string | null; reprintable: string[] }
    /**
     * address: the remote host's URL (`--host-url`), null when the kiosk simulates the host itself; silent: that host gave no
     * answer after its retries and has not answered an echo test since (the kiosk counts the link as down).
     */
    host: { fault: DeviceFault<'host'> | null; address: string | null; silent: boolean }
    pos: { fault: DeviceFault<'pos'> | null; declineReason: DeclineReason | null }
    /** The storage drill on the journal's disk. */
    storage: { fault: DeviceFault<'storage'> | null }
  }
  /** Why the kiosk cannot be trusted with money now: what staff must see first. */
  integrity: {
    /** The journal failed its start-up check (chain broken, rolled back, replaced): out of service until staff accept it. */
    journal: { problem: 'chainBroken' | 'rolledBack' | 'replaced'; message: string } | null
    /** The journal cannot be written (disk full, read-only, locked, file deleted, I/O error). */
    storage: { failure: 'diskFull' | 'readOnly' | 'locked' | 'fileDeleted' | 'ioError'; message: string; since: string; simulated: boolean } | null
    /** The core stopped on an error (a bug): the message. */
    stopped: string | null
    /** The journal could not be read for this panel. */
    journalUnreadable: string | null
  }
  /** The cash counters and the last cash collections, from the journal. */
  cash: {
    /** The cassette's notes since it was last collected (the journal's count, which the audit checks the validator's against). */
    sinceCollection: DenominationCount[]
    /** Every note stacked over the journal's life. */
    lifetime: DenominationCount[]
    /** The last few collections, oldest first, with their recount once entered. */
    collections: CollectionView[]
  }
  /** Today's market rates; they apply to new quotes only. */
  marketRates: { currency: CurrencyCode; rate: string }[]
  cards: DemoCardView[]
  journal: JournalEntryView[]
  /** Faults armed to fire on a kiosk event (docs/training.md). */
  armed: ArmedFaultView[]
  /** The statechart page's live part: active states and the last events. */
  chart: ChartView
  /** The training room (recorder, player, drills); null where the kiosk runs without one (the CLI). */
  training: TrainingView | null
}
