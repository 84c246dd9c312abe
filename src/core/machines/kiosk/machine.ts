/**
 * The kiosk's customer flow: attract screen → card → amount → payment method → cash or bank
 * card → crediting → card write → receipt → thank you. A parallel `attention` region watches for
 * inactivity where the customer is expected to act.
 *
 * This file assembles the stages (one file each, built with `kioskSetup.createStateConfig`); each
 * state names its screen in `meta`, which the views, tests and exploration read. Money rule
 * decisions come from ../../money; device I/O comes in as events (validator reports, card taps)
 * and goes out as commands (sendTo the validator) or invoked actors (host, POS, printer, rate
 * quotes) whose implementations the runtime provides. Journal records are `emit`ted: the runtime
 * writes them durably before any observer (and so any screen) sees the new snapshot.
 */
import { and, not, or, stateIn } from 'xstate'
import { NO_PIN_ATTEMPTS } from '../../service/roles'
import { NO_SESSION } from '../kioskContext'
import { amountStage } from './amountStage'
import { bankCardStage } from './bankCardStage'
import { cardStage } from './cardStage'
import { cashStage } from './cashStage'
import { completionStage } from './completionStage'
import { outOfServiceStates, serviceUnavailable } from './outOfServiceStage'
import { kioskSetup } from './paymentActions'
import { recoveryStage } from './recoveryStage'
import { enterService, serviceState, serviceWaitsForSession } from './serviceStage'
import type { KioskStateMeta } from './setup'
import { handledEverywhere } from './sharedTransitions'

const { card, cardReadError, checkingCard, cardUnknown, cardBlocked, cardExpired, activatingTopUps, confirmingActivation, afterActivation } = cardStage

/** The customer's flow, in the order of the stages (the order XState keeps them in, as before the split). */
const flowStates = {
  card,
  cardReadError,
  checkingCard,
  serviceUnavailable,
  cardUnknown,
  cardBlocked,
  cardExpired,
  ...recoveryStage,
  activatingTopUps,
  confirmingActivation,
  afterActivation,
  ...amountStage,
  cash: cashStage.cash,
  bankCard: bankCardStage.bankCard,
  billJam: cashStage.billJam,
  bankCardDeclined: bankCardStage.bankCardDeclined,
  bankCardTimeout: bankCardStage.bankCardTimeout,
  ...completionStage
}

const metaOf = (state: { meta?: KioskStateMeta }): KioskStateMeta => state.meta ?? {}

/** Where the customer is expected to act (read from each state's meta): the inactivity warning runs there. */
const awaitingCustomer = Object.entries(flowStates)
  .filter(([, state]) => metaOf(state).awaitingCustomer)
  .map(([name]) => stateIn({ session: { flow: name } }))

/** Where Cancel asks first (read from each state's meta): the customer's card is known, money may be on its way. */
const asksBeforeCancel = Object.entries(flowStates)
  .filter(([, state]) => metaOf(state).asksBeforeCancel)
  .map(([name]) => stateIn({ session: { flow: name } }))

const machineSetup = kioskSetup.extend({
  guards: {
    isAwaitingCustomer: or(awaitingCustomer),
    /** Cancel would end a session with a known card and no note gone in yet: ask first. */
    shouldAskBeforeCancel: and([or(asksBeforeCancel), 'isNoMoneyIn'])
  }
})

export const kioskMachine = machineSetup.createMachine({
  id: 'kiosk',
  context: ({ input }) => ({
    config: input.config,
    language: input.language ?? input.config.terminal.defaultLanguage,
    defaultLanguage: input.language ?? input.config.terminal.defaultLanguage,
    marketRates: input.marketRates,
    lastTransactionNumber: input.lastTransactionNumber,
    bootNonce: input.bootNonce,
    journalProblem: input.journalProblem ?? null,
    outageInSession: false,
    hostDown: false,
    cashUnavailable: null,
    interrupted: input.interrupted ?? null,
    startCashbox: input.cashbox ?? [],
    staff: null,
    serviceWaiting: false,
    pinAttempts: input.pinAttempts ?? NO_PIN_ATTEMPTS,
    pinWrong: false,
    lockoutMsLeft: 0,
    closedReason: input.closedReason ?? null,
    training: input.training ?? false,
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
      {
        guard: stateIn('session'),
        target: '.storageFailed',
        actions: [
          { type: 'markOutage', params: { inSession: true } },
          { type: 'returnEscrowedNote', params: { reason: 'outOfService' } }
        ]
      },
      { target: '.storageFailed', actions: { type: 'markOutage', params: { inSession: false } } }
    ]
  },
  states: {
    ...outOfServiceStates,
    idle: {
      meta: { screen: 'idle' },
      // The next customer finds the kiosk in its default language. (On idle, not on leaving the session:
      // a customer whose session a failed disk interrupts is told what became of their money in their language.)
      entry: 'restoreDefaultLanguage',
      always: [
        { guard: 'isJournalUntrusted', target: 'journalUntrusted' },
        // After a restart, the interrupted transaction is finished before anything else.
        { guard: 'hasInterruptedTransaction', target: 'session.flow.recovering', actions: 'resumeInterruptedTransaction' },
        // Staff who asked for service mode during the session that just ended get it now.
        { guard: 'isServiceWaiting', target: 'service' },
        { guard: 'isClosedByStaff', target: 'closedByStaff' },
        { guard: 'isHostDown', target: 'outOfService' }
      ],
      on: {
        ...handledEverywhere,
        ...enterService,
        'customer.start': { target: 'session', actions: 'beginSession' },
        'reader.cardTapped': { target: 'session.flow.checkingCard', actions: 'beginSession' },
        'reader.readFailed': { target: 'session.flow.cardReadError', actions: ['beginSession', 'recordCardReadFailed'] }
      }
    },
    service: serviceState,
    // Staff switched the kiosk out of service (with why): customers see it is temporarily out of service.
    // Only staff open it again, from service mode (whose logout leads to idle).
    closedByStaff: {
      meta: { screen: 'outOfService', requirements: ['REQ-SERVICE-MODE'] },
      on: { ...handledEverywhere, ...enterService }
    },
    session: {
      type: 'parallel',
      on: serviceWaitsForSession,
      states: {
        flow: {
          initial: 'card',
          on: {
            ...handledEverywhere,
            'session.timedOut': { target: '#kiosk.idle' }
          },
          states: flowStates
        },
        // "Cancel the top-up?" over the screen: the flow's Cancel is taken only while it is asked (isCancelConfirmed);
        // Keep going closes it, and so does the flow moving on to where Cancel does not ask (or a note going in).
        cancelQuestion: {
          initial: 'closed',
          states: {
            closed: { on: { 'customer.cancel': { guard: 'shouldAskBeforeCancel', target: 'asking' } } },
            asking: {
              meta: { dialog: 'cancelQuestion' },
              always: { guard: not('shouldAskBeforeCancel'), target: 'closed' },
              on: { 'customer.keepGoing': 'closed' }
            }
          }
        },
        attention: {
          initial: 'watching',
          states: {
            watching: {
              after: {
                inactivity: [
                  { guard: 'isAwaitingCustomer', target: 'warning', actions: 'startWarningCountdown' },
                  { target: 'watching', reenter: true }
                ]
              },
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
