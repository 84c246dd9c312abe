/**
 * The completion stage: the credit (retried with the same idempotency key), the write onto the card,
 * the flag for an operator when something is in doubt, and the receipt.
 */
import { not } from 'xstate'
import { buildReceipt, transactionBreakdown } from '../kioskContext'
import { cardWriteStep } from './cardWriteStep'
import { kioskSetup } from './paymentActions'

/** After the card write (done or not): a transaction with a note in doubt is flagged for an operator. */
const closeAfterWrite = [{ guard: 'hasNotesInDoubt', target: 'flagging' }, { target: 'finishing' }] as const

const topUpWrite = cardWriteStep('topUp', { self: 'writingCard', written: 'closingTopUp', notWritten: 'closingTopUp' })

export const completionStage = {
  crediting: kioskSetup.createStateConfig({
    meta: { screen: 'crediting', requirements: ['REQ-CREDIT-ONCE'] },
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
  }),
  // Retries carry the same idempotency key, so a credit is never applied twice.
  creditRetrying: kioskSetup.createStateConfig({
    meta: { screen: 'crediting', requirements: ['REQ-CREDIT-ONCE', 'REQ-HOST-TIMEOUT'] },
    always: { guard: 'areCreditAttemptsExhausted', target: 'flagging' },
    after: { creditBackoff: 'crediting' }
  }),
  // Credited: the top-up is written onto the card held on the reader.
  writingCard: kioskSetup.createStateConfig({
    meta: { screen: 'cardWrite', requirements: ['REQ-CARD-WRITE'] },
    ...topUpWrite,
    on: {
      ...topUpWrite.on,
      // The customer still at the kiosk is told why their tap did not start the write.
      'reader.cardTapped': [
        { guard: 'isSessionCard', actions: { type: 'noteCardWriteProblem', params: { problem: null } } },
        { actions: { type: 'noteCardWriteProblem', params: { problem: 'wrongCard' } } }
      ],
      'reader.readFailed': { actions: { type: 'noteCardWriteProblem', params: { problem: 'readError' } } },
      // "Later": the customer leaves before the card is written; the top-up stays pending at the host, as when the wait runs out.
      'customer.done': {
        guard: not('isCardBeingWritten'),
        target: 'closingTopUp',
        actions: { type: 'recordCardWriteFailed', params: { reason: 'notPresented' } }
      }
    }
  }),
  closingTopUp: kioskSetup.createStateConfig({ meta: { screen: 'cardWrite' }, always: closeAfterWrite }),
  // The top-up is flagged for an operator (credit outcome unknown, or a note in doubt); the receipt gives the reference.
  flagging: kioskSetup.createStateConfig({
    meta: { screen: 'crediting', requirements: ['REQ-FLAG-FOR-OPERATOR'] },
    invoke: { src: 'readClock', onDone: { target: 'finishing', actions: { type: 'flagTransaction', params: ({ event }) => event.output } } }
  }),
  finishing: kioskSetup.createStateConfig({
    meta: { screen: 'receipt' },
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
    // The done screen: the receipt with the new balance, the credit and the reference, until the customer taps Done
    // or doneSeconds pass; then a short goodbye.
    initial: 'receipt',
    states: {
      receipt: {
        // A receipt that could not be printed stays longer, so its QR code can be scanned.
        after: { doneDisplay: [{ guard: 'isReceiptUnprinted', target: 'eReceipt' }, { target: 'thankYou' }] },
        on: { 'customer.done': 'thankYou' }
      },
      eReceipt: { after: { eReceiptDisplay: 'thankYou' }, on: { 'customer.done': 'thankYou' } },
      thankYou: { meta: { screen: 'thankYou' }, after: { thankYouDisplay: '#kiosk.idle' } }
    }
  })
}
