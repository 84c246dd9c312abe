/** The kiosk's actions for the transaction: its start and end, the bank-card payment, the credit, the flag, the card write and the receipt. */
import { assign, emit, enqueueActions, sendTo } from 'xstate'
import type { CreditResult } from '../../devices/host'
import type { ChargeResult } from '../../devices/pos'
import {
  earlierPendingTopUps,
  journal,
  NO_SESSION,
  receiptTokenFor,
  transactionBreakdown,
  transactionIdFor,
  type PaymentMethod,
  type Transaction
} from '../kioskContext'
import { withServiceActions } from './serviceActions'
import type { FlagReason } from '../../domain/journalRecords'

/** The kiosk machine's setup with every guard, actor, delay and action: the stages' files build their states with it. */
export const kioskSetup = withServiceActions.extend({
  guards: {
    /** The card was lifted mid-write before and asked back already: a second pull gives up. */
    wasCardAskedBack: ({ context }) => context.cardWrite?.askedBack === true
  },
  actions: {
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
          language: context.language,
          ...(context.training ? { training: true as const } : {})
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
        cardWrite:
          t.written || t.writeFailed
            ? { purpose: 'topUp' as const, phase: t.written ? ('written' as const) : ('failed' as const), problem: null, askedBack: false, failure: null }
            : null
      }
    }),
    recordCardCharged: enqueueActions(({ context, enqueue }, output: ChargeResult) => {
      if (!output.approved) return
      enqueue.assign({ transaction: { ...context.transaction!, cardPayment: { maskedPan: output.maskedPan, authCode: output.authCode } } })
      enqueue.emit(
        journal('cardCharged', { transactionId: context.transaction!.id, amountKzt: context.amountKzt, authCode: output.authCode, maskedPan: output.maskedPan })
      )
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
    recordCreditRequest: enqueueActions(({ context, enqueue }) => {
      const attempt = context.creditAttempts + 1
      enqueue.assign({ creditAttempts: attempt })
      enqueue.emit(
        journal('creditRequested', { transactionId: context.transaction!.id, attempt, cardNumber: context.card!.number, ...transactionBreakdown(context) })
      )
    }),
    markCreditConflict: assign({ creditConflict: true }),
    recordCreditFailure: emit(({ context }, params: { reason: 'noAnswer' | 'refused' | 'conflict' }) =>
      journal('creditFailed', { transactionId: context.transaction!.id, attempt: context.creditAttempts, reason: params.reason })
    ),
    flagTransaction: enqueueActions(({ context, enqueue }, time: string) => {
      const transaction = context.transaction!
      const paid = transaction.stacked.length > 0 || transaction.cardPayment !== null
      const reasons: FlagReason[] = []
      if (context.creditConflict) reasons.push('creditConflict')
      else if (context.credit === null && paid) reasons.push('creditOutcomeUnknown')
      if (transaction.inDoubt.length > 0) reasons.push('noteInDoubt')
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
    /**
     * Asks the reader to write the card; the write starts as soon as the card is on it. Entered again after a pull
     * (askCardBack ran first), it keeps the ask-back mark it finds.
     */
    startCardWrite: enqueueActions(({ context, enqueue }, params: { purpose: 'topUp' | 'activation' }) => {
      const before = context.cardWrite
      const askedBack = before?.purpose === params.purpose && before.phase === 'waiting' && before.askedBack
      enqueue.assign({
        cardWrite: { purpose: params.purpose, phase: 'waiting', problem: askedBack ? before.problem : null, askedBack, failure: null }
      })
      enqueue.sendTo('cardReader', { type: 'write', number: context.card!.number })
    }),
    cancelCardWrite: sendTo('cardReader', { type: 'cancelWrite' }),
    markCardWriting: assign({ cardWrite: ({ context }) => context.cardWrite && { ...context.cardWrite, phase: 'writing' as const, problem: null } }),
    noteCardWriteProblem: assign({
      cardWrite: ({ context }, params: { problem: 'wrongCard' | 'readError' | null }) => context.cardWrite && { ...context.cardWrite, problem: params.problem }
    }),
    /** The card was lifted mid-write the first time: the customer is asked to put it back (the step starts again). */
    askCardBack: assign({
      cardWrite: ({ context }) => context.cardWrite && { ...context.cardWrite, phase: 'waiting' as const, problem: 'pulled' as const, askedBack: true }
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
      enqueue.emit(
        journal('cardWritten', { transactionId: transaction.id, cardNumber: context.card!.number, amountKzt: transactionBreakdown(context).creditedKzt })
      )
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
    })
  }
})
