/**
 * The recovery stage: after a restart, the transaction the journal shows unfinished is taken up by
 * the rules (see ../../recovery): nothing paid is cancelled; otherwise the card is found by its keyed
 * reference and the top-up credited, written or flagged.
 */
import { or } from 'xstate'
import { kioskSetup } from './paymentActions'

export const recoveryStage = {
  // After a restart: nothing paid and nothing in doubt is simply cancelled; otherwise find the card.
  recovering: kioskSetup.createStateConfig({
    meta: { screen: 'crediting', requirements: ['REQ-RECOVERY'] },
    always: [
      { guard: or(['hasMoneyToCredit', 'isCredited', 'hasNotesInDoubt']), target: 'identifyingCard' },
      { target: '#kiosk.idle', actions: { type: 'cancelTransaction', params: { reason: 'kioskRestarted' } } }
    ]
  }),
  // The card by the journal's keyed reference (the journal has no card numbers), then finish by the rules.
  identifyingCard: kioskSetup.createStateConfig({
    meta: { screen: 'crediting', requirements: ['REQ-RECOVERY'] },
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
  }),
  // The host cannot say which card (down, or no answer): an operator resolves it with the host by the transaction id.
  // The customer (or whoever finds it) still gets a receipt with the reference, as for any flagged top-up.
  flaggingUnidentified: kioskSetup.createStateConfig({
    meta: { screen: 'crediting', requirements: ['REQ-RECOVERY', 'REQ-FLAG-FOR-OPERATOR'] },
    invoke: { src: 'readClock', onDone: { target: 'finishing', actions: { type: 'flagTransaction', params: ({ event }) => event.output } } }
  }),
  resuming: kioskSetup.createStateConfig({
    meta: { screen: 'crediting', requirements: ['REQ-RECOVERY'] },
    always: [
      { guard: 'isCreditedNotWritten', target: 'writingCard' },
      { guard: 'isCredited', target: 'closingTopUp' },
      { guard: 'hasMoneyToCredit', target: 'crediting' },
      { target: 'flagging' }
    ]
  })
}
