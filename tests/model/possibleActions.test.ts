/** The actions a walk may take where a drill is on, and which of them take something not covered yet. */
import { describe, expect, it } from 'vitest'
import type { ActionStep } from '../../src/core/scenario/schema'
import { actionName, possibleActions } from '../../src/core/testing/actions'
import { pathRunner } from '../../src/core/testing/play'
import { CoverageRecorder } from '../../src/core/coverage'
import { IN_FLIGHT_ACTIONS } from '../../src/core/testing/actions'
import { freshTransitions } from '../../src/core/testing/uncovered'

async function at(steps: ActionStep[]) {
  const runner = pathRunner([])
  for (const [index, step] of steps.entries()) {
    const report = await runner.runStep(step, index)
    expect(report.ok, `${actionName(step)}: ${report.error}`).toBe(true)
  }
  return runner
}

describe('the actions a walk may take', () => {
  it('a tap with the card reader failing only at the attract screen, not out of service', async () => {
    const runner = await at([
      { do: 'fault', device: 'cardReader', fault: 'readError' },
      { do: 'fault', device: 'host', fault: 'down' }
    ])
    expect(runner.kiosk.screen()).toBe('outOfService')
    expect(possibleActions(runner).map(actionName)).not.toContain('tapCard 9398000011112222')
    expect(possibleActions(runner).map(actionName)).toContain('clearFault cardReader')
    runner.kiosk.stop()
    const idle = await at([{ do: 'fault', device: 'cardReader', fault: 'readError' }])
    expect(possibleActions(idle).map(actionName)).toContain('tapCard 9398000011112222')
    idle.kiosk.stop()
  })
})

describe('fresh actions', () => {
  it('clearing a validator fault out of service is fresh for the kiosk’s handling of the new condition, and takes it', async () => {
    const toCash: ActionStep[] = [{ do: 'tapCard', number: '9398000011112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCash' }]
    // A refused note on its way back as the customer leaves, the host link drops and the validator jams on it.
    const jamOutOfService = IN_FLIGHT_ACTIONS.find(
      (a) => actionName(a) === 'insertBill EUR 500 meanwhile cancel, cancel, fault host down, fault billValidator jam'
    )!
    const recorder = new CoverageRecorder()
    const runner = pathRunner([], recorder.inspect)
    for (const [index, step] of [...toCash, jamOutOfService].entries()) await runner.runStep(step, index)
    expect(runner.kiosk.screen()).toBe('outOfService')
    const handled = 'kiosk: kiosk.outOfService · validator.conditionChanged'
    const clear = possibleActions(runner).find((a) => actionName(a) === 'clearFault billValidator')!
    expect(freshTransitions(runner, [clear], recorder).get(clear)).toContain(handled)
    await runner.runStep(clear, 4)
    runner.kiosk.stop()
    expect(recorder.report().flatMap((m) => m.transitions.uncovered.map((t) => `${m.machine}: ${t}`))).not.toContain(handled)
  })
})
