/** The amount stage: the customer chooses how much to put on the card, then how to pay. */
import { kioskSetup } from './paymentActions'
import { hostDownBeforePayment } from './sharedTransitions'

export const amountStage = {
  amount: kioskSetup.createStateConfig({
    meta: { screen: 'amount', awaitingCustomer: true, asksBeforeCancel: true, requirements: ['REQ-AMOUNT-LIMITS'] },
    entry: 'resetAmountScreen',
    on: {
      ...hostDownBeforePayment,
      'customer.keypad': { actions: 'typeAmountDigit' },
      'customer.chooseAmount': [
        {
          guard: { type: 'isAmountAllowed', params: ({ event }) => ({ kzt: event.kzt }) },
          target: 'paymentMethod',
          actions: { type: 'chooseAmount', params: ({ event }) => ({ kzt: event.kzt }) },
          meta: { weight: 2 }
        },
        { actions: { type: 'refuseAmount', params: ({ event }) => ({ kzt: event.kzt }) }, meta: { requirements: ['REQ-AMOUNT-LIMITS'], weight: 2 } }
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
      'customer.cancel': { guard: 'isCancelConfirmed', target: '#kiosk.idle' }
    }
  }),
  paymentMethod: kioskSetup.createStateConfig({
    meta: { screen: 'paymentMethod', awaitingCustomer: true, asksBeforeCancel: true },
    on: {
      ...hostDownBeforePayment,
      'customer.payCash': {
        guard: 'isCashAvailable',
        target: 'cash',
        actions: { type: 'startTransaction', params: { method: 'cash' } },
        meta: { weight: 2 }
      },
      'customer.payCard': { target: 'bankCard', actions: { type: 'startTransaction', params: { method: 'card' } } },
      'customer.back': { target: 'amount' },
      'customer.cancel': { guard: 'isCancelConfirmed', target: '#kiosk.idle' }
    }
  })
}
