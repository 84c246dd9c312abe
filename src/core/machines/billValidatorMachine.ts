/**
 * The bill validator as real ones behave: a note is drawn into escrow and held until the host
 * says stack or return; it counts only once stacked. While disabled (or busy) a note is pushed
 * straight back at the entrance.
 */
import { assign, sendParent, setup } from 'xstate'
import type { CurrencyCode } from '../config'
import type { Note } from '../money'

export interface BillValidatorInput {
  stackMs: number
  returnMs: number
  escrowMs: number
}

export interface CashboxCount {
  currency: CurrencyCode
  value: number
  count: number
}

export interface BillValidatorContext extends BillValidatorInput {
  note: Note | null
  /** Whether the kiosk wants notes taken once the current one is done. */
  wantEnabled: boolean
  /** Why the note in the path is being returned. */
  returnCause: 'commanded' | 'escrowTimeout'
  cashbox: CashboxCount[]
}

/** What the validator tells the kiosk. */
export type BillValidatorReport =
  | { type: 'validator.escrowed'; note: Note }
  | { type: 'validator.stacked'; note: Note }
  | { type: 'validator.returned'; note: Note; cause: 'commanded' | 'escrowTimeout' }
  | { type: 'validator.refusedAtEntry'; note: Note }

export type BillValidatorEvent =
  | { type: 'insert'; note: Note }
  | { type: 'enable' }
  | { type: 'disable' }
  | { type: 'stack' }
  | { type: 'return' }

function addToCashbox(cashbox: readonly CashboxCount[], note: Note): CashboxCount[] {
  const found = cashbox.some((c) => c.currency === note.currency && c.value === note.value)
  const next = found
    ? cashbox.map((c) => (c.currency === note.currency && c.value === note.value ? { ...c, count: c.count + 1 } : c))
    : [...cashbox, { currency: note.currency, value: note.value, count: 1 }]
  return next.sort((a, b) => a.currency.localeCompare(b.currency) || a.value - b.value)
}

export const billValidatorMachine = setup({
  types: {
    context: {} as BillValidatorContext,
    input: {} as BillValidatorInput,
    events: {} as BillValidatorEvent
  },
  delays: {
    stackTime: ({ context }) => context.stackMs,
    returnTime: ({ context }) => context.returnMs,
    escrowHold: ({ context }) => context.escrowMs
  },
  guards: {
    wantsNotes: ({ context }) => context.wantEnabled
  },
  actions: {
    holdNote: assign({ note: ({ event }) => (event.type === 'insert' ? event.note : null) }),
    releaseNote: assign({ note: null }),
    markReturn: assign({ returnCause: (_, params: { cause: 'commanded' | 'escrowTimeout' }) => params.cause }),
    countStackedNote: assign({ cashbox: ({ context }) => addToCashbox(context.cashbox, context.note!) }),
    wantNotes: assign({ wantEnabled: true }),
    refuseNotes: assign({ wantEnabled: false }),
    reportEscrowed: sendParent(({ context }) => ({ type: 'validator.escrowed', note: context.note! }) satisfies BillValidatorReport),
    reportStacked: sendParent(({ context }) => ({ type: 'validator.stacked', note: context.note! }) satisfies BillValidatorReport),
    reportReturned: sendParent(({ context }) => ({ type: 'validator.returned', note: context.note!, cause: context.returnCause }) satisfies BillValidatorReport),
    reportRefusedAtEntry: sendParent(({ event }) => ({ type: 'validator.refusedAtEntry', note: (event as { note: Note }).note }) satisfies BillValidatorReport)
  }
}).createMachine({
  id: 'billValidator',
  context: ({ input }) => ({ ...input, note: null, wantEnabled: false, returnCause: 'commanded', cashbox: [] }),
  initial: 'disabled',
  on: {
    enable: { actions: 'wantNotes' },
    disable: { actions: 'refuseNotes' },
    insert: { actions: 'reportRefusedAtEntry' }
  },
  states: {
    disabled: {
      on: { enable: { target: 'idle', actions: 'wantNotes' } }
    },
    idle: {
      on: {
        disable: { target: 'disabled', actions: 'refuseNotes' },
        insert: { target: 'escrowed', actions: ['holdNote', 'reportEscrowed'] }
      }
    },
    escrowed: {
      on: {
        stack: 'stacking',
        return: { target: 'returning', actions: { type: 'markReturn', params: { cause: 'commanded' } } }
      },
      after: { escrowHold: { target: 'returning', actions: { type: 'markReturn', params: { cause: 'escrowTimeout' } } } }
    },
    stacking: {
      after: { stackTime: { target: 'settling', actions: ['countStackedNote', 'reportStacked', 'releaseNote'] } }
    },
    returning: {
      after: { returnTime: { target: 'settling', actions: ['reportReturned', 'releaseNote'] } }
    },
    settling: {
      always: [{ guard: 'wantsNotes', target: 'idle' }, { target: 'disabled' }]
    }
  }
})
