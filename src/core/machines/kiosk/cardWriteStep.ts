import { not } from 'xstate'
import { kioskSetup } from './paymentActions'

/**
 * Writing top-ups onto the card (after a credit, or earlier pending ones at a tap): the write starts
 * as soon as the card is on the reader; written, or not presented in time, or pulled mid-write. The
 * first pull asks the card back (the step, `self`, is entered again: the reader is asked to write
 * again and the wait starts again); a second pull gives up.
 */
export function cardWriteStep<const Self extends string, const Written extends string, const NotWritten extends string>(
  purpose: 'topUp' | 'activation',
  next: { self: Self; written: Written; notWritten: NotWritten }
) {
  return kioskSetup.createStateConfig({
    entry: { type: 'startCardWrite', params: { purpose } },
    exit: 'cancelCardWrite',
    on: {
      'reader.writing': { actions: 'markCardWriting' },
      'reader.cardWritten': { target: next.written, actions: 'recordCardWritten' },
      'reader.writeFailed': [
        { guard: 'wasCardAskedBack', target: next.notWritten, actions: { type: 'recordCardWriteFailed', params: { reason: 'cardRemoved' } } },
        { target: next.self, reenter: true, actions: 'askCardBack' }
      ]
    },
    after: {
      cardWriteWait: {
        guard: not('isCardBeingWritten'),
        target: next.notWritten,
        actions: { type: 'recordCardWriteFailed', params: { reason: 'notPresented' } }
      }
    }
  })
}
