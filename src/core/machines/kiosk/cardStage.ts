/**
 * The card stage: the customer taps their transit card or types its last 8 digits; the host looks it
 * up; an unknown, blocked or expired card is told of; top-ups still pending at the host are written
 * onto a tapped card before the amount.
 */
import { cardWriteStep } from './cardWriteStep'
import { kioskSetup } from './paymentActions'
import { cardTapped, hostDownBeforePayment, readFailed } from './sharedTransitions'

/** A card the host refused (unknown, blocked, expired): back to the card screen, or another tap. */
const cardRefused = (screen: 'cardUnknown' | 'cardBlocked' | 'cardExpired') =>
  kioskSetup.createStateConfig({
    meta: { screen, awaitingCustomer: true, beforeCardIdentified: true },
    entry: 'clearCardEntry',
    after: { messageDisplay: '#kiosk.idle' },
    on: { ...hostDownBeforePayment, 'customer.back': 'card', 'customer.cancel': '#kiosk.idle', ...cardTapped, ...readFailed }
  })

export const cardStage = {
  card: kioskSetup.createStateConfig({
    meta: { screen: 'card', awaitingCustomer: true, beforeCardIdentified: true },
    on: {
      ...hostDownBeforePayment,
      'customer.keypad': { actions: 'typeCardDigit' },
      'customer.submitCard': { guard: 'isCardEntryComplete', target: 'checkingCard', actions: 'queryTypedCard' },
      ...cardTapped,
      ...readFailed,
      'customer.cancel': { target: '#kiosk.idle' }
    }
  }),
  // The reader could not read the card: tap again, or type its last 8 digits.
  cardReadError: kioskSetup.createStateConfig({
    meta: { screen: 'cardReadError', awaitingCustomer: true, beforeCardIdentified: true, requirements: ['REQ-CARD-READ-ERROR'] },
    after: { messageDisplay: '#kiosk.idle' },
    on: {
      ...hostDownBeforePayment,
      ...cardTapped,
      ...readFailed,
      'customer.back': 'card',
      'customer.cancel': '#kiosk.idle'
    }
  }),
  checkingCard: kioskSetup.createStateConfig({
    meta: { screen: 'checkingCard', beforeCardIdentified: true },
    invoke: {
      src: 'lookupCard',
      input: ({ context }) => context.cardQuery!,
      onDone: [
        { guard: { type: 'isCardUnknown', params: ({ event }) => event.output }, target: 'cardUnknown' },
        { guard: { type: 'isCardBlocked', params: ({ event }) => event.output }, target: 'cardBlocked' },
        { guard: { type: 'isCardExpired', params: ({ event }) => event.output }, target: 'cardExpired' },
        {
          guard: { type: 'hasTopUpsToActivate', params: ({ event }) => event.output },
          target: 'activatingTopUps',
          actions: { type: 'rememberCard', params: ({ event }) => event.output }
        },
        { target: 'amount', actions: { type: 'rememberCard', params: ({ event }) => event.output } }
      ],
      onError: { target: 'serviceUnavailable' }
    },
    after: { hostTimeout: 'serviceUnavailable' }
  }),
  cardUnknown: cardRefused('cardUnknown'),
  cardBlocked: cardRefused('cardBlocked'),
  cardExpired: cardRefused('cardExpired'),
  // A tapped card with top-ups pending at the host: write them onto it before going on.
  activatingTopUps: kioskSetup.createStateConfig({
    meta: { screen: 'cardWrite', requirements: ['REQ-PENDING-TOP-UP'] },
    ...cardWriteStep('activation', { self: 'activatingTopUps', written: 'confirmingActivation', notWritten: 'afterActivation' })
  }),
  confirmingActivation: kioskSetup.createStateConfig({
    meta: { screen: 'cardWrite', requirements: ['REQ-PENDING-TOP-UP'] },
    invoke: {
      src: 'confirmCardWrite',
      input: ({ context }) => ({ cardNumber: context.card!.number, transactionIds: context.writtenTopUps }),
      onDone: { target: 'afterActivation' },
      // The host still counts them pending: the next tap writes them again, harmlessly.
      onError: { target: 'afterActivation' }
    },
    after: { hostTimeout: { target: 'afterActivation' } }
  }),
  // On to the amount, unless the host link went down meanwhile: then no money may go in.
  afterActivation: kioskSetup.createStateConfig({
    meta: { screen: 'cardWrite' },
    always: [{ guard: 'isHostDown', target: 'serviceUnavailable' }, { target: 'amount' }]
  })
}
