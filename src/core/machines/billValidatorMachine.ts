/**
 * The bill validator as real ones behave: a note is drawn into escrow and held until the host
 * says stack or return; it counts only once stacked. While disabled (or busy) a note is pushed
 * straight back at the entrance. A full stacker or a removed cassette keeps it from taking notes
 * until cleared; a counterfeit or unreadable note is rejected by the validator itself.
 */
import { assign, enqueueActions, sendParent, setup } from 'xstate'
import type { CurrencyCode } from '../config'
import type { Note } from '../money'

export interface BillValidatorInput {
  stackMs: number
  returnMs: number
  escrowMs: number
  /** Notes the stacker holds before it reports itself full. */
  stackerCapacity: number
  /** The cassette's count at power-up (rebuilt from the journal). */
  cashbox?: CashboxCount[]
}

/** Conditions that stop the validator taking notes until staff clear them. */
export type ValidatorCondition = 'stackerFull' | 'cassetteRemoved' | 'jam'

/** Where a note was when the validator jammed on it. */
export type JamPhase = 'escrow' | 'stacking' | 'returning'

export interface CashboxCount {
  currency: CurrencyCode
  value: number
  count: number
}

export interface BillValidatorContext extends Omit<BillValidatorInput, 'cashbox'> {
  note: Note | null
  /** Whether the kiosk wants notes taken once the current one is done. */
  wantEnabled: boolean
  /** Why the note in the path is being returned. */
  returnCause: 'commanded' | 'escrowTimeout'
  cashbox: CashboxCount[]
  condition: ValidatorCondition | null
  /** The next note inserted is a counterfeit (a trainer's one-off). */
  counterfeitNext: boolean
  /** The next note jams while being stacked (a trainer's one-off). */
  jamNext: boolean
  /** The note stuck in the path while jammed: it may or may not be in the cashbox. */
  jammedNote: Note | null
}

/** What the validator tells the kiosk. */
export type BillValidatorReport =
  | { type: 'validator.escrowed'; note: Note }
  | { type: 'validator.stacked'; note: Note }
  | { type: 'validator.returned'; note: Note; cause: 'commanded' | 'escrowTimeout' }
  | { type: 'validator.refusedAtEntry'; note: Note }
  | { type: 'validator.rejected'; note: Note; reason: 'counterfeit' }
  | { type: 'validator.conditionChanged'; condition: ValidatorCondition | null }
  /** Jammed. A note stuck while stacking may be in the cashbox or not: it is "in doubt" until staff check. */
  | { type: 'validator.jammed'; note: Note | null; phase: JamPhase | null }

export type BillValidatorEvent =
  | { type: 'insert'; note: Note }
  | { type: 'enable' }
  | { type: 'disable' }
  | { type: 'stack' }
  | { type: 'return' }
  | { type: 'condition'; condition: ValidatorCondition | null }
  | { type: 'counterfeitNext' }
  /** A trainer's jam: the note in the path jams now; with none, the next note jams while stacking. */
  | { type: 'jam' }
  /** Forget the armed one-off faults (counterfeit, jam) not yet sprung. */
  | { type: 'disarm' }

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
    wantsNotes: ({ context }) => context.wantEnabled && context.condition === null,
    hasCondition: ({ context }) => context.condition !== null,
    isCounterfeit: ({ context }) => context.counterfeitNext,
    isJamArmed: ({ context }) => context.jamNext,
    isClearing: ({ event }) => event.type === 'condition' && event.condition === null
  },
  actions: {
    holdNote: assign({ note: ({ event }) => (event.type === 'insert' ? event.note : null) }),
    releaseNote: assign({ note: null }),
    markReturn: assign({ returnCause: (_, params: { cause: 'commanded' | 'escrowTimeout' }) => params.cause }),
    countStackedNote: assign({ cashbox: ({ context }) => addToCashbox(context.cashbox, context.note!) }),
    /** The stacker reports itself full when it holds its capacity. */
    checkStacker: enqueueActions(({ context, enqueue }) => {
      const held = context.cashbox.reduce((sum, c) => sum + c.count, 0)
      if (held >= context.stackerCapacity && context.condition === null) {
        enqueue.assign({ condition: 'stackerFull' })
        enqueue.sendParent({ type: 'validator.conditionChanged', condition: 'stackerFull' } satisfies BillValidatorReport)
      }
    }),
    setCondition: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'condition' || event.condition === context.condition) return
      // Emptying the stacker or putting the cassette back starts a fresh count; clearing a jam does not.
      if (event.condition === null && (context.condition === 'stackerFull' || context.condition === 'cassetteRemoved')) enqueue.assign({ cashbox: [] })
      enqueue.assign({ condition: event.condition })
      enqueue.sendParent({ type: 'validator.conditionChanged', condition: event.condition } satisfies BillValidatorReport)
    }),
    armCounterfeit: assign({ counterfeitNext: true }),
    armJam: assign({ jamNext: true }),
    /** The note in the path sticks; staff must open the validator. Nothing about it is assumed. */
    jamOnNote: enqueueActions(({ context, enqueue }, params: { phase: JamPhase }) => {
      enqueue.assign({ jamNext: false, condition: 'jam', jammedNote: context.note, note: null })
      enqueue.sendParent({ type: 'validator.jammed', note: context.note, phase: params.phase } satisfies BillValidatorReport)
    }),
    /** Staff cleared the path and took out the stuck note (it is the operator's to resolve, not the cashbox's). */
    clearJam: enqueueActions(({ enqueue }) => {
      enqueue.assign({ condition: null, jammedNote: null })
      enqueue.sendParent({ type: 'validator.conditionChanged', condition: null } satisfies BillValidatorReport)
    }),
    rejectCounterfeit: enqueueActions(({ event, enqueue }) => {
      enqueue.assign({ counterfeitNext: false })
      enqueue.sendParent({ type: 'validator.rejected', note: (event as { note: Note }).note, reason: 'counterfeit' } satisfies BillValidatorReport)
    }),
    wantNotes: assign({ wantEnabled: true }),
    refuseNotes: assign({ wantEnabled: false }),
    reportEscrowed: sendParent(({ context }) => ({ type: 'validator.escrowed', note: context.note! }) satisfies BillValidatorReport),
    reportStacked: sendParent(({ context }) => ({ type: 'validator.stacked', note: context.note! }) satisfies BillValidatorReport),
    reportReturned: sendParent(
      ({ context }) => ({ type: 'validator.returned', note: context.note!, cause: context.returnCause }) satisfies BillValidatorReport
    ),
    reportRefusedAtEntry: sendParent(({ event }) => ({ type: 'validator.refusedAtEntry', note: (event as { note: Note }).note }) satisfies BillValidatorReport)
  }
}).createMachine({
  id: 'billValidator',
  context: ({ input }) => ({
    ...input,
    note: null,
    wantEnabled: false,
    returnCause: 'commanded',
    cashbox: input.cashbox ?? [],
    condition: null,
    counterfeitNext: false,
    jamNext: false,
    jammedNote: null
  }),
  initial: 'disabled',
  on: {
    enable: { actions: 'wantNotes' },
    disable: { actions: 'refuseNotes' },
    insert: { actions: 'reportRefusedAtEntry' },
    condition: { actions: 'setCondition' },
    counterfeitNext: { actions: 'armCounterfeit' },
    jam: { actions: 'armJam' },
    disarm: { actions: assign({ counterfeitNext: false, jamNext: false }) }
  },
  states: {
    disabled: {
      // A note pushed in while disabled is refused; a condition cleared while wanted re-enables it.
      always: { guard: 'wantsNotes', target: 'idle' },
      on: { enable: { actions: 'wantNotes' } }
    },
    idle: {
      always: { guard: 'hasCondition', target: 'disabled' },
      on: {
        disable: { target: 'disabled', actions: 'refuseNotes' },
        insert: [
          { guard: 'isCounterfeit', actions: 'rejectCounterfeit' },
          { target: 'escrowed', actions: ['holdNote', 'reportEscrowed'] }
        ]
      }
    },
    escrowed: {
      on: {
        jam: { target: 'jammed', actions: { type: 'jamOnNote', params: { phase: 'escrow' } } },
        stack: 'stacking',
        return: { target: 'returning', actions: { type: 'markReturn', params: { cause: 'commanded' } } }
      },
      after: { escrowHold: { target: 'returning', actions: { type: 'markReturn', params: { cause: 'escrowTimeout' } } } }
    },
    stacking: {
      on: { jam: { target: 'jammed', actions: { type: 'jamOnNote', params: { phase: 'stacking' } } } },
      after: {
        stackTime: [
          // An armed jam strikes at the end of the stacking run: whether the note reached the box is unknown.
          { guard: 'isJamArmed', target: 'jammed', actions: { type: 'jamOnNote', params: { phase: 'stacking' } } },
          { target: 'settling', actions: ['countStackedNote', 'reportStacked', 'releaseNote', 'checkStacker'] }
        ]
      }
    },
    returning: {
      on: { jam: { target: 'jammed', actions: { type: 'jamOnNote', params: { phase: 'returning' } } } },
      after: { returnTime: { target: 'settling', actions: ['reportReturned', 'releaseNote'] } }
    },
    // Takes no notes until staff clear the path; other conditions wait until then.
    jammed: {
      on: {
        condition: [{ guard: 'isClearing', target: 'settling', actions: 'clearJam' }, { actions: [] }],
        jam: { actions: [] }
      }
    },
    settling: {
      always: [{ guard: 'wantsNotes', target: 'idle' }, { target: 'disabled' }]
    }
  }
})
