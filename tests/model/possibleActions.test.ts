/** The actions a walk may take where a drill is on, and which of them take something not covered yet. */
import { describe, expect, it } from 'vitest'
import type { ActionStep } from '../../src/core/scenario/schema'
import { actionName, possibleActions } from '../../src/core/testing/actions'
import { pathRunner } from '../../src/core/testing/play'
import { STANDARD_PROFILE as STANDARD } from '../../src/core/testing/profiles'
import { CoverageRecorder } from '../../src/core/coverage'
import { IN_FLIGHT_ACTIONS, JAM_WHILE_STACKING } from '../../src/core/testing/actions'
import { freshParts, freshTransitions } from '../../src/core/testing/uncovered'
import { STAFF_PROFILE } from '../../src/core/testing/profiles'
import { STAFF_PINS } from '../../src/core/testing/staff'

async function at(steps: ActionStep[], profile = STANDARD) {
  const runner = pathRunner([], undefined, profile)
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

  it('the host link may drop while staff have closed the kiosk (the kiosk still follows it), and its drop is fresh there', async () => {
    const close: ActionStep[] = [
      { do: 'serviceEntry' },
      { do: 'serviceLogin', pin: STAFF_PINS.administrator },
      { do: 'setOutOfService', reason: 'cash collection' },
      { do: 'serviceLogout' }
    ]
    const recorder = new CoverageRecorder()
    const runner = pathRunner([], recorder.inspect, STAFF_PROFILE)
    for (const [index, step] of close.entries()) expect((await runner.runStep(step, index)).ok).toBe(true)
    expect(runner.kiosk.snapshot().matches('closedByStaff')).toBe(true)
    const down = possibleActions(runner).find((a) => actionName(a) === 'fault host down')
    expect(down).toBeDefined()
    expect(freshTransitions(runner, [down!], recorder).get(down!)).toContain('kiosk: kiosk.closedByStaff · host.down')
    runner.kiosk.stop()
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

describe('fresh for what a device then reports to the kiosk', () => {
  const toCash: ActionStep[] = [{ do: 'tapCard', number: '9398000011112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCash' }]

  /** Plays `steps`, then `action`: whether freshTransitions named `transition` for it, and whether it was taken. */
  async function reported(steps: ActionStep[], action: ActionStep, transition: string) {
    const recorder = new CoverageRecorder()
    const runner = pathRunner([], recorder.inspect)
    for (const [index, step] of steps.entries()) expect((await runner.runStep(step, index)).ok, actionName(step)).toBe(true)
    const fresh = freshTransitions(runner, [action], recorder).get(action) ?? []
    await runner.runStep(action, steps.length)
    runner.kiosk.stop()
    const uncovered = recorder.report().flatMap((m) => m.transitions.uncovered.map((t) => `${m.machine}: ${t}`))
    return { named: fresh.includes(transition), taken: !uncovered.includes(transition) }
  }

  it('a note with a counterfeit armed: the validator rejects it and the kiosk hears so', async () => {
    const counterfeit: ActionStep = { do: 'fault', device: 'billValidator', fault: 'counterfeit' }
    const note: ActionStep = { do: 'insertBill', currency: 'KZT', value: 1000 }
    expect(await reported([...toCash, counterfeit], note, 'kiosk: kiosk.session.flow · validator.rejected')).toEqual({ named: true, taken: true })
    expect((await reported(toCash, note, 'kiosk: kiosk.session.flow · validator.rejected')).named).toBe(false)
  })

  it('a wait outlasting the customer’s time (inactivity and warning, or the warning’s seconds left): the screen hears the time out', async () => {
    const timedOut = 'kiosk: kiosk.session.flow.cash · session.timedOut #2'
    // Factory timings: 30 s of inactivity and a 20 s warning.
    expect(await reported(toCash, { do: 'wait', seconds: 65 }, timedOut)).toEqual({ named: true, taken: true })
    expect(await reported(toCash, { do: 'wait', seconds: 35 }, timedOut)).toEqual({ named: false, taken: false })
    const warned: ActionStep[] = [...toCash, { do: 'wait', seconds: 35 }]
    expect(await reported(warned, { do: 'wait', seconds: 35 }, timedOut)).toEqual({ named: true, taken: true })
    expect(await reported(warned, { do: 'wait', seconds: 10 }, timedOut)).toEqual({ named: false, taken: false })
  })

  it('a card pulled in the middle of a write, asked back and pulled again: the kiosk hears the write failed', async () => {
    const tap: ActionStep = { do: 'tapCard', number: '9398000011112222' }
    const pull: ActionStep = { do: 'removeCard' }
    // A removeCard next makes the step before it stop in the middle of the write (as a walk's pull does).
    const credited: ActionStep[] = [...toCash, { do: 'insertBill', currency: 'KZT', value: 1000 }, { do: 'confirm' }]
    const recorder = new CoverageRecorder()
    const steps: ActionStep[] = [...credited, pull, tap, pull]
    const runner = pathRunner(steps, recorder.inspect)
    for (let index = 0; index < steps.length - 1; index++) expect((await runner.runStep(steps[index]!, index)).ok).toBe(true)
    expect(runner.kiosk.cardReader().getSnapshot().matches('writing')).toBe(true)
    const failed = 'kiosk: kiosk.session.flow.writingCard · reader.writeFailed #1'
    expect(freshTransitions(runner, [pull], recorder).get(pull)).toContain(failed)
    await runner.runStep(pull, steps.length - 1)
    runner.kiosk.stop()
    expect(recorder.report().flatMap((m) => m.transitions.uncovered.map((t) => `${m.machine}: ${t}`))).not.toContain(failed)
  })
})

describe('fresh by the machines’ word or by an aim', () => {
  const toCash: ActionStep[] = [{ do: 'tapCard', number: '9398000011112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCash' }]
  const note: ActionStep = { do: 'insertBill', currency: 'KZT', value: 1000 }
  const done: ActionStep = { do: 'done' }
  const creditAfterJam = 'kiosk: kiosk.session.flow.billJam · customer.done #1'

  it('the first note is there for the credit after a jam on the next (an aim); Done on that jam’s notice takes it (the machines)', async () => {
    const recorder = new CoverageRecorder()
    const runner = pathRunner([], recorder.inspect)
    for (const [index, step] of toCash.entries()) expect((await runner.runStep(step, index)).ok).toBe(true)
    const first = freshParts(runner, [note], recorder)
    expect(first.byAims.get(note)).toContain(creditAfterJam)
    expect(first.byMachines.get(note) ?? []).not.toContain(creditAfterJam)
    expect(freshTransitions(runner, [note], recorder).get(note)).toEqual([...(first.byMachines.get(note) ?? []), ...first.byAims.get(note)!])
    for (const [index, step] of [note, JAM_WHILE_STACKING].entries()) expect((await runner.runStep(step, toCash.length + index)).ok).toBe(true)
    expect(runner.kiosk.screen()).toBe('billJam')
    const notice = freshParts(runner, [done], recorder)
    expect(notice.byMachines.get(done)).toEqual([creditAfterJam])
    expect(notice.byAims.has(done)).toBe(false)
    runner.kiosk.stop()
  })
})
