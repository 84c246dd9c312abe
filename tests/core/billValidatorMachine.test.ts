import { describe, expect, it } from 'vitest'
import { createActor, setup } from 'xstate'
import { VirtualClock } from '../../src/core/clock'
import { billValidatorMachine, type BillValidatorReport } from '../../src/core/machines/billValidatorMachine'

/** Runs the validator as the kiosk does (as a child) and records what it reports. */
function makeValidator() {
  const clock = new VirtualClock(0)
  const reports: BillValidatorReport[] = []
  const parent = setup({ actors: { validator: billValidatorMachine } }).createMachine({
    invoke: { id: 'validator', src: 'validator', input: { stackMs: 500, returnMs: 400, escrowMs: 20_000, stackerCapacity: 3 } },
    on: { '*': { actions: ({ event }) => reports.push(event as BillValidatorReport) } }
  })
  const actor = createActor(parent, { clock }).start()
  const validator = actor.getSnapshot().children.validator!
  const state = () => validator.getSnapshot().value as string
  const cashbox = () => validator.getSnapshot().context.cashbox
  return { clock, reports, validator, state, cashbox }
}

const note = { currency: 'KZT' as const, value: 1000 }

describe('bill validator', () => {
  it('pushes a note straight back while disabled', () => {
    const { validator, reports, state } = makeValidator()
    validator.send({ type: 'insert', note })
    expect(state()).toBe('disabled')
    expect(reports).toEqual([{ type: 'validator.refusedAtEntry', note }])
  })

  it('holds an inserted note in escrow until told to stack it, and counts it only once stacked', async () => {
    const { validator, reports, state, cashbox, clock } = makeValidator()
    validator.send({ type: 'enable' })
    validator.send({ type: 'insert', note })
    expect(state()).toBe('escrowed')
    expect(reports).toEqual([{ type: 'validator.escrowed', note }])
    validator.send({ type: 'stack' })
    expect(state()).toBe('stacking')
    expect(cashbox()).toEqual([])
    await clock.advance(499)
    expect(cashbox()).toEqual([])
    await clock.advance(1)
    expect(reports.at(-1)).toEqual({ type: 'validator.stacked', note })
    expect(cashbox()).toEqual([{ currency: 'KZT', value: 1000, count: 1 }])
    expect(state()).toBe('idle')
  })

  it('returns a note when told to, without counting it', async () => {
    const { validator, reports, cashbox, clock, state } = makeValidator()
    validator.send({ type: 'enable' })
    validator.send({ type: 'insert', note })
    validator.send({ type: 'return' })
    expect(state()).toBe('returning')
    await clock.advance(400)
    expect(reports.at(-1)).toEqual({ type: 'validator.returned', note, cause: 'commanded' })
    expect(cashbox()).toEqual([])
  })

  it('returns a note left in escrow too long', async () => {
    const { validator, reports, clock } = makeValidator()
    validator.send({ type: 'enable' })
    validator.send({ type: 'insert', note })
    await clock.advance(20_400)
    expect(reports.at(-1)).toEqual({ type: 'validator.returned', note, cause: 'escrowTimeout' })
  })

  it('refuses a second note while one is in the path', () => {
    const { validator, reports } = makeValidator()
    validator.send({ type: 'enable' })
    validator.send({ type: 'insert', note })
    validator.send({ type: 'insert', note: { currency: 'KZT', value: 500 } })
    expect(reports.at(-1)).toEqual({ type: 'validator.refusedAtEntry', note: { currency: 'KZT', value: 500 } })
  })

  it('finishes stacking a note after being disabled, then stays disabled', async () => {
    const { validator, reports, clock, state, cashbox } = makeValidator()
    validator.send({ type: 'enable' })
    validator.send({ type: 'insert', note })
    validator.send({ type: 'stack' })
    validator.send({ type: 'disable' })
    await clock.advance(500)
    expect(reports.at(-1)).toEqual({ type: 'validator.stacked', note })
    expect(cashbox()).toEqual([{ currency: 'KZT', value: 1000, count: 1 }])
    expect(state()).toBe('disabled')
  })

  it('counts notes per denomination in the cashbox', async () => {
    const { validator, clock, cashbox } = makeValidator()
    validator.send({ type: 'enable' })
    for (const value of [1000, 500, 1000]) {
      validator.send({ type: 'insert', note: { currency: 'KZT', value } })
      validator.send({ type: 'stack' })
      await clock.advance(500)
    }
    expect(cashbox()).toEqual([
      { currency: 'KZT', value: 500, count: 1 },
      { currency: 'KZT', value: 1000, count: 2 }
    ])
  })

  it('reports itself full at its capacity and takes no more notes until emptied', async () => {
    const { validator, clock, reports, state, cashbox } = makeValidator()
    validator.send({ type: 'enable' })
    for (let i = 0; i < 3; i++) {
      validator.send({ type: 'insert', note })
      validator.send({ type: 'stack' })
      await clock.advance(500)
    }
    expect(reports.at(-1)).toEqual({ type: 'validator.conditionChanged', condition: 'stackerFull' })
    expect(state()).toBe('disabled')
    validator.send({ type: 'insert', note })
    expect(reports.at(-1)).toEqual({ type: 'validator.refusedAtEntry', note })
    validator.send({ type: 'condition', condition: null })
    expect(cashbox()).toEqual([])
    expect(state()).toBe('idle')
  })

  it('rejects the next note as counterfeit without escrowing it, then takes notes again', () => {
    const { validator, reports, state } = makeValidator()
    validator.send({ type: 'enable' })
    validator.send({ type: 'counterfeitNext' })
    validator.send({ type: 'insert', note })
    expect(reports.at(-1)).toEqual({ type: 'validator.rejected', note, reason: 'counterfeit' })
    expect(state()).toBe('idle')
    validator.send({ type: 'insert', note })
    expect(state()).toBe('escrowed')
  })
})
