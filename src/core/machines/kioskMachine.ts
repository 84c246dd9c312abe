/**
 * The kiosk's customer flow: attract screen → card → amount → payment method → cash or bank
 * card → crediting → receipt → thank you. A parallel `attention` region watches for inactivity.
 *
 * Money rule decisions come from ../money; device I/O comes in as events (validator reports,
 * card taps) and goes out as commands (sendTo the validator) or invoked actors (host, POS,
 * printer, rate quotes) whose implementations the runtime provides. Journal records are
 * `emit`ted: the runtime writes them durably before any observer (and so any screen) sees the
 * new snapshot. Types and pure helpers live in ./kioskContext.
 */
import { assign, emit, enqueueActions, fromPromise, not, or, raise, sendTo, setup, stateIn } from 'xstate'
import type { CardQuery, CardWriteReport, CreditRequest, CreditResult, LookupResult } from '../devices/host'
import type { ChargeRequest, ChargeResult } from '../devices/pos'
import { cashBreakdown, checkAmount, decideNote, type Note, type RateQuote } from '../money'
import type { ReceiptView, ReturnedNote, ReturnReason } from '../protocol'
import { billValidatorMachine } from './billValidatorMachine'
import { cardReaderMachine } from './cardReaderMachine'
import {
  applyKeypadKey,
  earlierPendingTopUps,
  receiptTokenFor,
  transactionIdFor,
  transactionOfPendingNote,
  buildReceipt,
  journal,
  MAX_AMOUNT_DIGITS,
  NO_SESSION,
  noteContext,
  transactionBreakdown,
  type JournalEmitted,
  type KioskContext,
  type KioskEvent,
  type KioskInput,
  type PaymentMethod,
  type RateLock,
  type Transaction
} from './kioskContext'

export * from './kioskContext'

const AWAITING_CUSTOMER = ['card', 'cardReadError', 'cardUnknown', 'cardBlocked', 'cardExpired', 'serviceUnavailable', 'amount', 'paymentMethod', 'cash', 'bankCardDeclined', 'bankCardTimeout'] as const

const noteOf = (event: KioskEvent): Note => (event as { note: Note }).note

/**
 * Events the kiosk handles whatever the screen. They are spread into `idle` and the session's
 * `flow` region rather than put on the root: in XState v5 a handler in any active region (the
 * attention watcher listens to every customer and validator event) hides the root's handlers.
 */
const handledEverywhere = {
  'customer.language': { actions: 'setLanguage' },
  'market.rateChanged': { actions: 'recordMarketRate' },
  'host.down': { actions: 'markHostDown' },
  'host.up': { actions: 'markHostUp' },
  'validator.escrowed': { actions: 'returnStrayNote' },
  'validator.stacked': { actions: 'recordStackedNote' },
  'validator.returned': { actions: 'recordReturnedNote' },
  'validator.refusedAtEntry': { actions: 'recordReturnedNote' },
  'validator.rejected': { actions: 'recordReturnedNote' },
  'validator.conditionChanged': { actions: 'recordValidatorCondition' },
  'validator.jammed': { actions: ['recordJam', 'flagCancelledJam'] }
} as const

/** After the jam notice: credit what was stacked, or flag the transaction straight away. */
const continueAfterJam = [{ guard: 'hasStackedNotes', target: 'crediting' }, { target: 'flagging' }] as const

/** After the card write (done or not): a transaction with a note in doubt is flagged for an operator. */
const closeAfterWrite = [{ guard: 'hasNotesInDoubt', target: 'flagging' }, { target: 'finishing' }] as const

/**
 * Writing top-ups onto the card (after a credit, or earlier pending ones at a tap): the write starts
 * as soon as the card is on the reader; written, or pulled mid-write, or not presented in time.
 */
function cardWriteStep(purpose: 'topUp' | 'activation', next: { written: string; notWritten: string }) {
  return {
    entry: { type: 'startCardWrite', params: { purpose } },
    exit: 'cancelCardWrite',
    on: {
      'reader.writing': { actions: 'markCardWriting' },
      'reader.cardWritten': { target: next.written, actions: 'recordCardWritten' },
      'reader.writeFailed': { target: next.notWritten, actions: { type: 'recordCardWriteFailed', params: { reason: 'cardRemoved' } } }
    },
    after: { cardWriteWait: { guard: not('isCardBeingWritten'), target: next.notWritten, actions: { type: 'recordCardWriteFailed', params: { reason: 'notPresented' } } } }
  } as const
}

const topUpWrite = cardWriteStep('topUp', { written: 'closingTopUp', notWritten: 'closingTopUp' })

/** A card that cannot be read (reader fault, too quick a tap) from the screens that expect one. */
const readFailed = { 'reader.readFailed': { target: 'cardReadError', actions: 'recordCardReadFailed' } } as const

export const kioskMachine = setup({
  types: {
    context: {} as KioskContext,
    input: {} as KioskInput,
    events: {} as KioskEvent,
    emitted: {} as JournalEmitted
  },
  actors: {
    billValidator: billValidatorMachine,
    cardReader: cardReaderMachine,
    lookupCard: fromPromise<LookupResult, CardQuery>(async () => {
      throw new Error('lookupCard is provided by the runtime')
    }),
    /** Stamps market rates with the time of the quote and how long it holds. */
    quoteRates: fromPromise<RateLock, { rates: RateQuote; lockSeconds: number }>(async () => {
      throw new Error('quoteRates is provided by the runtime')
    }),
    /** The kiosk clock's current time (ISO), for records the machine makes itself. */
    readClock: fromPromise<string, void>(async () => {
      throw new Error('readClock is provided by the runtime')
    }),
    chargeBankCard: fromPromise<ChargeResult, ChargeRequest>(async () => {
      throw new Error('chargeBankCard is provided by the runtime')
    }),
    creditCard: fromPromise<CreditResult, CreditRequest>(async () => {
      throw new Error('creditCard is provided by the runtime')
    }),
    printReceipt: fromPromise<void, ReceiptView>(async () => {
      throw new Error('printReceipt is provided by the runtime')
    }),
    /** Tells the host which top-ups are now on the card, so it stops holding them as pending. */
    confirmCardWrite: fromPromise<void, CardWriteReport>(async () => {
      throw new Error('confirmCardWrite is provided by the runtime')
    })
  },
  delays: {
    inactivity: ({ context }) => context.config.timeouts.inactivitySeconds * 1000,
    warningTick: 1000,
    rateLock: ({ context }) => context.config.timeouts.rateLockSeconds * 1000,
    posTimeout: ({ context }) => context.config.timeouts.posSeconds * 1000,
    receiptDisplay: ({ context }) => context.config.timeouts.receiptSeconds * 1000,
    thankYouDisplay: ({ context }) => context.config.timeouts.thankYouSeconds * 1000,
    messageDisplay: ({ context }) => context.config.timeouts.messageSeconds * 1000,
    noticeDisplay: ({ context }) => context.config.timeouts.noticeSeconds * 1000,
    cardWriteWait: ({ context }) => context.config.timeouts.cardWriteSeconds * 1000,
    /** The rest of the e-receipt time after the usual receipt time. */
    eReceiptDisplay: ({ context }) => Math.max(0, context.config.timeouts.eReceiptSeconds - context.config.timeouts.receiptSeconds) * 1000,
    hostTimeout: ({ context }) => context.config.timeouts.hostSeconds * 1000,
    /** Exponential backoff between credit attempts: base, 2 × base, 4 × base … */
    creditBackoff: ({ context }) => context.config.devices.host.retryBaseMs * 2 ** Math.max(0, context.creditAttempts - 1)
  },
  guards: {
    isCardEntryComplete: ({ context }) => context.cardEntry.length === 8,
    isCardUnknown: (_, output: LookupResult) => !output.found,
    isCardBlocked: (_, output: LookupResult) => output.found && output.card.status === 'blocked',
    isCardExpired: (_, output: LookupResult) => output.found && output.card.status === 'expired',
    /** A tapped card with top-ups still pending at the host: they are written onto it now. */
    hasTopUpsToActivate: ({ context }, output: LookupResult) => output.found && output.pending.length > 0 && context.cardQuery !== null && 'number' in context.cardQuery,
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
    isAmountAllowed: ({ context }, params: { kzt: number }) => checkAmount(params.kzt, context.card!.balanceKzt, context.config.limits, context.config.bonus) === null,
    hasAmountEntry: ({ context }) => context.amountEntry !== '',
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
    isCreditConflict: ({ event }) => (event as { error?: { code?: unknown } }).error?.code === 'idempotencyConflict',
    isAwaitingCustomer: or(AWAITING_CUSTOMER.map((s) => stateIn({ session: { flow: s } })))
  },
  actions: {
    setLanguage: assign({ language: ({ context, event }) => (event.type === 'customer.language' ? event.code : context.language) }),
    restoreDefaultLanguage: assign({ language: ({ context }) => context.defaultLanguage }),
    recordMarketRate: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'market.rateChanged') return
      enqueue.assign({ marketRates: { ...context.marketRates, [event.currency]: event.rate } })
      enqueue.emit(journal('rateChanged', { currency: event.currency, rate: event.rate, previous: context.marketRates[event.currency] ?? null }))
    }),
    beginSession: assign(({ event }) => ({ ...NO_SESSION, cardQuery: event.type === 'reader.cardTapped' ? { number: event.number } : null })),
    typeCardDigit: assign({ cardEntry: ({ context, event }) => (event.type === 'customer.keypad' ? applyKeypadKey(context.cardEntry, event.key, 8) : context.cardEntry) }),
    queryTypedCard: assign({ cardQuery: ({ context }) => ({ last8: context.cardEntry }) }),
    queryTappedCard: assign({ cardQuery: ({ event }) => (event.type === 'reader.cardTapped' ? { number: event.number } : null) }),
    clearCardEntry: assign({ cardEntry: '' }),
    rememberCard: assign((_, output: LookupResult) => ({ card: output.found ? output.card : null, pendingTopUps: output.found ? output.pending : [] })),
    typeAmountDigit: assign({
      amountEntry: ({ context, event }) => (event.type === 'customer.keypad' ? applyKeypadKey(context.amountEntry, event.key, MAX_AMOUNT_DIGITS) : context.amountEntry),
      amountRefusal: null
    }),
    chooseAmount: assign({ amountKzt: (_, params: { kzt: number }) => params.kzt, amountRefusal: null }),
    refuseAmount: assign({ amountRefusal: ({ context }, params: { kzt: number }) => checkAmount(params.kzt, context.card!.balanceKzt, context.config.limits, context.config.bonus) }),
    resetAmountScreen: assign({ amountEntry: '', amountRefusal: null }),
    startTransaction: enqueueActions(({ context, enqueue }, params: { method: PaymentMethod }) => {
      const number = context.lastTransactionNumber + 1
      const transaction: Transaction = {
        id: transactionIdFor(context.config.terminal.id, number, context.bootNonce),
        number,
        receiptToken: receiptTokenFor(number, context.bootNonce),
        method: params.method,
        quote: null,
        stacked: [],
        returned: [],
        inDoubt: [],
        cardPayment: null
      }
      enqueue.assign({ lastTransactionNumber: number, transaction, lastReturned: null, declineReason: null, quoteExpired: false })
      enqueue.emit(
        journal('transactionStarted', {
          transactionId: transaction.id,
          number,
          receiptToken: transaction.receiptToken,
          cardNumber: context.card!.number,
          amountKzt: context.amountKzt,
          method: params.method,
          language: context.language
        })
      )
    }),
    cancelTransaction: enqueueActions(({ context, enqueue }, params?: { reason: 'kioskRestarted' }) => {
      if (!context.transaction) return
      enqueue.emit(journal('transactionCancelled', { transactionId: context.transaction.id, ...(params ? { reason: params.reason } : {}) }))
    }),
    /** Takes up the transaction a restart interrupted, as the journal left it. */
    resumeInterruptedTransaction: assign(({ context }) => {
      const t = context.interrupted!
      return {
        ...NO_SESSION,
        interrupted: null,
        resumed: true,
        // The customer may still be there: speak their language.
        language: t.language ?? context.language,
        transaction: t.transaction,
        amountKzt: t.amountKzt,
        credit: t.credit,
        creditAttempts: t.creditAttempts,
        cardQuery: { reference: t.cardRef },
        cardWrite: t.written || t.writeFailed ? { purpose: 'topUp' as const, phase: t.written ? ('written' as const) : ('failed' as const), problem: null, failure: null } : null
      }
    }),
    /** Rule 7: the quote shown on the cash screen; it holds for the transaction once a note is stacked. */
    applyQuote: enqueueActions(({ context, enqueue }, quote: RateLock) => {
      enqueue.assign({ transaction: { ...context.transaction!, quote }, quoteExpired: false })
      enqueue.emit(journal('ratesQuoted', { transactionId: context.transaction!.id, ...quote }))
    }),
    markQuoteExpired: assign({ quoteExpired: true }),
    enableAcceptor: sendTo('billValidator', { type: 'enable' }),
    disableAcceptor: sendTo('billValidator', { type: 'disable' }),
    /** Rule 6: stack the note in escrow, or return it saying why. Escrow is journaled before the command. */
    decideEscrowedNote: enqueueActions(({ context, event, enqueue }) => {
      const note = noteOf(event)
      const refusal = decideNote(note, noteContext(context))
      enqueue.assign({ pendingNote: { note, phase: refusal ? 'escrow' : 'stacking', returnReason: refusal } })
      enqueue.emit(journal('noteEscrowed', { transactionId: context.transaction!.id, note, decision: refusal ? 'return' : 'stack', reason: refusal }))
      enqueue.sendTo('billValidator', { type: refusal ? 'return' : 'stack' })
    }),
    /** A note in escrow outside the cash screen (the customer just left it) goes back. */
    returnStrayNote: enqueueActions(({ event, enqueue }) => {
      enqueue.assign({ pendingNote: { note: noteOf(event), phase: 'escrow', returnReason: 'acceptorOff' } })
      // A note pushed in outside the cash screen belongs to no transaction.
      enqueue.emit(journal('noteEscrowed', { transactionId: null, note: noteOf(event), decision: 'return', reason: 'acceptorOff' }))
      enqueue.sendTo('billValidator', { type: 'return' })
    }),
    returnEscrowedNote: enqueueActions(({ context, enqueue }, params?: { reason: 'outOfService' }) => {
      if (context.pendingNote?.phase !== 'escrow') return
      enqueue.assign({ pendingNote: { ...context.pendingNote, returnReason: params?.reason ?? context.pendingNote.returnReason ?? 'cancelled' } })
      enqueue.sendTo('billValidator', { type: 'return' })
    }),
    /** Whether the storage failure interrupted a customer's session (its money is then accounted for on screen). */
    markOutage: assign({ outageInSession: (_, params: { inSession: boolean }) => params.inSession }),
    /** A stacked note is in the cashbox: it is credited, always, to the transaction it belongs to. */
    recordStackedNote: enqueueActions(({ context, event, enqueue }) => {
      const note = noteOf(event)
      const transaction = context.transaction
      if (!transaction) throw new Error('a note was stacked with no transaction open') // cannot happen: stacking needs a decision
      const next = { ...transaction, stacked: [...transaction.stacked, note] }
      // The message about an earlier returned note goes once a note is accepted.
      enqueue.assign({ transaction: next, pendingNote: null, lastReturned: null })
      enqueue.emit(journal('noteStacked', { transactionId: transaction.id, note }))
      const reached = cashBreakdown(next.stacked, next.quote?.rates ?? {}, context.config).netKzt >= (context.amountKzt ?? 0)
      if (reached) enqueue.sendTo('billValidator', { type: 'disable' })
    }),
    recordReturnedNote: enqueueActions(({ context, event, enqueue }, params?: { reason: 'outOfService' }) => {
      const note = noteOf(event)
      let reason: ReturnReason
      if (params) reason = params.reason
      else if (event.type === 'validator.rejected') reason = event.reason
      else if (event.type === 'validator.returned') reason = event.cause === 'escrowTimeout' ? 'escrowTimeout' : (context.pendingNote?.returnReason ?? 'cancelled')
      else if (context.pendingNote) reason = 'validatorBusy'
      else if (context.transaction?.method === 'cash' && context.amountKzt !== null && context.card) reason = decideNote(note, noteContext(context)) ?? 'acceptorOff'
      else reason = 'acceptorOff'
      const returned: ReturnedNote = { note, reason }
      const transaction = context.transaction
      if (transaction) enqueue.assign({ transaction: { ...transaction, returned: [...transaction.returned, returned] } })
      if (event.type === 'validator.returned') enqueue.assign({ pendingNote: null })
      enqueue.assign({ lastReturned: returned })
      enqueue.emit(journal('noteReturned', { transactionId: transaction?.id ?? null, note, reason }))
    }),
    recordCardCharged: enqueueActions(({ context, enqueue }, output: ChargeResult) => {
      if (!output.approved) return
      enqueue.assign({ transaction: { ...context.transaction!, cardPayment: { maskedPan: output.maskedPan, authCode: output.authCode } } })
      enqueue.emit(journal('cardCharged', { transactionId: context.transaction!.id, amountKzt: context.amountKzt, authCode: output.authCode, maskedPan: output.maskedPan }))
    }),
    recordCardDeclined: enqueueActions(({ context, enqueue }, output: ChargeResult) => {
      if (output.approved) return
      enqueue.assign({ declineReason: output.reason })
      enqueue.emit(journal('cardDeclined', { transactionId: context.transaction!.id, reason: output.reason }))
      enqueue.emit(journal('transactionCancelled', { transactionId: context.transaction!.id }))
    }),
    recordCardTimeout: enqueueActions(({ context, enqueue }) => {
      enqueue.emit(journal('cardTimedOut', { transactionId: context.transaction!.id }))
      enqueue.emit(journal('transactionCancelled', { transactionId: context.transaction!.id }))
    }),
    /**
     * The validator jammed. A note stuck in its path may or may not be in the cashbox: it is
     * journaled "in doubt" with its transaction, never credited by assumption, and an operator
     * resolves it. Cash service stops until staff clear the jam.
     */
    recordJam: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'validator.jammed') return
      enqueue.assign({ cashUnavailable: 'jam', pendingNote: null })
      enqueue.emit(journal('validatorCondition', { condition: 'jam' }))
      if (!event.note) return
      // A stray note (pushed in outside the cash screen) belongs to no transaction.
      const transaction = transactionOfPendingNote(context)
      enqueue.emit(journal('noteInDoubt', { transactionId: transaction?.id ?? null, note: event.note, phase: event.phase }))
      if (!transaction) return
      enqueue.assign({ transaction: { ...transaction, inDoubt: [...transaction.inDoubt, event.note] } })
    }),
    /** A jam outside the cash screen (a cancelled transaction's note on its way back): flag it at once. */
    flagCancelledJam: enqueueActions(({ context, event, enqueue }) => {
      const transaction = transactionOfPendingNote(context)
      if (event.type !== 'validator.jammed' || !event.note || !transaction) return
      enqueue.emit(journal('transactionFlagged', { transactionId: transaction.id, reasons: ['noteInDoubt'], notesInDoubt: [event.note], stacked: transaction.stacked }))
    }),
    recordValidatorCondition: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'validator.conditionChanged') return
      enqueue.assign({ cashUnavailable: event.condition })
      enqueue.emit(journal('validatorCondition', { condition: event.condition }))
    }),
    markHostDown: assign({ hostDown: true }),
    markHostUp: assign({ hostDown: false }),
    recordCreditRequest: enqueueActions(({ context, enqueue }) => {
      const attempt = context.creditAttempts + 1
      enqueue.assign({ creditAttempts: attempt })
      enqueue.emit(journal('creditRequested', { transactionId: context.transaction!.id, attempt, cardNumber: context.card!.number, ...transactionBreakdown(context) }))
    }),
    markCreditConflict: assign({ creditConflict: true }),
    recordCreditFailure: emit(({ context }, params: { reason: 'noAnswer' | 'refused' | 'conflict' }) =>
      journal('creditFailed', { transactionId: context.transaction!.id, attempt: context.creditAttempts, reason: params.reason })
    ),
    flagTransaction: enqueueActions(({ context, enqueue }, time: string) => {
      const transaction = context.transaction!
      const paid = transaction.stacked.length > 0 || transaction.cardPayment !== null
      const reasons = [
        ...(context.creditConflict ? ['creditConflict'] : context.credit === null && paid ? ['creditOutcomeUnknown'] : []),
        ...(transaction.inDoubt.length > 0 ? ['noteInDoubt'] : [])
      ]
      enqueue.assign({ flaggedAt: time })
      enqueue.emit(
        journal('transactionFlagged', {
          transactionId: transaction.id,
          reasons,
          attempts: context.creditAttempts,
          stacked: transaction.stacked,
          notesInDoubt: transaction.inDoubt,
          credited: context.credit !== null,
          ...transactionBreakdown(context)
        })
      )
    }),
    recordCredit: enqueueActions(({ context, enqueue }, output: CreditResult) => {
      enqueue.assign({ credit: output })
      enqueue.emit(
        journal('creditApplied', {
          transactionId: context.transaction!.id,
          balanceBeforeKzt: output.balanceBeforeKzt,
          balanceAfterKzt: output.balanceAfterKzt,
          creditedKzt: transactionBreakdown(context).creditedKzt
        })
      )
    }),
    recordCardReadFailed: emit(() => journal('cardReadFailed', {})),
    /** Asks the reader to write the card; the write starts as soon as the card is on it. */
    startCardWrite: enqueueActions(({ context, enqueue }, params: { purpose: 'topUp' | 'activation' }) => {
      enqueue.assign({ cardWrite: { purpose: params.purpose, phase: 'waiting', problem: null, failure: null } })
      enqueue.sendTo('cardReader', { type: 'write', number: context.card!.number })
    }),
    cancelCardWrite: sendTo('cardReader', { type: 'cancelWrite' }),
    markCardWriting: assign({ cardWrite: ({ context }) => context.cardWrite && { ...context.cardWrite, phase: 'writing' as const, problem: null } }),
    noteCardWriteProblem: assign({
      cardWrite: ({ context }, params: { problem: 'wrongCard' | 'readError' | null }) => context.cardWrite && { ...context.cardWrite, problem: params.problem }
    }),
    /** The card now holds this top-up and every earlier one still pending for it. */
    recordCardWritten: enqueueActions(({ context, enqueue }) => {
      const transaction = context.cardWrite?.purpose === 'topUp' ? context.transaction : null
      const earlier = transaction ? earlierPendingTopUps(context) : context.pendingTopUps
      const written = [...(transaction ? [transaction.id] : []), ...earlier.map((p) => p.transactionId)]
      enqueue.assign({ cardWrite: context.cardWrite && { ...context.cardWrite, phase: 'written' }, writtenTopUps: written, pendingTopUps: [] })
      for (const p of earlier) {
        enqueue.emit(journal('cardWritten', { transactionId: p.transactionId, cardNumber: context.card!.number, amountKzt: p.amountKzt, activatedAtTap: true }))
        enqueue.emit(journal('transactionCompleted', { transactionId: p.transactionId }))
      }
      enqueue.assign({ activatedKzt: context.activatedKzt + earlier.reduce((sum, p) => sum + p.amountKzt, 0) })
      if (!transaction) return
      enqueue.emit(journal('cardWritten', { transactionId: transaction.id, cardNumber: context.card!.number, amountKzt: transactionBreakdown(context).creditedKzt }))
      // A note in doubt keeps the transaction open for an operator (flagged next).
      if (transaction.inDoubt.length === 0) enqueue.emit(journal('transactionCompleted', { transactionId: transaction.id }))
    }),
    /** Not written: the host keeps the top-up pending; the card's next tap on a kiosk activates it. */
    recordCardWriteFailed: enqueueActions(({ context, enqueue }, params: { reason: 'cardRemoved' | 'notPresented' }) => {
      enqueue.assign({ cardWrite: context.cardWrite && { ...context.cardWrite, phase: 'failed', failure: params.reason } })
      if (context.cardWrite?.purpose !== 'topUp') return
      enqueue.emit(journal('cardWriteFailed', { transactionId: context.transaction!.id, reason: params.reason }))
    }),
    markReceiptPrinting: assign({ receiptPrinting: 'printing' }),
    recordReceiptPrinted: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ receiptPrinting: 'printed' })
      enqueue.emit(journal('receiptPrinted', { transactionId: context.transaction?.id ?? null }))
    }),
    /** No paper receipt: the transaction stands; the screen shows the receipt and its QR e-receipt. */
    recordReceiptNotPrinted: enqueueActions(({ context, enqueue }, params: { reason: string }) => {
      enqueue.assign({ receiptPrinting: 'failed' })
      enqueue.emit(journal('receiptNotPrinted', { transactionId: context.transaction?.id ?? null, reason: params.reason }))
    }),
    startWarningCountdown: assign({ warningSecondsLeft: ({ context }) => context.config.timeouts.warningSeconds }),
    countDownWarning: assign({ warningSecondsLeft: ({ context }) => context.warningSecondsLeft - 1 }),
    signalTimeout: raise({ type: 'session.timedOut' }),
    signalWaitOver: raise({ type: 'session.waitOver' })
  }
}).createMachine({
  id: 'kiosk',
  context: ({ input }) => ({
    config: input.config,
    language: input.language ?? 'ru',
    defaultLanguage: input.language ?? 'ru',
    marketRates: input.marketRates,
    lastTransactionNumber: input.lastTransactionNumber,
    bootNonce: input.bootNonce,
    journalProblem: input.journalProblem ?? null,
    outageInSession: false,
    hostDown: false,
    cashUnavailable: null,
    interrupted: input.interrupted ?? null,
    startCashbox: input.cashbox ?? [],
    ...NO_SESSION
  }),
  invoke: [
    {
      id: 'billValidator',
      systemId: 'billValidator',
      src: 'billValidator',
      input: ({ context }) => ({
        stackMs: context.config.devices.billValidator.stackMs,
        returnMs: context.config.devices.billValidator.returnMs,
        escrowMs: context.config.timeouts.escrowSeconds * 1000,
        stackerCapacity: context.config.devices.billValidator.stackerCapacity,
        cashbox: context.startCashbox
      })
    },
    { id: 'cardReader', systemId: 'cardReader', src: 'cardReader', input: ({ context }) => ({ writeMs: context.config.devices.cardReader.writeMs }) }
  ],
  initial: 'idle',
  on: {
    // The journal cannot be written: whatever the screen, no more money is taken. (No region handles
    // storage.*, so this root handler is not hidden.)
    'storage.failed': [
      { guard: stateIn('session'), target: '.storageFailed', actions: [{ type: 'markOutage', params: { inSession: true } }, { type: 'returnEscrowedNote', params: { reason: 'outOfService' } }] },
      { target: '.storageFailed', actions: { type: 'markOutage', params: { inSession: false } } }
    ]
  },
  states: {
    // The journal failed its start-up check (its chain is broken, or it does not reach the head kept
    // beside it: restored from an older copy, cut short, replaced). No money is taken from a kiosk
    // that cannot account for it; staff accept the journal as it is (the runtime then starts afresh).
    journalUntrusted: {
      meta: { requirements: ['REQ-JOURNAL-INTEGRITY'] },
      // The acceptor stays off from power-up here, so no note reaches escrow: only a note refused at the slot is told of.
      on: {
        'customer.language': handledEverywhere['customer.language'],
        'market.rateChanged': handledEverywhere['market.rateChanged'],
        'host.down': handledEverywhere['host.down'],
        'host.up': handledEverywhere['host.up'],
        'validator.refusedAtEntry': handledEverywhere['validator.refusedAtEntry'],
        'validator.conditionChanged': handledEverywhere['validator.conditionChanged']
      }
    },
    // The journal cannot be written (disk full, read-only, locked, deleted): out of service at once.
    // The customer is told what became of their money; once a write succeeds the runtime restarts the
    // kiosk from its journal, which finishes the interrupted top-up as after a power cut.
    storageFailed: {
      meta: { requirements: ['REQ-STORAGE-FAILURE'] },
      entry: 'disableAcceptor',
      initial: 'settling',
      states: {
        // A note on its way into the cassette is counted first.
        settling: { always: { guard: 'isNoNoteMoving', target: 'waiting' } },
        waiting: {}
      },
      on: {
        ...handledEverywhere,
        // A note pushed at the slot now is refused there: it is said why.
        'validator.refusedAtEntry': { actions: { type: 'recordReturnedNote', params: { reason: 'outOfService' } } },
        'storage.failed': {}
      }
    },
    // While the host is unreachable no session starts: it could not be finished.
    outOfService: {
      meta: { requirements: ['REQ-HOST-DOWN'] },
      always: { guard: 'isHostUp', target: 'idle' },
      on: { ...handledEverywhere }
    },
    idle: {
      // The next customer finds the kiosk in its default language. (On idle, not on leaving the session:
      // a customer whose session a failed disk interrupts is told what became of their money in their language.)
      entry: 'restoreDefaultLanguage',
      always: [
        { guard: 'isJournalUntrusted', target: 'journalUntrusted' },
        // After a restart, the interrupted transaction is finished before anything else.
        { guard: 'hasInterruptedTransaction', target: 'session.flow.recovering', actions: 'resumeInterruptedTransaction' },
        { guard: 'isHostDown', target: 'outOfService' }
      ],
      on: {
        ...handledEverywhere,
        'customer.start': { target: 'session', actions: 'beginSession' },
        'reader.cardTapped': { target: 'session.flow.checkingCard', actions: 'beginSession' },
        'reader.readFailed': { target: 'session.flow.cardReadError', actions: ['beginSession', 'recordCardReadFailed'] }
      }
    },
    session: {
      type: 'parallel',
      states: {
        flow: {
          initial: 'card',
          on: {
            ...handledEverywhere,
            'session.timedOut': { target: '#kiosk.idle' }
          },
          states: {
            card: {
              on: {
                'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' },
                'customer.keypad': { actions: 'typeCardDigit' },
                'customer.submitCard': { guard: 'isCardEntryComplete', target: 'checkingCard', actions: 'queryTypedCard' },
                'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' },
                ...readFailed,
                'customer.cancel': { target: '#kiosk.idle' }
              }
            },
            // The reader could not read the card: tap again, or type its last 8 digits.
            cardReadError: {
              meta: { requirements: ['REQ-CARD-READ-ERROR'] },
              after: { messageDisplay: '#kiosk.idle' },
              on: {
                'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' },
                'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' },
                ...readFailed,
                'customer.back': 'card',
                'customer.cancel': '#kiosk.idle'
              }
            },
            checkingCard: {
              invoke: {
                src: 'lookupCard',
                input: ({ context }) => context.cardQuery!,
                onDone: [
                  { guard: { type: 'isCardUnknown', params: ({ event }) => event.output }, target: 'cardUnknown' },
                  { guard: { type: 'isCardBlocked', params: ({ event }) => event.output }, target: 'cardBlocked' },
                  { guard: { type: 'isCardExpired', params: ({ event }) => event.output }, target: 'cardExpired' },
                  { guard: { type: 'hasTopUpsToActivate', params: ({ event }) => event.output }, target: 'activatingTopUps', actions: { type: 'rememberCard', params: ({ event }) => event.output } },
                  { target: 'amount', actions: { type: 'rememberCard', params: ({ event }) => event.output } }
                ],
                onError: { target: 'serviceUnavailable' }
              },
              after: { hostTimeout: 'serviceUnavailable' }
            },
            serviceUnavailable: {
              meta: { requirements: ['REQ-HOST-DOWN'] },
              after: { messageDisplay: '#kiosk.idle' },
              on: { 'customer.back': '#kiosk.idle', 'customer.cancel': '#kiosk.idle' }
            },
            cardUnknown: { entry: 'clearCardEntry', after: { messageDisplay: '#kiosk.idle' }, on: { 'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' }, 'customer.back': 'card', 'customer.cancel': '#kiosk.idle', 'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' }, ...readFailed } },
            cardBlocked: { entry: 'clearCardEntry', after: { messageDisplay: '#kiosk.idle' }, on: { 'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' }, 'customer.back': 'card', 'customer.cancel': '#kiosk.idle', 'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' }, ...readFailed } },
            cardExpired: { entry: 'clearCardEntry', after: { messageDisplay: '#kiosk.idle' }, on: { 'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' }, 'customer.back': 'card', 'customer.cancel': '#kiosk.idle', 'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' }, ...readFailed } },
            // After a restart: nothing paid and nothing in doubt is simply cancelled; otherwise find the card.
            recovering: {
              meta: { requirements: ['REQ-RECOVERY'] },
              always: [
                { guard: or(['hasMoneyToCredit', 'isCredited', 'hasNotesInDoubt']), target: 'identifyingCard' },
                { target: '#kiosk.idle', actions: { type: 'cancelTransaction', params: { reason: 'kioskRestarted' } } }
              ]
            },
            // The card by the journal's keyed reference (the journal has no card numbers), then finish by the rules.
            identifyingCard: {
              meta: { requirements: ['REQ-RECOVERY'] },
              invoke: {
                src: 'lookupCard',
                input: ({ context }) => ({ reference: context.cardQuery && 'reference' in context.cardQuery ? context.cardQuery.reference : '' }),
                onDone: [
                  { guard: { type: 'isCardUnknown', params: ({ event }) => event.output }, target: 'flaggingUnidentified' },
                  { target: 'resuming', actions: { type: 'rememberCard', params: ({ event }) => event.output } }
                ],
                onError: { target: 'flaggingUnidentified' }
              },
              after: { hostTimeout: 'flaggingUnidentified' }
            },
            // The host cannot say which card (down, or no answer): an operator resolves it with the host by the transaction id.
            // The customer (or whoever finds it) still gets a receipt with the reference, as for any flagged top-up.
            flaggingUnidentified: {
              meta: { requirements: ['REQ-RECOVERY', 'REQ-FLAG-FOR-OPERATOR'] },
              invoke: { src: 'readClock', onDone: { target: 'finishing', actions: { type: 'flagTransaction', params: ({ event }) => event.output } } }
            },
            resuming: {
              meta: { requirements: ['REQ-RECOVERY'] },
              always: [
                { guard: 'isCreditedNotWritten', target: 'writingCard' },
                { guard: 'isCredited', target: 'closingTopUp' },
                { guard: 'hasMoneyToCredit', target: 'crediting' },
                { target: 'flagging' }
              ]
            },
            // A tapped card with top-ups pending at the host: write them onto it before going on.
            activatingTopUps: {
              meta: { requirements: ['REQ-PENDING-TOP-UP'] },
              ...cardWriteStep('activation', { written: 'confirmingActivation', notWritten: 'afterActivation' })
            },
            confirmingActivation: {
              meta: { requirements: ['REQ-PENDING-TOP-UP'] },
              invoke: {
                src: 'confirmCardWrite',
                input: ({ context }) => ({ cardNumber: context.card!.number, transactionIds: context.writtenTopUps }),
                onDone: { target: 'afterActivation' },
                // The host still counts them pending: the next tap writes them again, harmlessly.
                onError: { target: 'afterActivation' }
              },
              after: { hostTimeout: { target: 'afterActivation' } }
            },
            // On to the amount, unless the host link went down meanwhile: then no money may go in.
            afterActivation: {
              always: [{ guard: 'isHostDown', target: 'serviceUnavailable' }, { target: 'amount' }]
            },
            amount: {
              meta: { requirements: ['REQ-AMOUNT-LIMITS'] },
              entry: 'resetAmountScreen',
              on: {
                'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' },
                'customer.keypad': { actions: 'typeAmountDigit' },
                'customer.chooseAmount': [
                  { guard: { type: 'isAmountAllowed', params: ({ event }) => ({ kzt: event.kzt }) }, target: 'paymentMethod', actions: { type: 'chooseAmount', params: ({ event }) => ({ kzt: event.kzt }) } },
                  { actions: { type: 'refuseAmount', params: ({ event }) => ({ kzt: event.kzt }) }, meta: { requirements: ['REQ-AMOUNT-LIMITS'] } }
                ],
                'customer.submitAmount': [
                  {
                    guard: { type: 'isAmountAllowed', params: ({ context }) => ({ kzt: Number(context.amountEntry) }) },
                    target: 'paymentMethod',
                    actions: { type: 'chooseAmount', params: ({ context }) => ({ kzt: Number(context.amountEntry) }) }
                  },
                  { guard: 'hasAmountEntry', actions: { type: 'refuseAmount', params: ({ context }) => ({ kzt: Number(context.amountEntry) }) } }
                ],
                'customer.back': { target: 'card', actions: 'clearCardEntry' },
                'customer.cancel': { target: '#kiosk.idle' }
              }
            },
            paymentMethod: {
              on: {
                'host.down': { target: 'serviceUnavailable', actions: 'markHostDown' },
                'customer.payCash': { guard: 'isCashAvailable', target: 'cash', actions: { type: 'startTransaction', params: { method: 'cash' } } },
                'customer.payCard': { target: 'bankCard', actions: { type: 'startTransaction', params: { method: 'card' } } },
                'customer.back': { target: 'amount' },
                'customer.cancel': { target: '#kiosk.idle' }
              }
            },
            cash: {
              meta: { requirements: ['REQ-CASH', 'REQ-RATE-LOCK'] },
              exit: 'disableAcceptor',
              initial: 'quoting',
              states: {
                quoting: {
                  invoke: {
                    src: 'quoteRates',
                    input: ({ context }) => ({ rates: context.marketRates, lockSeconds: context.config.timeouts.rateLockSeconds }),
                    onDone: { target: 'open', actions: [{ type: 'applyQuote', params: ({ event }) => event.output }, 'enableAcceptor'] }
                  }
                },
                open: {
                  // Rule 7: a quote that runs out before any note is stacked is replaced by a fresh one.
                  after: { rateLock: { actions: 'markQuoteExpired' } },
                  always: { guard: 'shouldRequote', target: 'quoting' }
                }
              },
              on: {
                'validator.escrowed': { actions: 'decideEscrowedNote' },
                'validator.jammed': [{ guard: 'hasJammedNote', target: 'billJam', actions: 'recordJam' }, { actions: 'recordJam' }],
                // Host down before payment: no cash is taken. With money in, the credit retries or is flagged.
                'host.down': [
                  { guard: 'isNoMoneyIn', target: 'serviceUnavailable', actions: ['markHostDown', 'returnEscrowedNote', 'cancelTransaction'] },
                  { actions: 'markHostDown' }
                ],
                'customer.confirm': { guard: 'canConfirm', target: 'crediting' },
                'customer.back': { guard: 'isNoMoneyIn', target: 'paymentMethod', actions: ['returnEscrowedNote', 'cancelTransaction'] },
                'customer.cancel': { guard: 'isNoMoneyIn', target: '#kiosk.idle', actions: ['returnEscrowedNote', 'cancelTransaction'] },
                // Inactivity with money in completes the top-up; without, it ends the session.
                'session.timedOut': [
                  { guard: 'canConfirm', target: 'crediting' },
                  { guard: 'isNoMoneyIn', target: '#kiosk.idle', actions: ['returnEscrowedNote', 'cancelTransaction'] },
                  { actions: [] } // a note is still on its way: the customer gets another round of attention
                ]
              }
            },
            bankCard: {
              meta: { requirements: ['REQ-BANK-CARD'] },
              invoke: {
                src: 'chargeBankCard',
                input: ({ context }) => ({ transactionId: context.transaction!.id, amountKzt: context.amountKzt! }),
                onDone: [
                  { guard: { type: 'isApproved', params: ({ event }) => event.output }, target: 'crediting', actions: { type: 'recordCardCharged', params: ({ event }) => event.output } },
                  { target: 'bankCardDeclined', actions: [{ type: 'recordCardDeclined', params: ({ event }) => event.output }, 'signalWaitOver'] }
                ]
              },
              // The terminal did not answer: no money was taken by this simulator's POS; the customer chooses again,
              // with the whole inactivity time for it (the wait for the terminal was not theirs).
              after: { posTimeout: { target: 'bankCardTimeout', actions: ['recordCardTimeout', 'signalWaitOver'] } }
            },
            // The validator jammed on a note: the customer learns what happened and their reference.
            billJam: {
              meta: { requirements: ['REQ-BILL-JAM'] },
              after: { noticeDisplay: continueAfterJam },
              on: { 'customer.done': continueAfterJam }
            },
            bankCardDeclined: { meta: { requirements: ['REQ-BANK-CARD'] }, on: { 'customer.back': 'paymentMethod', 'customer.cancel': '#kiosk.idle' } },
            bankCardTimeout: { meta: { requirements: ['REQ-BANK-CARD'] }, on: { 'customer.back': 'paymentMethod', 'customer.cancel': '#kiosk.idle' } },
            crediting: {
              meta: { requirements: ['REQ-CREDIT-ONCE'] },
              entry: 'recordCreditRequest',
              invoke: {
                src: 'creditCard',
                input: ({ context }) => ({
                  idempotencyKey: context.transaction!.id,
                  cardNumber: context.card!.number,
                  amountKzt: transactionBreakdown(context).creditedKzt,
                  currency: 'KZT' as const
                }),
                onDone: { target: 'writingCard', actions: { type: 'recordCredit', params: ({ event }) => event.output } },
                onError: [
                  // The key was used before for another card or amount (a journal restored from an older copy): flagged, never retried.
                  { guard: 'isCreditConflict', target: 'flagging', actions: ['markCreditConflict', { type: 'recordCreditFailure', params: { reason: 'conflict' } }] },
                  { target: 'creditRetrying', actions: { type: 'recordCreditFailure', params: { reason: 'refused' } } }
                ]
              },
              // No answer in time: the credit may or may not have been applied. Only a retry with the same key can tell.
              after: { hostTimeout: { target: 'creditRetrying', actions: { type: 'recordCreditFailure', params: { reason: 'noAnswer' } } } }
            },
            // Retries carry the same idempotency key, so a credit is never applied twice.
            creditRetrying: {
              meta: { requirements: ['REQ-CREDIT-ONCE', 'REQ-HOST-TIMEOUT'] },
              always: { guard: 'areCreditAttemptsExhausted', target: 'flagging' },
              after: { creditBackoff: 'crediting' }
            },
            // Credited: the top-up is written onto the card held on the reader.
            writingCard: {
              meta: { requirements: ['REQ-CARD-WRITE'] },
              ...topUpWrite,
              on: {
                ...topUpWrite.on,
                // The customer still at the kiosk is told why their tap did not start the write.
                'reader.cardTapped': [{ guard: 'isSessionCard', actions: { type: 'noteCardWriteProblem', params: { problem: null } } }, { actions: { type: 'noteCardWriteProblem', params: { problem: 'wrongCard' } } }],
                'reader.readFailed': { actions: { type: 'noteCardWriteProblem', params: { problem: 'readError' } } }
              }
            },
            closingTopUp: { always: closeAfterWrite },
            // The top-up is flagged for an operator (credit outcome unknown, or a note in doubt); the receipt gives the reference.
            flagging: {
              meta: { requirements: ['REQ-FLAG-FOR-OPERATOR'] },
              invoke: { src: 'readClock', onDone: { target: 'finishing', actions: { type: 'flagTransaction', params: ({ event }) => event.output } } }
            },
            finishing: {
              entry: 'markReceiptPrinting',
              invoke: [
                {
                  src: 'printReceipt',
                  input: ({ context }) => buildReceipt(context)!,
                  onDone: { actions: 'recordReceiptPrinted' },
                  onError: { actions: { type: 'recordReceiptNotPrinted', params: ({ event }) => ({ reason: (event.error as { reason?: string })?.reason ?? 'error' }) } }
                },
                // While the receipt prints: the host stops holding what was written onto the card as pending.
                // Unconfirmed (host slow or down), it stays pending there and the next tap writes it again, harmlessly.
                {
                  src: 'confirmCardWrite',
                  input: ({ context }) => ({ cardNumber: context.card?.number ?? '', transactionIds: context.card ? context.writtenTopUps : [] }),
                  onError: { actions: [] }
                }
              ],
              initial: 'receipt',
              states: {
                receipt: {
                  // A receipt that could not be printed stays longer, so its QR code can be scanned.
                  after: { receiptDisplay: [{ guard: 'isReceiptUnprinted', target: 'eReceipt' }, { target: 'thankYou' }] },
                  on: { 'customer.done': 'thankYou' }
                },
                eReceipt: { after: { eReceiptDisplay: 'thankYou' }, on: { 'customer.done': 'thankYou' } },
                thankYou: { after: { thankYouDisplay: '#kiosk.idle' } }
              }
            }
          }
        },
        attention: {
          initial: 'watching',
          states: {
            watching: {
              after: { inactivity: [{ guard: 'isAwaitingCustomer', target: 'warning', actions: 'startWarningCountdown' }, { target: 'watching', reenter: true }] },
              on: {
                'customer.*': { target: 'watching', reenter: true },
                'validator.*': { target: 'watching', reenter: true },
                'reader.*': { target: 'watching', reenter: true },
                'session.waitOver': { target: 'watching', reenter: true }
              }
            },
            warning: {
              after: {
                warningTick: [
                  { guard: 'isWarningOver', target: 'watching', actions: 'signalTimeout' },
                  { target: 'warning', reenter: true, actions: 'countDownWarning' }
                ]
              },
              on: {
                'customer.*': 'watching',
                'validator.*': 'watching',
                'reader.*': 'watching'
              }
            }
          }
        }
      }
    }
  }
})
