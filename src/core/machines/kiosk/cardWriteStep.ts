import { not } from 'xstate'
import { kioskSetup } from './paymentActions'

/**
 * Writing top-ups onto the card (after a credit, or earlier pending ones at a tap): the write starts
 * as soon as the card is on the reader; written, or pulled mid-write, or not presented in time.
 */
export function cardWriteStep<const Written extends string, const NotWritten extends string>(
  purpose: 'topUp' | 'activation',
  next: { written: Written; notWritten: NotWritten }
) {
  return kioskSetup.createStateConfig({
    entry: { type: 'startCardWrite', params: { purpose } },
    exit: 'cancelCardWrite',
    on: {
      'reader.writing': { actions: 'markCardWriting' },
      'reader.cardWritten': { target: next.written, actions: 'recordCardWritten' },
      'reader.writeFailed': { target: next.notWritten, actions: { type: 'recordCardWriteFailed', params: { reason: 'cardRemoved' } } }
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
