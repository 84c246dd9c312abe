/**
 * The kiosk machine's setup: its types, the actors it invokes, its delays and its guards, by name.
 * The actions are added per concern (./cardActions, ./cashActions, ./paymentActions) and the states
 * per stage of the customer's flow (./*Stage.ts); ./machine assembles them.
 */
import { fromPromise, setup, stateIn } from 'xstate'
import type { CardQuery, CardWriteReport, CreditRequest, CreditResult, LookupResult } from '../../devices/host'
import type { ChargeRequest, ChargeResult } from '../../devices/pos'
import { checkAmount, type RateQuote } from '../../money'
import type { ReceiptView, ScreenName } from '../../protocol'
import { billValidatorMachine } from '../billValidatorMachine'
import { cardReaderMachine } from '../cardReaderMachine'
import type { JournalEmitted, KioskContext, KioskEvent, KioskInput, RateLock } from '../kioskContext'

/** What a state says about itself: the views, the tests, the exploration and the docs read it here. */
export interface KioskStateMeta {
  /** The screen this state shows; a state without one shows its parent's. */
  screen?: ScreenName
  /** The customer is expected to act here: the inactivity warning runs. */
  awaitingCustomer?: true
  /** The card is not identified yet: the session's facts are the last customer's. */
  beforeCardIdentified?: true
  /** The customer's card is known here (money may be on its way): Cancel asks "Cancel the top-up?" first. */
  asksBeforeCancel?: true
  /** The dialog this state shows over the screen (the cancel question). */
  dialog?: 'cancelQuestion'
  /** The requirements this state (or transition) implements (docs/requirements.md, coverage reports). */
  requirements?: readonly string[]
}

/** A transition's meta: the requirements it implements, and how likely a walk is to take it (weighted_random). */
export interface KioskTransitionMeta extends Pick<KioskStateMeta, 'requirements'> {
  /**
   * How likely weighted and quick-random walks are to take the action that takes this transition, against 1 for the others
   * (GraphWalker's edge weight, here relative): a customer goes on through the flow more often than back or away.
   */
  weight?: number
}

const providedByRuntime = (name: string) => async (): Promise<never> => {
  throw new Error(`${name} is provided by the runtime`)
}

export const kioskBase = setup({
  types: {
    context: {} as KioskContext,
    input: {} as KioskInput,
    events: {} as KioskEvent,
    emitted: {} as JournalEmitted,
    meta: {} as KioskStateMeta,
    transitionMeta: {} as KioskTransitionMeta
  },
  actors: {
    billValidator: billValidatorMachine,
    cardReader: cardReaderMachine,
    lookupCard: fromPromise<LookupResult, CardQuery>(providedByRuntime('lookupCard')),
    /** Stamps market rates with the time of the quote and how long it holds. */
    quoteRates: fromPromise<RateLock, { rates: RateQuote; lockSeconds: number }>(providedByRuntime('quoteRates')),
    /** The kiosk clock's current time (ISO), for records the machine makes itself. */
    readClock: fromPromise<string, void>(providedByRuntime('readClock')),
    chargeBankCard: fromPromise<ChargeResult, ChargeRequest>(providedByRuntime('chargeBankCard')),
    creditCard: fromPromise<CreditResult, CreditRequest>(providedByRuntime('creditCard')),
    printReceipt: fromPromise<void, ReceiptView>(providedByRuntime('printReceipt')),
    /** Tells the host which top-ups are now on the card, so it stops holding them as pending. */
    confirmCardWrite: fromPromise<void, CardWriteReport>(providedByRuntime('confirmCardWrite'))
  },
  delays: {
    inactivity: ({ context }) => context.config.timeouts.inactivitySeconds * 1000,
    warningTick: 1000,
    rateLock: ({ context }) => context.config.timeouts.rateLockSeconds * 1000,
    posTimeout: ({ context }) => context.config.timeouts.posSeconds * 1000,
    doneDisplay: ({ context }) => context.config.timeouts.doneSeconds * 1000,
    thankYouDisplay: ({ context }) => context.config.timeouts.thankYouSeconds * 1000,
    messageDisplay: ({ context }) => context.config.timeouts.messageSeconds * 1000,
    noticeDisplay: ({ context }) => context.config.timeouts.noticeSeconds * 1000,
    cardWriteWait: ({ context }) => context.config.timeouts.cardWriteSeconds * 1000,
    /** The rest of the e-receipt time after the done screen's usual time. */
    eReceiptDisplay: ({ context }) => Math.max(0, context.config.timeouts.eReceiptSeconds - context.config.timeouts.doneSeconds) * 1000,
    hostTimeout: ({ context }) => context.config.timeouts.hostSeconds * 1000,
    serviceInactivity: ({ context }) => context.config.service.inactivitySeconds * 1000,
    pinLockout: ({ context }) => context.lockoutMsLeft,
    /** Exponential backoff between credit attempts: base, 2 × base, 4 × base … */
    creditBackoff: ({ context }) => context.config.devices.host.retryBaseMs * 2 ** Math.max(0, context.creditAttempts - 1)
  },
  guards: {
    isCardEntryComplete: ({ context }) => context.cardEntry.length === 8,
    isCardUnknown: (_, output: LookupResult) => !output.found,
    isCardBlocked: (_, output: LookupResult) => output.found && output.card.status === 'blocked',
    isCardExpired: (_, output: LookupResult) => output.found && output.card.status === 'expired',
    /** A tapped card with top-ups still pending at the host: they are written onto it now. */
    hasTopUpsToActivate: ({ context }, output: LookupResult) =>
      output.found && output.pending.length > 0 && context.cardQuery !== null && 'number' in context.cardQuery,
    hasStackedNotes: ({ context }) => (context.transaction?.stacked.length ?? 0) > 0,
    hasInterruptedTransaction: ({ context }) => context.interrupted !== null,
    isCredited: ({ context }) => context.credit !== null,
    /** Credited, and no write onto the card was finished or given up yet. */
    isCreditedNotWritten: ({ context }) => context.credit !== null && context.cardWrite === null,
    /** Stacked notes, or a bank-card payment the terminal approved: money the customer gave. */
    hasMoneyToCredit: ({ context }) => (context.transaction?.stacked.length ?? 0) > 0 || context.transaction?.cardPayment != null,
    hasNotesInDoubt: ({ context }) => (context.transaction?.inDoubt.length ?? 0) > 0,
    hasJammedNote: ({ event }) => event.type === 'validator.jammed' && event.note !== null,
    isSessionCard: ({ context, event }) => event.type === 'reader.cardTapped' && event.number === context.card?.number,
    isCardBeingWritten: ({ context }) => context.cardWrite?.phase === 'writing',
    isAmountAllowed: ({ context }, params: { kzt: number }) =>
      checkAmount(params.kzt, context.card!.balanceKzt, context.config.limits, context.config.bonus) === null,
    hasAmountEntry: ({ context }) => context.amountEntry !== '',
    /** The customer answered "Cancel the top-up?" with Cancel (the question is open: this tap is the answer). */
    isCancelConfirmed: stateIn({ session: { cancelQuestion: 'asking' } }),
    /** Cancel and back are possible until a note is on its way into the cashbox. */
    isNoMoneyIn: ({ context }) => (context.transaction?.stacked.length ?? 0) === 0 && context.pendingNote?.phase !== 'stacking',
    canConfirm: ({ context }) => (context.transaction?.stacked.length ?? 0) > 0 && context.pendingNote === null,
    /** A run-out quote is replaced only while nothing is stacked or on its way in. */
    shouldRequote: ({ context }) => context.quoteExpired && (context.transaction?.stacked.length ?? 0) === 0 && context.pendingNote?.phase !== 'stacking',
    isApproved: (_, output: ChargeResult) => output.approved,
    isHostDown: ({ context }) => context.hostDown,
    /** A full stacker or a removed cassette takes the kiosk out of cash service (bank cards still work). */
    isCashAvailable: ({ context }) => context.cashUnavailable === null,
    isReceiptUnprinted: ({ context }) => context.receiptPrinting === 'failed',
    isHostUp: ({ context }) => !context.hostDown,
    areCreditAttemptsExhausted: ({ context }) => context.creditAttempts >= context.config.devices.host.creditAttempts,
    isWarningOver: ({ context }) => context.warningSecondsLeft <= 1,
    isJournalUntrusted: ({ context }) => context.journalProblem !== null,
    /** No note on its way into the cashbox: one that is gets counted before the kiosk settles out of service. */
    isNoNoteMoving: ({ context }) => context.pendingNote?.phase !== 'stacking',
    /** The host has this transaction's key for another card or amount: never a success, an operator resolves it. */
    isCreditConflict: ({ event }) => (event as { error?: { code?: unknown } }).error?.code === 'idempotencyConflict'
  }
})
