/** A walk's belief in what a fresh action is taken for, and its giving up on a prediction that keeps missing. */
import { describe, expect, it } from 'vitest'
import type { ActionStep } from '../../src/core/scenario/schema'
import { carryingOn, GIVE_UP_AFTER, Pursuits } from '../../src/core/testing/pursuits'

const POWER_CUT: ActionStep = { do: 'powerCut' }
const CONFIRM: ActionStep = { do: 'confirm' }
const AIM = 'kiosk: kiosk.session.flow.resuming · always #4'
const OTHER = 'kiosk: kiosk.session.flow.crediting · after hostTimeout'

describe('Pursuits', () => {
  it('gives up an action for a transition it was taken for and missed GIVE_UP_AFTER times, not for others, nor other actions for it', () => {
    const pursuits = new Pursuits()
    const fresh = new Map<ActionStep, string[]>([
      [POWER_CUT, [AIM, OTHER]],
      [CONFIRM, [AIM]]
    ])
    for (let leg = 0; leg < GIVE_UP_AFTER; leg++) {
      expect(pursuits.stillWorthIt(fresh)).toEqual(fresh)
      pursuits.pursue(POWER_CUT, [AIM])
      pursuits.settle(new Set([AIM, OTHER]))
    }
    expect(pursuits.stillWorthIt(fresh)).toEqual(
      new Map<ActionStep, string[]>([
        [POWER_CUT, [OTHER]],
        [CONFIRM, [AIM]]
      ])
    )
  })

  it('a pursuit that covered its transition is no miss; an action with nothing left worth it is not fresh', () => {
    const pursuits = new Pursuits()
    const fresh = new Map<ActionStep, string[]>([[CONFIRM, [AIM]]])
    for (let leg = 0; leg < GIVE_UP_AFTER + 2; leg++) {
      pursuits.pursue(CONFIRM, [AIM])
      pursuits.settle(new Set([OTHER]))
    }
    expect(pursuits.stillWorthIt(fresh)).toEqual(fresh)
    for (let leg = 0; leg < GIVE_UP_AFTER; leg++) {
      pursuits.pursue(CONFIRM, [AIM])
      pursuits.settle(new Set([AIM]))
    }
    expect(pursuits.stillWorthIt(fresh).size).toBe(0)
  })

  it('an action pulled right after is a choice of its own: giving it up leaves the action alone, and the other way round', () => {
    const pursuits = new Pursuits()
    const fresh = new Map<ActionStep, string[]>([[CONFIRM, [AIM]]])
    for (let leg = 0; leg < GIVE_UP_AFTER; leg++) {
      pursuits.pursue(CONFIRM, [AIM], true)
      pursuits.settle(new Set([AIM]))
    }
    expect(pursuits.stillWorthIt(fresh, true).size).toBe(0)
    expect(pursuits.stillWorthIt(fresh)).toEqual(fresh)
  })

  it('counts a miss once per leg, however often the action was taken in it', () => {
    const pursuits = new Pursuits()
    for (let i = 0; i < GIVE_UP_AFTER + 3; i++) pursuits.pursue(CONFIRM, [AIM])
    pursuits.settle(new Set([AIM]))
    expect(pursuits.stillWorthIt(new Map<ActionStep, string[]>([[CONFIRM, [AIM]]])).size).toBe(1)
  })
})

describe('carryingOn', () => {
  const NOTE: ActionStep = { do: 'insertBill', currency: 'KZT', value: 1000 }
  const JAM: ActionStep = { do: 'insertBill', currency: 'KZT', value: 1000, meanwhile: [{ do: 'fault', device: 'billValidator', fault: 'jam' }] }
  const CREDIT_AFTER_JAM = 'kiosk: kiosk.session.flow.billJam · customer.done #1'
  const fresh = new Map<ActionStep, string[]>([
    [CONFIRM, [OTHER]],
    [JAM, ['billValidator: billValidator.stacking · jam', CREDIT_AFTER_JAM]],
    [NOTE, [AIM]]
  ])

  it('the actions fresh for what the last action was taken for come first (the jam after a note taken for a jam with money in)', () => {
    expect(carryingOn(fresh, new Set([CREDIT_AFTER_JAM, 'kiosk: kiosk.session.flow.closingTopUp · always #1']))).toEqual([JAM])
  })

  it('all of them when none carries it on, or the last action was taken for nothing', () => {
    expect(carryingOn(fresh, new Set(['kiosk: kiosk.idle · always #3']))).toEqual([CONFIRM, JAM, NOTE])
    expect(carryingOn(fresh, new Set())).toEqual([CONFIRM, JAM, NOTE])
  })
})
