/** The cash stage: the rate quote, notes in (each decided in escrow), a jam, and the customer confirming. */
import { and } from 'xstate'
import { kioskSetup } from './paymentActions'

/** After the jam notice: credit what was stacked, or flag the transaction straight away. */
const continueAfterJam = [{ guard: 'hasStackedNotes', target: 'crediting' }, { target: 'flagging' }] as const

export const cashStage = {
  cash: kioskSetup.createStateConfig({
    meta: { screen: 'cash', awaitingCustomer: true, asksBeforeCancel: true, requirements: ['REQ-CASH', 'REQ-RATE-LOCK'] },
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
      'customer.confirm': { guard: 'canConfirm', target: 'crediting', meta: { weight: 2 } },
      'customer.back': { guard: 'isNoMoneyIn', target: 'paymentMethod', actions: ['returnEscrowedNote', 'cancelTransaction'] },
      'customer.cancel': { guard: and(['isNoMoneyIn', 'isCancelConfirmed']), target: '#kiosk.idle', actions: ['returnEscrowedNote', 'cancelTransaction'] },
      // Inactivity with money in completes the top-up; without, it ends the session.
      'session.timedOut': [
        { guard: 'canConfirm', target: 'crediting' },
        { guard: 'isNoMoneyIn', target: '#kiosk.idle', actions: ['returnEscrowedNote', 'cancelTransaction'] },
        { actions: [] } // a note is still on its way: the customer gets another round of attention
      ]
    }
  }),
  // The validator jammed on a note: the customer learns what happened and their reference.
  billJam: kioskSetup.createStateConfig({
    meta: { screen: 'billJam', requirements: ['REQ-BILL-JAM'] },
    after: { noticeDisplay: continueAfterJam },
    on: { 'customer.done': continueAfterJam }
  })
}
