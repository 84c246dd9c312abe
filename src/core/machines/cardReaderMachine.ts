/**
 * The contactless card reader. A card is presented (tapped and left on the pad) or removed; the
 * kiosk asks it to write a top-up onto a given card, which takes a moment with the card held
 * still. Pulling the card away mid-write fails the write. A reader fault (`readError`) makes
 * every read fail until staff clear it.
 */
import { assign, enqueueActions, sendParent, setup } from 'xstate'

export interface CardReaderInput {
  /** How long writing a top-up onto the card takes. */
  writeMs: number
}

export interface CardReaderContext extends CardReaderInput {
  /** The card on the reader, or null. */
  card: string | null
  /** The card the kiosk wants written, waiting for it to be presented; null when no write is asked. */
  writeFor: string | null
  readError: boolean
}

/** Why a write did not reach the card. */
export type CardWriteFailure = 'cardRemoved'

/** What the reader tells the kiosk. */
export type CardReaderReport =
  | { type: 'reader.cardTapped'; number: string }
  | { type: 'reader.cardRemoved' }
  /** A card was presented but could not be read (reader fault, card moved too fast). */
  | { type: 'reader.readFailed' }
  | { type: 'reader.writing'; number: string }
  | { type: 'reader.cardWritten'; number: string }
  | { type: 'reader.writeFailed'; number: string; reason: CardWriteFailure }

export type CardReaderEvent =
  { type: 'present'; number: string } | { type: 'remove' } | { type: 'write'; number: string } | { type: 'cancelWrite' } | { type: 'readError'; on: boolean }

export const cardReaderMachine = setup({
  types: {
    context: {} as CardReaderContext,
    input: {} as CardReaderInput,
    events: {} as CardReaderEvent
  },
  delays: {
    writeTime: ({ context }) => context.writeMs
  },
  guards: {
    cannotRead: ({ context }) => context.readError,
    isWriteWanted: ({ context }) => context.card !== null && context.card === context.writeFor
  },
  actions: {
    reportReadFailed: sendParent({ type: 'reader.readFailed' } satisfies CardReaderReport),
    placeCard: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'present') return
      enqueue.assign({ card: event.number })
      enqueue.sendParent({ type: 'reader.cardTapped', number: event.number } satisfies CardReaderReport)
    }),
    takeCard: enqueueActions(({ enqueue }) => {
      enqueue.assign({ card: null })
      enqueue.sendParent({ type: 'reader.cardRemoved' } satisfies CardReaderReport)
    }),
    askWrite: assign({ writeFor: ({ event }) => (event.type === 'write' ? event.number : null) }),
    forgetWrite: assign({ writeFor: null }),
    setReadError: assign({ readError: ({ event, context }) => (event.type === 'readError' ? event.on : context.readError) }),
    reportWriting: sendParent(({ context }) => ({ type: 'reader.writing', number: context.card! }) satisfies CardReaderReport),
    reportWritten: enqueueActions(({ context, enqueue }) => {
      enqueue.sendParent({ type: 'reader.cardWritten', number: context.card! } satisfies CardReaderReport)
      enqueue.assign({ writeFor: null })
    }),
    reportPulledMidWrite: enqueueActions(({ context, enqueue }) => {
      enqueue.sendParent({ type: 'reader.writeFailed', number: context.writeFor!, reason: 'cardRemoved' } satisfies CardReaderReport)
      enqueue.assign({ writeFor: null, card: null })
      enqueue.sendParent({ type: 'reader.cardRemoved' } satisfies CardReaderReport)
    })
  }
}).createMachine({
  id: 'cardReader',
  context: ({ input }) => ({ ...input, card: null, writeFor: null, readError: false }),
  initial: 'empty',
  on: {
    readError: { actions: 'setReadError' },
    cancelWrite: { actions: 'forgetWrite' },
    write: { actions: 'askWrite' }
  },
  states: {
    empty: {
      on: {
        present: [
          { guard: 'cannotRead', actions: 'reportReadFailed' },
          { target: 'present', actions: 'placeCard' }
        ]
      }
    },
    present: {
      // A card presented for the write the kiosk is waiting for is written at once.
      always: { guard: 'isWriteWanted', target: 'writing' },
      on: {
        // Tapping again (the same card or another) is a fresh read.
        present: [
          { guard: 'cannotRead', target: 'empty', actions: ['takeCard', 'reportReadFailed'] },
          { target: 'present', reenter: true, actions: 'placeCard' }
        ],
        remove: { target: 'empty', actions: 'takeCard' }
      }
    },
    writing: {
      entry: 'reportWriting',
      after: { writeTime: { target: 'present', actions: 'reportWritten' } },
      on: {
        remove: { target: 'empty', actions: 'reportPulledMidWrite' },
        cancelWrite: { target: 'present', actions: 'forgetWrite' },
        // Another tap while writing cannot interrupt the card already held on the pad.
        present: { actions: [] }
      }
    }
  }
})
