/** The bank-card stage: the POS terminal charges the amount; declined or silent, the customer chooses again. */
import { kioskSetup } from './paymentActions'

/** The payment did not go through: choose another way to pay, or leave. */
const chooseAgain = { 'customer.back': 'paymentMethod', 'customer.cancel': { guard: 'isCancelConfirmed', target: '#kiosk.idle' } } as const

export const bankCardStage = {
  bankCard: kioskSetup.createStateConfig({
    meta: { screen: 'bankCard', requirements: ['REQ-BANK-CARD'] },
    invoke: {
      src: 'chargeBankCard',
      input: ({ context }) => ({ transactionId: context.transaction!.id, amountKzt: context.amountKzt! }),
      onDone: [
        {
          guard: { type: 'isApproved', params: ({ event }) => event.output },
          target: 'crediting',
          actions: { type: 'recordCardCharged', params: ({ event }) => event.output }
        },
        { target: 'bankCardDeclined', actions: [{ type: 'recordCardDeclined', params: ({ event }) => event.output }, 'signalWaitOver'] }
      ]
    },
    // The terminal did not answer: no money was taken by this simulator's POS; the customer chooses again,
    // with the whole inactivity time for it (the wait for the terminal was not theirs).
    after: { posTimeout: { target: 'bankCardTimeout', actions: ['recordCardTimeout', 'signalWaitOver'] } }
  }),
  bankCardDeclined: kioskSetup.createStateConfig({
    meta: { screen: 'bankCardDeclined', awaitingCustomer: true, asksBeforeCancel: true, requirements: ['REQ-BANK-CARD'] },
    on: chooseAgain
  }),
  bankCardTimeout: kioskSetup.createStateConfig({
    meta: { screen: 'bankCardTimeout', awaitingCustomer: true, asksBeforeCancel: true, requirements: ['REQ-BANK-CARD'] },
    on: chooseAgain
  })
}
