/**
 * A note on its way (`insertBill`'s `meanwhile`, docs/scenarios.md): the scenario language's way to let
 * the disk fail, the validator jam, the customer leave or staff come while a note is still being stacked
 * or returned, and the generated paths' fixed set of such notes (IN_FLIGHT_ACTIONS), which take the
 * handlers of a note landing after the screen changed (no longer allow-listed as unreachable).
 */
import { describe, expect, it } from 'vitest'
import { COVERED_MACHINES, CoverageRecorder, machineGraph } from '../../src/core/coverage'
import { parseScenario, type ActionStep } from '../../src/core/scenario/schema'
import { actionName, IN_FLIGHT_ACTIONS, inFlightAims, JAM_WHILE_STACKING, PATH_ACTIONS, possibleActions } from '../../src/core/testing/actions'
import { whyNotLive, LIVE_SAFE_ACTIONS } from '../../src/core/testing/liveSafe'
import { pathRunner } from '../../src/core/testing/play'
import { freshTransitions } from '../../src/core/testing/uncovered'
import { STAFF_PROFILE, STANDARD_PROFILE, type DrillProfile } from '../../src/core/testing/profiles'

const ALL_TRANSITIONS = COVERED_MACHINES.flatMap((m) => machineGraph(m).graph.transitions.map((t) => `${machineGraph(m).graph.machine}: ${t.id}`))
const TO_CASH: ActionStep[] = [{ do: 'tapCard', number: '9398000011112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCash' }]
const scenario = (steps: unknown[]) => ({ name: 'in flight', steps })
const note = (meanwhile: unknown) => scenario([{ do: 'insertBill', currency: 'KZT', value: 1000, meanwhile }])

/** Plays steps on a fresh kiosk under a profile with a recorder watching: each step's report and the transitions taken. */
async function play(steps: ActionStep[], profile: DrillProfile = STANDARD_PROFILE) {
  const recorder = new CoverageRecorder()
  const runner = pathRunner(steps, recorder.inspect, profile)
  const reports = []
  for (const [index, step] of steps.entries()) reports.push(await runner.runStep(step, index))
  const screen = runner.kiosk.screen()
  const validator = String(runner.kiosk.validator().getSnapshot().value)
  runner.kiosk.stop()
  const uncovered = new Set(recorder.report().flatMap((m) => m.transitions.uncovered.map((t) => `${m.machine}: ${t}`)))
  const taken = new Set(ALL_TRANSITIONS.filter((t) => !uncovered.has(t)))
  return { reports, screen, validator, taken }
}

describe('insertBill meanwhile: the schema', () => {
  it('takes a list of actions and keeps them parsed', () => {
    const parsed = parseScenario(note([{ do: 'cancel' }, { do: 'fault', device: 'host', fault: 'down' }]))
    expect(parsed.steps[0]).toEqual({
      do: 'insertBill',
      currency: 'KZT',
      value: 1000,
      meanwhile: [{ do: 'cancel' }, { do: 'fault', device: 'host', fault: 'down' }]
    })
  })

  it.for([
    [[], /steps\[0\]\.meanwhile: expected at least one step/],
    [Array.from({ length: 7 }, () => ({ do: 'cancel' })), /steps\[0\]\.meanwhile: expected at most 6 steps/],
    [{ do: 'cancel' }, /steps\[0\]\.meanwhile: expected a list of steps/],
    [[{ do: 'wait', seconds: 1 }], /steps\[0\]\.meanwhile\[0\]\.do: "wait" cannot be taken while a note is on its way: a wait lets the note land first/],
    [
      [{ do: 'cancel' }, { do: 'insertBill', currency: 'KZT', value: 500 }],
      /steps\[0\]\.meanwhile\[1\]\.do: "insertBill" cannot be taken .*one note at a time/
    ],
    [[{ expect: { screen: 'idle' } }], /steps\[0\]\.meanwhile\[0\]: expected an action \(an object with "do"\)/],
    [[{ do: 'teleport' }], /steps\[0\]\.meanwhile\[0\]\.do: unknown verb "teleport"/],
    [[{ do: 'fault', device: 'host', fault: 'melted' }], /steps\[0\]\.meanwhile\[0\]\.fault/],
    [[{ do: 'cancel', caption: { en: 'walks off' } }], /steps\[0\]\.meanwhile\[0\].*caption/]
  ] as const)('refuses %j, naming the field', ([meanwhile, message]) => {
    expect(() => parseScenario(note(meanwhile))).toThrow(message)
  })
})

describe('insertBill meanwhile: the runner', () => {
  it('takes the steps while a refused note is on its way back: it lands with the kiosk out of service', async () => {
    const steps: ActionStep[] = [
      ...TO_CASH,
      // Cancel asks "Cancel the top-up?" (the card is known); the second Cancel answers it.
      { do: 'insertBill', currency: 'EUR', value: 500, meanwhile: [{ do: 'cancel' }, { do: 'cancel' }, { do: 'fault', device: 'host', fault: 'down' }] }
    ]
    const { reports, screen, validator, taken } = await play(steps)
    expect(reports.map((r) => r.error ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect(screen).toBe('outOfService')
    expect(validator).toBe('disabled')
    expect(taken).toContain('kiosk: kiosk.outOfService · validator.returned')
  })

  it('jams a note while it is stacked', async () => {
    const steps: ActionStep[] = [
      ...TO_CASH,
      { do: 'insertBill', currency: 'KZT', value: 1000, meanwhile: [{ do: 'fault', device: 'billValidator', fault: 'jam' }] }
    ]
    const { screen, taken } = await play(steps)
    expect(screen).toBe('billJam')
    expect(taken).toContain('billValidator: billValidator.stacking · jam')
  })

  it('fails the step when the validator does not draw the note in, or a step is not possible meanwhile', async () => {
    const idle = await play([{ do: 'insertBill', currency: 'KZT', value: 1000, meanwhile: [{ do: 'start' }] }])
    expect(idle.reports[0]!.error).toMatch(/"meanwhile": the validator did not draw the note in/)
    // A note being stacked counts as paid: the customer cannot cancel.
    const stacking = await play([...TO_CASH, { do: 'insertBill', currency: 'KZT', value: 1000, meanwhile: [{ do: 'cancel' }] }])
    expect(stacking.reports[3]!.error).toMatch(/^meanwhile\[0\] \(cancel\): "cancel" is not possible on the cash screen/)
  })

  it('is headless only: live-safe walks leave these notes out, saying why', () => {
    for (const action of IN_FLIGHT_ACTIONS) expect(whyNotLive(action)).toMatch(/headless runner’s virtual clock/)
    expect(LIVE_SAFE_ACTIONS.filter((a) => a.do === 'insertBill' && a.meanwhile)).toEqual([])
  })
})

describe('the generated notes on their way (IN_FLIGHT_ACTIONS)', () => {
  it('are path actions with names of their own', () => {
    for (const action of IN_FLIGHT_ACTIONS) expect(PATH_ACTIONS).toContain(action)
    const names = IN_FLIGHT_ACTIONS.map(actionName)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toContain('insertBill EUR 500 meanwhile cancel, cancel, fault host down')
  })

  it('are possible on the cash screen with nothing paid, and together take every handler of a note landing after the screen changed', async () => {
    const taken = new Set<string>()
    for (const action of IN_FLIGHT_ACTIONS) {
      const profile = action.do === 'insertBill' && action.meanwhile?.some((s) => (s as ActionStep).do === 'serviceLogin') ? STAFF_PROFILE : STANDARD_PROFILE
      const at = pathRunner(TO_CASH, undefined, profile)
      for (const [index, step] of TO_CASH.entries()) await at.runStep(step, index)
      expect(possibleActions(at).map(actionName), `${actionName(action)} under ${profile.name}`).toContain(actionName(action))
      at.kiosk.stop()
      const played = await play([...TO_CASH, action], profile)
      expect(played.reports.at(-1)!.error, actionName(action)).toBeUndefined()
      // What it is there for (a quick-random walk takes it while that is uncovered, freshTransitions), it takes.
      expect(inFlightAims(action).length, actionName(action)).toBeGreaterThan(0)
      const before = await play(TO_CASH, profile)
      for (const aim of inFlightAims(action)) {
        expect(played.taken, `${actionName(action)} takes ${aim}`).toContain(aim)
        expect(before.taken, `${aim} is not taken on the way to the cash screen`).not.toContain(aim)
      }
      for (const t of played.taken) taken.add(t)
    }
    const handlers = [
      'billValidator: billValidator.stacking · jam',
      'billValidator: billValidator.returning · jam',
      ...['idle', 'outOfService', 'service', 'closedByStaff'].flatMap((s) => [
        `kiosk: kiosk.${s} · validator.returned`,
        `kiosk: kiosk.${s} · validator.jammed`
      ]),
      'kiosk: kiosk.storageFailed · validator.stacked',
      'kiosk: kiosk.storageFailed · validator.returned',
      'kiosk: kiosk.storageFailed · validator.jammed',
      'kiosk: kiosk.session.flow · validator.jammed'
    ]
    expect(handlers.filter((h) => !taken.has(h))).toEqual([])
  })

  it('is fresh to a quick-random walk while what it is there for is uncovered, and only then', async () => {
    const recorder = new CoverageRecorder()
    const [last, ...others] = [...IN_FLIGHT_ACTIONS].reverse()
    for (const action of others) {
      const runner = pathRunner([], recorder.inspect, STAFF_PROFILE)
      for (const [index, step] of [...TO_CASH, action].entries()) await runner.runStep(step, index)
      runner.kiosk.stop()
    }
    const at = pathRunner([], undefined, STAFF_PROFILE)
    for (const [index, step] of TO_CASH.entries()) await at.runStep(step, index)
    const fresh = freshTransitions(at, possibleActions(at), recorder)
    at.kiosk.stop()
    // The jam on a note being stacked is there for the jam's notice too (aims.ts): fresh for that, not for the note's way.
    expect(fresh.get(JAM_WHILE_STACKING)).not.toContain('billValidator: billValidator.stacking · jam')
    const freshNotes = [...fresh.keys()].filter((a) => IN_FLIGHT_ACTIONS.includes(a) && a !== JAM_WHILE_STACKING)
    expect(freshNotes.map(actionName)).toEqual([actionName(last!)])
    expect(fresh.get(last!)).toEqual(expect.arrayContaining(['kiosk: kiosk.closedByStaff · validator.jammed']))
  })

  it('a note being stacked keeps the customer: the ones that leave the cash screen are not possible then', async () => {
    const at = pathRunner([], undefined, STANDARD_PROFILE)
    const steps: ActionStep[] = [...TO_CASH, { do: 'insertBill', currency: 'KZT', value: 1000 }]
    for (const [index, step] of steps.entries()) await at.runStep(step, index)
    const possible = possibleActions(at).filter((a) => a.do === 'insertBill' && a.meanwhile)
    at.kiosk.stop()
    // Something is paid now: no note on its way lets the customer walk off.
    expect(possible.map(actionName).filter((n) => / meanwhile (cancel|back)/.test(n))).toEqual([])
    expect(possible.map(actionName)).toContain('insertBill KZT 1000 meanwhile fault billValidator jam')
  })
})
