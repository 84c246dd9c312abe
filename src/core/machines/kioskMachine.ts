/**
 * The kiosk's customer flow: attract screen → card → amount → payment method → cash →
 * crediting → receipt → thank you. A parallel `attention` region watches for inactivity.
 *
 * Money rule decisions come from ../money; device I/O comes in as events (validator reports,
 * card taps) and goes out as commands (sendTo the validator) or invoked actors (host, printer)
 * whose implementations the runtime provides. Journal records are `emit`ted: the runtime writes
 * them durably before any observer (and so any screen) sees the new snapshot.
 */
import { assign, emit, enqueueActions, fromPromise, or, raise, sendTo, setup, stateIn } from 'xstate'
import type { CardRecord } from '../cards'
import { maskCardNumber } from '../cards'
import type { KioskConfig } from '../config'
import type { CardQuery, CreditRequest, CreditResult, LookupResult } from '../devices/host'
import type { JournalKind } from '../journal'
import { cashBreakdown, checkAmount, decideNote, quoteRates, type AmountRefusal, type Note, type RateQuote } from '../money'
import type { KeypadKey, Language, ReceiptView, ReturnedNote, ReturnReason } from '../protocol'
import { billValidatorMachine, type BillValidatorReport } from './billValidatorMachine'

export interface Transaction {
  id: string
  number: number
  /** The rates locked for this transaction (foreign cash). */
  quote: RateQuote
  stacked: Note[]
  returned: ReturnedNote[]
}

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
  /** Highest transaction number used so far (from the journal, so it survives restarts). */
  lastTransactionNumber: number
  cardEntry: string
  amountEntry: string
  cardQuery: CardQuery | null
  card: CardRecord | null
  amountKzt: number | null
  amountRefusal: AmountRefusal | null
  transaction: Transaction | null
  pendingNote: PendingNote | null
  lastReturned: ReturnedNote | null
  credit: CreditResult | null
  warningSecondsLeft: number
}

export interface KioskInput {
  config: KioskConfig
  lastTransactionNumber: number
  language?: Language
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
  | { type: 'customer.done' }

export type CardReaderEvent = { type: 'reader.cardTapped'; number: string } | { type: 'reader.cardRemoved' }

export type KioskEvent = CustomerEvent | CardReaderEvent | BillValidatorReport | { type: 'session.timedOut' }

/** A journal record the runtime must write before the new state is shown. */
export interface JournalEmitted {
  type: 'journal'
  kind: JournalKind
  data: Record<string, unknown>
}

const AWAITING_CUSTOMER = ['card', 'cardUnknown', 'cardBlocked', 'cardExpired', 'amount', 'paymentMethod', 'cash'] as const

const MAX_AMOUNT_DIGITS = 7

/** Applies a keypad key to a digit entry, keeping at most `maxLength` digits and no leading zero. */
export function applyKeypadKey(entry: string, key: KeypadKey, maxLength: number): string {
  if (key === 'clear') return ''
  if (key === 'backspace') return entry.slice(0, -1)
  if (entry.length >= maxLength || (entry === '' && key === '0' && maxLength === MAX_AMOUNT_DIGITS)) return entry
  return entry + key
}

export function stackedBreakdown(context: Pick<KioskContext, 'transaction' | 'config'>) {
  return cashBreakdown(context.transaction?.stacked ?? [], context.transaction?.quote ?? {}, context.config)
}

/** The receipt of the credited transaction, as the screen and the printer show it. */
export function buildReceipt(context: KioskContext): ReceiptView | null {
  const { transaction, credit, card, config } = context
  if (!transaction || !credit || !card) return null
  return {
    transactionId: transaction.id,
    maskedCard: maskCardNumber(card.number),
    time: credit.appliedAt,
    notes: transaction.stacked,
    breakdown: stackedBreakdown(context),
    balanceBeforeKzt: credit.balanceBeforeKzt,
    balanceAfterKzt: credit.balanceAfterKzt,
    terminalId: config.terminal.id,
    issuerName: config.terminal.issuerName,
    issuerBin: config.terminal.issuerBin,
    location: config.terminal.location,
    supportPhone: config.terminal.supportPhone
  }
}

const noteOf = (event: KioskEvent): Note => (event as { note: Note }).note

/** The session part of the context, as a new customer finds it. */
const NO_SESSION = {
  cardEntry: '',
  amountEntry: '',
  cardQuery: null,
  card: null,
  amountKzt: null,
  amountRefusal: null,
  transaction: null,
  pendingNote: null,
  lastReturned: null,
  credit: null,
  warningSecondsLeft: 0
} satisfies Partial<KioskContext>

const journal = (kind: JournalKind, data: Record<string, unknown>): JournalEmitted => ({ type: 'journal', kind, data })

/**
 * Events the kiosk handles whatever the screen. They are spread into `idle` and the session's
 * `flow` region rather than put on the root: in XState v5 a handler in any active region (the
 * attention watcher listens to every customer and validator event) hides the root's handlers.
 */
const handledEverywhere = {
  'customer.language': { actions: 'setLanguage' },
  'validator.escrowed': { actions: 'returnStrayNote' },
  'validator.stacked': { actions: 'recordStackedNote' },
  'validator.returned': { actions: 'recordReturnedNote' },
  'validator.refusedAtEntry': { actions: 'recordReturnedNote' }
} as const

export const kioskMachine = setup({
  types: {
    context: {} as KioskContext,
    input: {} as KioskInput,
    events: {} as KioskEvent,
    emitted: {} as JournalEmitted
  },
  actors: {
    billValidator: billValidatorMachine,
    lookupCard: fromPromise<LookupResult, CardQuery>(async () => {
      throw new Error('lookupCard is provided by the runtime')
    }),
    creditCard: fromPromise<CreditResult, CreditRequest>(async () => {
      throw new Error('creditCard is provided by the runtime')
    }),
    printReceipt: fromPromise<void, ReceiptView>(async () => {
      throw new Error('printReceipt is provided by the runtime')
    })
  },
  delays: {
    inactivity: ({ context }) => context.config.timeouts.inactivitySeconds * 1000,
    warningTick: 1000,
    receiptDisplay: ({ context }) => context.config.timeouts.receiptSeconds * 1000,
    thankYouDisplay: ({ context }) => context.config.timeouts.thankYouSeconds * 1000,
    messageDisplay: ({ context }) => context.config.timeouts.messageSeconds * 1000,
    creditRetry: 2000
  },
  guards: {
    isCardEntryComplete: ({ context }) => context.cardEntry.length === 8,
    isCardUnknown: (_, output: LookupResult) => !output.found,
    isCardBlocked: (_, output: LookupResult) => output.found && output.card.status === 'blocked',
    isCardExpired: (_, output: LookupResult) => output.found && output.card.status === 'expired',
    isAmountAllowed: ({ context }, params: { kzt: number }) => checkAmount(params.kzt, context.card!.balanceKzt, context.config.limits) === null,
    hasAmountEntry: ({ context }) => context.amountEntry !== '',
    /** Cancel and back are possible until a note is on its way into the cashbox. */
    isNoMoneyIn: ({ context }) => (context.transaction?.stacked.length ?? 0) === 0 && context.pendingNote?.phase !== 'stacking',
    canConfirm: ({ context }) => (context.transaction?.stacked.length ?? 0) > 0 && context.pendingNote === null,
    isNotePending: ({ context }) => context.pendingNote !== null,
    isWarningOver: ({ context }) => context.warningSecondsLeft <= 1,
    isAwaitingCustomer: or(AWAITING_CUSTOMER.map((s) => stateIn({ session: { flow: s } })))
  },
  actions: {
    setLanguage: assign({ language: ({ context, event }) => (event.type === 'customer.language' ? event.code : context.language) }),
    restoreDefaultLanguage: assign({ language: ({ context }) => context.defaultLanguage }),
    beginSession: assign(({ event }) => ({ ...NO_SESSION, cardQuery: event.type === 'reader.cardTapped' ? { number: event.number } : null })),
    typeCardDigit: assign({ cardEntry: ({ context, event }) => (event.type === 'customer.keypad' ? applyKeypadKey(context.cardEntry, event.key, 8) : context.cardEntry) }),
    queryTypedCard: assign({ cardQuery: ({ context }) => ({ last8: context.cardEntry }) }),
    queryTappedCard: assign({ cardQuery: ({ event }) => (event.type === 'reader.cardTapped' ? { number: event.number } : null) }),
    clearCardEntry: assign({ cardEntry: '' }),
    rememberCard: assign({ card: (_, output: LookupResult) => (output.found ? output.card : null) }),
    typeAmountDigit: assign({
      amountEntry: ({ context, event }) => (event.type === 'customer.keypad' ? applyKeypadKey(context.amountEntry, event.key, MAX_AMOUNT_DIGITS) : context.amountEntry),
      amountRefusal: null
    }),
    chooseAmount: assign({ amountKzt: (_, params: { kzt: number }) => params.kzt, amountRefusal: null }),
    refuseAmount: assign({ amountRefusal: ({ context }, params: { kzt: number }) => checkAmount(params.kzt, context.card!.balanceKzt, context.config.limits) }),
    resetAmountScreen: assign({ amountEntry: '', amountRefusal: null }),
    startTransaction: enqueueActions(({ context, enqueue }) => {
      const number = context.lastTransactionNumber + 1
      const transaction: Transaction = { id: `${context.config.terminal.id}-${String(number).padStart(6, '0')}`, number, quote: quoteRates(context.config), stacked: [], returned: [] }
      enqueue.assign({ lastTransactionNumber: number, transaction, lastReturned: null })
      enqueue.emit(
        journal('transactionStarted', {
          transactionId: transaction.id,
          number,
          card: maskCardNumber(context.card!.number),
          amountKzt: context.amountKzt,
          method: 'cash',
          quote: transaction.quote
        })
      )
    }),
    cancelTransaction: enqueueActions(({ context, enqueue }) => {
      if (!context.transaction) return
      enqueue.emit(journal('transactionCancelled', { transactionId: context.transaction.id }))
    }),
    enableAcceptor: sendTo('billValidator', { type: 'enable' }),
    disableAcceptor: sendTo('billValidator', { type: 'disable' }),
    /** Rule 6: stack the note in escrow, or return it saying why. Escrow is journaled before the command. */
    decideEscrowedNote: enqueueActions(({ context, event, enqueue }) => {
      const note = noteOf(event)
      const transaction = context.transaction!
      const refusal = decideNote(note, {
        stacked: transaction.stacked,
        amountKzt: context.amountKzt!,
        balanceKzt: context.card!.balanceKzt,
        quote: transaction.quote,
        config: context.config
      })
      enqueue.assign({ pendingNote: { note, phase: refusal ? 'escrow' : 'stacking', returnReason: refusal } })
      enqueue.emit(journal('noteEscrowed', { transactionId: transaction.id, note, decision: refusal ? 'return' : 'stack', reason: refusal }))
      enqueue.sendTo('billValidator', { type: refusal ? 'return' : 'stack' })
    }),
    /** A note in escrow outside the cash screen (the customer just left it) goes back. */
    returnStrayNote: enqueueActions(({ event, enqueue, context }) => {
      enqueue.assign({ pendingNote: { note: noteOf(event), phase: 'escrow', returnReason: 'acceptorOff' } })
      enqueue.emit(journal('noteEscrowed', { transactionId: context.transaction?.id ?? null, note: noteOf(event), decision: 'return', reason: 'acceptorOff' }))
      enqueue.sendTo('billValidator', { type: 'return' })
    }),
    returnEscrowedNote: enqueueActions(({ context, enqueue }) => {
      if (context.pendingNote?.phase !== 'escrow') return
      enqueue.assign({ pendingNote: { ...context.pendingNote, returnReason: context.pendingNote.returnReason ?? 'cancelled' } })
      enqueue.sendTo('billValidator', { type: 'return' })
    }),
    /** A stacked note is in the cashbox: it is credited, always, to the transaction it belongs to. */
    recordStackedNote: enqueueActions(({ context, event, enqueue }) => {
      const note = noteOf(event)
      const transaction = context.transaction
      if (!transaction) throw new Error('a note was stacked with no transaction open') // cannot happen: stacking needs a decision
      const next = { ...transaction, stacked: [...transaction.stacked, note] }
      // The message about an earlier returned note goes once a note is accepted.
      enqueue.assign({ transaction: next, pendingNote: null, lastReturned: null })
      enqueue.emit(journal('noteStacked', { transactionId: transaction.id, note }))
      const reached = cashBreakdown(next.stacked, next.quote, context.config).netKzt >= (context.amountKzt ?? 0)
      if (reached) enqueue.sendTo('billValidator', { type: 'disable' })
    }),
    recordReturnedNote: enqueueActions(({ context, event, enqueue }) => {
      const note = noteOf(event)
      let reason: ReturnReason
      if (event.type === 'validator.returned') reason = event.cause === 'escrowTimeout' ? 'escrowTimeout' : (context.pendingNote?.returnReason ?? 'cancelled')
      else if (context.pendingNote) reason = 'validatorBusy'
      else if (context.transaction && context.amountKzt !== null && context.card)
        reason =
          decideNote(note, {
            stacked: context.transaction.stacked,
            amountKzt: context.amountKzt,
            balanceKzt: context.card.balanceKzt,
            quote: context.transaction.quote,
            config: context.config
          }) ?? 'acceptorOff'
      else reason = 'acceptorOff'
      const returned: ReturnedNote = { note, reason }
      const transaction = context.transaction
      if (transaction) enqueue.assign({ transaction: { ...transaction, returned: [...transaction.returned, returned] } })
      if (event.type === 'validator.returned') enqueue.assign({ pendingNote: null })
      enqueue.assign({ lastReturned: returned })
      enqueue.emit(journal('noteReturned', { transactionId: transaction?.id ?? null, note, reason }))
    }),
    recordCreditRequest: enqueueActions(({ context, enqueue }) => {
      enqueue.emit(
        journal('creditRequested', {
          transactionId: context.transaction!.id,
          card: maskCardNumber(context.card!.number),
          ...stackedBreakdown(context)
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
          creditedKzt: stackedBreakdown(context).creditedKzt
        })
      )
      enqueue.emit(journal('transactionCompleted', { transactionId: context.transaction!.id }))
    }),
    recordReceiptPrinted: emit(({ context }) => journal('receiptPrinted', { transactionId: context.transaction?.id ?? null })),
    startWarningCountdown: assign({ warningSecondsLeft: ({ context }) => context.config.timeouts.warningSeconds }),
    countDownWarning: assign({ warningSecondsLeft: ({ context }) => context.warningSecondsLeft - 1 }),
    signalTimeout: raise({ type: 'session.timedOut' })
  }
}).createMachine({
  id: 'kiosk',
  context: ({ input }) => ({
    config: input.config,
    language: input.language ?? 'ru',
    defaultLanguage: input.language ?? 'ru',
    lastTransactionNumber: input.lastTransactionNumber,
    ...NO_SESSION
  }),
  invoke: {
    id: 'billValidator',
    systemId: 'billValidator',
    src: 'billValidator',
    input: ({ context }) => ({
      stackMs: context.config.devices.billValidator.stackMs,
      returnMs: context.config.devices.billValidator.returnMs,
      escrowMs: context.config.timeouts.escrowSeconds * 1000
    })
  },
  initial: 'idle',
  states: {
    idle: {
      on: {
        ...handledEverywhere,
        'customer.start': { target: 'session', actions: 'beginSession' },
        'reader.cardTapped': { target: 'session.flow.checkingCard', actions: 'beginSession' }
      }
    },
    session: {
      type: 'parallel',
      // The next customer finds the kiosk in its default language.
      exit: 'restoreDefaultLanguage',
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
                'customer.keypad': { actions: 'typeCardDigit' },
                'customer.submitCard': { guard: 'isCardEntryComplete', target: 'checkingCard', actions: 'queryTypedCard' },
                'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' },
                'customer.cancel': { target: '#kiosk.idle' }
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
                  { target: 'amount', actions: { type: 'rememberCard', params: ({ event }) => event.output } }
                ],
                // The host being unreachable gets its own screen with the devices issue; until then, start over.
                onError: { target: '#kiosk.idle' }
              }
            },
            cardUnknown: { entry: 'clearCardEntry', after: { messageDisplay: '#kiosk.idle' }, on: { 'customer.back': 'card', 'customer.cancel': '#kiosk.idle', 'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' } } },
            cardBlocked: { entry: 'clearCardEntry', after: { messageDisplay: '#kiosk.idle' }, on: { 'customer.back': 'card', 'customer.cancel': '#kiosk.idle', 'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' } } },
            cardExpired: { entry: 'clearCardEntry', after: { messageDisplay: '#kiosk.idle' }, on: { 'customer.back': 'card', 'customer.cancel': '#kiosk.idle', 'reader.cardTapped': { target: 'checkingCard', actions: 'queryTappedCard' } } },
            amount: {
              entry: 'resetAmountScreen',
              on: {
                'customer.keypad': { actions: 'typeAmountDigit' },
                'customer.chooseAmount': [
                  { guard: { type: 'isAmountAllowed', params: ({ event }) => ({ kzt: event.kzt }) }, target: 'paymentMethod', actions: { type: 'chooseAmount', params: ({ event }) => ({ kzt: event.kzt }) } },
                  { actions: { type: 'refuseAmount', params: ({ event }) => ({ kzt: event.kzt }) } }
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
                'customer.payCash': { target: 'cash', actions: 'startTransaction' },
                'customer.back': { target: 'amount' },
                'customer.cancel': { target: '#kiosk.idle' }
              }
            },
            cash: {
              entry: 'enableAcceptor',
              exit: 'disableAcceptor',
              on: {
                'validator.escrowed': { actions: 'decideEscrowedNote' },
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
            crediting: {
              entry: 'recordCreditRequest',
              invoke: {
                src: 'creditCard',
                input: ({ context }) => ({
                  idempotencyKey: context.transaction!.id,
                  cardNumber: context.card!.number,
                  amountKzt: stackedBreakdown(context).creditedKzt
                }),
                onDone: { target: 'finishing', actions: { type: 'recordCredit', params: ({ event }) => event.output } },
                onError: { target: 'creditRetrying' }
              }
            },
            // Retries carry the same idempotency key, so a credit is never applied twice.
            creditRetrying: { after: { creditRetry: 'crediting' } },
            finishing: {
              invoke: {
                src: 'printReceipt',
                input: ({ context }) => buildReceipt(context)!,
                onDone: { actions: 'recordReceiptPrinted' }
              },
              initial: 'receipt',
              states: {
                receipt: { after: { receiptDisplay: 'thankYou' }, on: { 'customer.done': 'thankYou' } },
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
                'reader.*': { target: 'watching', reenter: true }
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
