/**
 * weighted_random's weights read from the model (issue 17): a transition's `meta.weight` weighs the action that takes it, as
 * GraphWalker's edge weight does; a weights file overrides it, action by action; actions no transition weighs keep actionWeight.
 */
import { describe, expect, it } from 'vitest'
import { COVERED_MACHINES } from '../../src/core/coverage'
import type { ActionStep, Step } from '../../src/core/scenario/schema'
import { actionWeight } from '../../src/core/testing/actions'
import { parseGenerator } from '../../src/core/testing/generator'
import { defaultWeight, modelWeight, weightedTransitions } from '../../src/core/testing/modelWeights'
import { pathRunner } from '../../src/core/testing/play'
import { walk } from '../../src/core/testing/walk'
import { loadWeights } from '../../src/core/testing/weights'

const CARD = '9398000011112222'

/** A kiosk on a fresh runner after the given actions (each must be possible). */
async function kioskAfter(...steps: ActionStep[]) {
  const runner = pathRunner(steps)
  for (const [index, step] of steps.entries()) expect((await runner.runStep(step, index)).ok, JSON.stringify(step)).toBe(true)
  return runner
}

describe('weights in the machines’ meta', () => {
  it('are numbers of at least 0, on the customer’s steps forward: an amount chosen, cash chosen, the payment confirmed', () => {
    const weighted = new Map(COVERED_MACHINES.flatMap((machine) => [...weightedTransitions(machine)].map(([id, w]) => [`${machine.id}: ${id}`, w])))
    for (const [id, weight] of weighted) expect(typeof weight === 'number' && weight >= 0, `${id}: ${String(weight)}`).toBe(true)
    expect([...weighted.keys()].sort()).toEqual([
      'kiosk: kiosk.session.flow.amount · customer.chooseAmount #1',
      'kiosk: kiosk.session.flow.amount · customer.chooseAmount #2',
      'kiosk: kiosk.session.flow.cash · customer.confirm',
      'kiosk: kiosk.session.flow.paymentMethod · customer.payCash'
    ])
  })

  it('weigh the action that would take the transition where the walk stands, and only there', async () => {
    const idle = await kioskAfter()
    // At the attract screen no weighted transition can be taken: a tap has no weight of the model's.
    expect(modelWeight(idle, { do: 'tapCard', number: CARD })).toBeUndefined()
    expect(defaultWeight({ do: 'tapCard', number: CARD }, idle)).toBe(1)
    idle.kiosk.stop()
    const amount = await kioskAfter({ do: 'tapCard', number: CARD })
    expect(amount.kiosk.view().screen).toBe('amount')
    expect(modelWeight(amount, { do: 'chooseAmount', kzt: 2000 })).toBe(2)
    // Above the limit the refusal's branch is taken, weighted the same.
    expect(modelWeight(amount, { do: 'chooseAmount', kzt: 10_000_000 })).toBe(2)
    expect(modelWeight(amount, { do: 'cancel' })).toBeUndefined()
    expect(defaultWeight({ do: 'cancel' }, amount)).toBe(1)
    // A drill is weighed by actionWeight, the model having no transition for it.
    expect(defaultWeight({ do: 'fault', device: 'host', fault: 'down' }, amount)).toBe(actionWeight({ do: 'fault', device: 'host', fault: 'down' }))
    amount.kiosk.stop()
  })

  it('give way to a weights file that names the action or its verb', async () => {
    const amount = await kioskAfter({ do: 'tapCard', number: CARD })
    const weight = loadWeights({ weights: { chooseAmount: 0.5 } })
    expect(weight({ do: 'chooseAmount', kzt: 2000 }, amount)).toBe(0.5)
    // Not named: the model's weight, as without a file.
    const other = loadWeights({ weights: { powerCut: 0 } })
    expect(other({ do: 'chooseAmount', kzt: 2000 }, amount)).toBe(2)
    amount.kiosk.stop()
  })

  it('steer weighted_random walks: the model’s weights taken away (a file setting them to 1), amounts are chosen less often', async () => {
    const spec = parseGenerator('weighted_random(length(300))')
    const flat = loadWeights({ weights: { chooseAmount: 1, payCash: 1, confirm: 1 } })
    const count = (steps: readonly Step[]) => steps.filter((s) => 'do' in s && s.do === 'chooseAmount').length
    let byModel = 0
    let byFlat = 0
    for (const seed of [1, 2]) {
      byModel += count((await walk({ spec, seed })).paths[0]!.scenario.steps)
      byFlat += count((await walk({ spec, seed, weight: flat })).paths[0]!.scenario.steps)
    }
    expect(byModel).toBeGreaterThan(byFlat)
  })
})
