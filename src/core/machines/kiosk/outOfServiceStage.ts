/**
 * Out of service: a journal that failed its start-up check, a journal that cannot be written, a host
 * link that is down (between sessions, or during one before money went in).
 */
import { kioskSetup } from './paymentActions'
import { enterService } from './serviceStage'
import { handledEverywhere } from './sharedTransitions'

/** The kiosk-wide out-of-service states (siblings of `idle` and `session`). */
export const outOfServiceStates = {
  // The journal failed its start-up check (its chain is broken, or it does not reach the head kept
  // beside it: restored from an older copy, cut short, replaced). No money is taken from a kiosk
  // that cannot account for it; staff accept the journal as it is (the runtime then starts afresh).
  journalUntrusted: kioskSetup.createStateConfig({
    meta: { screen: 'journalUntrusted', requirements: ['REQ-JOURNAL-INTEGRITY'] },
    // The acceptor stays off from power-up here, so no note reaches escrow: only a note refused at the slot is told of.
    on: {
      'customer.language': handledEverywhere['customer.language'],
      'market.rateChanged': handledEverywhere['market.rateChanged'],
      'host.down': handledEverywhere['host.down'],
      'host.up': handledEverywhere['host.up'],
      'validator.refusedAtEntry': handledEverywhere['validator.refusedAtEntry'],
      'validator.conditionChanged': handledEverywhere['validator.conditionChanged']
    }
  }),
  // The journal cannot be written (disk full, read-only, locked, deleted): out of service at once.
  // The customer is told what became of their money; once a write succeeds the runtime restarts the
  // kiosk from its journal, which finishes the interrupted top-up as after a power cut.
  storageFailed: kioskSetup.createStateConfig({
    meta: { screen: 'storageFailed', requirements: ['REQ-STORAGE-FAILURE'] },
    entry: 'disableAcceptor',
    initial: 'settling',
    states: {
      // A note on its way into the cassette is counted first.
      settling: { always: { guard: 'isNoNoteMoving', target: 'waiting' } },
      waiting: {}
    },
    on: {
      ...handledEverywhere,
      // A note pushed at the slot now is refused there: it is said why.
      'validator.refusedAtEntry': { actions: { type: 'recordReturnedNote', params: { reason: 'outOfService' } } },
      'storage.failed': {}
    }
  }),
  // While the host is unreachable no session starts: it could not be finished.
  outOfService: kioskSetup.createStateConfig({
    meta: { screen: 'outOfService', requirements: ['REQ-HOST-DOWN'] },
    always: { guard: 'isHostUp', target: 'idle' },
    // Staff may still enter service mode (to look at the journal, print a report, collect cash).
    on: { ...handledEverywhere, ...enterService }
  })
}

/** The session's own out-of-service screen: the host cannot be reached, so no money may go in. */
export const serviceUnavailable = kioskSetup.createStateConfig({
  meta: { screen: 'serviceUnavailable', awaitingCustomer: true, beforeCardIdentified: true, requirements: ['REQ-HOST-DOWN'] },
  after: { messageDisplay: '#kiosk.idle' },
  on: { 'customer.back': '#kiosk.idle', 'customer.cancel': '#kiosk.idle' }
})
