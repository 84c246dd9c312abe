/** The actions a walk may take where a drill is on. */
import { describe, expect, it } from 'vitest'
import type { ActionStep } from '../../src/core/scenario/schema'
import { actionName, possibleActions } from '../../src/core/testing/actions'
import { pathRunner } from '../../src/core/testing/play'

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
