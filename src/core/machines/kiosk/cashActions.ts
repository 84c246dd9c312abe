/** The kiosk's actions for cash: the rate quote, the acceptor, each note's way in or back, jams and the validator's condition. */
import { assign, enqueueActions, sendTo } from 'xstate'
import { cashBreakdown, decideNote, type Note } from '../../money'
import type { ReturnedNote, ReturnReason } from '../../protocol'
import { journal, noteContext, transactionOfPendingNote, type KioskEvent, type RateLock } from '../kioskContext'
import { withSessionActions } from './sessionActions'

const noteOf = (event: KioskEvent): Note => (event as { note: Note }).note

export const withCashActions = withSessionActions.extend({
  actions: {
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
      else if (event.type === 'validator.returned')
        reason = event.cause === 'escrowTimeout' ? 'escrowTimeout' : (context.pendingNote?.returnReason ?? 'cancelled')
      else if (context.pendingNote) reason = 'validatorBusy'
      else if (context.transaction?.method === 'cash' && context.amountKzt !== null && context.card)
        reason = decideNote(note, noteContext(context)) ?? 'acceptorOff'
      else reason = 'acceptorOff'
      const returned: ReturnedNote = { note, reason }
      const transaction = context.transaction
      if (transaction) enqueue.assign({ transaction: { ...transaction, returned: [...transaction.returned, returned] } })
      if (event.type === 'validator.returned') enqueue.assign({ pendingNote: null })
      enqueue.assign({ lastReturned: returned })
      enqueue.emit(journal('noteReturned', { transactionId: transaction?.id ?? null, note, reason }))
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
      enqueue.emit(
        journal('transactionFlagged', { transactionId: transaction.id, reasons: ['noteInDoubt'], notesInDoubt: [event.note], stacked: transaction.stacked })
      )
    }),
    recordValidatorCondition: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'validator.conditionChanged') return
      enqueue.assign({ cashUnavailable: event.condition })
      enqueue.emit(journal('validatorCondition', { condition: event.condition }))
    })
  }
})
