/**
 * What an action is there for that shows only after it (src/core/testing/aims.ts): where aimsOf names an aim, taking the
 * action (and, for a jam's notice, ending it) takes it; where the situation does not set it up, aimsOf names none. A walk
 * takes an aimed action while its aim is uncovered, so an aim that did not hold would keep it taking that action in vain.
 */
import { describe, expect, it } from 'vitest'
import { CoverageRecorder } from '../../src/core/coverage'
import type { ActionStep } from '../../src/core/scenario/schema'
import { actionName, JAM_WHILE_STACKING } from '../../src/core/testing/actions'
import { aimsOf } from '../../src/core/testing/aims'
import { pathRunner } from '../../src/core/testing/play'
import { profilesNamed, STAFF_PROFILE, STANDARD_PROFILE, type DrillProfile } from '../../src/core/testing/profiles'
import { STAFF_PINS } from '../../src/core/testing/staff'

const TO_CASH: ActionStep[] = [{ do: 'tapCard', number: '9398000011112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCash' }]
const NOTE: ActionStep = { do: 'insertBill', currency: 'KZT', value: 1000 }
const JAM: ActionStep = { do: 'fault', device: 'billValidator', fault: 'jam' }
const WRONG_PIN: ActionStep = { do: 'serviceLogin', pin: '9999' }
const SLOW_HOST: ActionStep = { do: 'fault', device: 'host', fault: 'slow' }

/**
 * Plays `before` on a fresh kiosk, asks aimsOf of `action` there, then plays it and `after`: the aims, and which of them
 * the recorder saw taken.
 */
async function aimed(before: ActionStep[], action: ActionStep, after: ActionStep[] = [], profile: DrillProfile = STANDARD_PROFILE) {
  const recorder = new CoverageRecorder()
  const runner = pathRunner([], recorder.inspect, profile)
  const steps = [...before, action, ...after]
  let aims: readonly string[] = []
  for (const [index, step] of steps.entries()) {
    if (index === before.length) aims = aimsOf(step, runner)
    const report = await runner.runStep(step, index)
    expect(report.ok, `${actionName(step)}: ${report.error}`).toBe(true)
  }
  runner.kiosk.stop()
  const uncovered = new Set(recorder.report().flatMap((m) => m.transitions.uncovered.map((t) => `${m.machine}: ${t}`)))
  return { aims, taken: aims.filter((aim) => !uncovered.has(aim)) }
}

describe('aimsOf', () => {
  it('a jam on a note being stacked after one was stacked: the notice ends in a credit of the money in (done, or its timer)', async () => {
    const jamWhileStacking = JAM_WHILE_STACKING
    expect(actionName(jamWhileStacking)).toBe('insertBill KZT 1000 meanwhile fault billValidator jam')
    const done = await aimed([...TO_CASH, NOTE], jamWhileStacking, [{ do: 'done' }])
    expect(done.aims).toContain('kiosk: kiosk.session.flow.billJam · customer.done #1')
    expect(done.taken).toEqual(done.aims.filter((a) => !a.includes('after noticeDisplay')))
    const waited = await aimed([...TO_CASH, NOTE], jamWhileStacking, [{ do: 'wait', seconds: 65 }])
    expect(waited.taken).toContain('kiosk: kiosk.session.flow.billJam · after noticeDisplay #1')
    // With nothing stacked, only what the note on its way is there for.
    expect((await aimed(TO_CASH, jamWhileStacking)).aims).toEqual(['billValidator: billValidator.stacking · jam'])
  })

  it('a note the kiosk takes with a jam armed: the jam at the end of its stacking run', async () => {
    const armed = await aimed([...TO_CASH, JAM], NOTE)
    expect(armed.aims).toEqual(['billValidator: billValidator.stacking · after stackTime #1'])
    expect(armed.taken).toEqual(armed.aims)
    expect((await aimed(TO_CASH, NOTE)).aims).toEqual([])
    // A note it gives back never reaches the stacker.
    expect((await aimed([...TO_CASH, JAM], { do: 'insertBill', currency: 'EUR', value: 500 })).aims).toEqual([])
  })

  it('a power cut with money in while the host outwaits the kiosk: the recovery’s lookup times out', async () => {
    const slowHost = profilesNamed(['slowHost'])[0]!
    const cut: ActionStep = { do: 'powerCut' }
    const timedOut = await aimed([...TO_CASH, NOTE, SLOW_HOST], cut, [], slowHost)
    expect(timedOut.aims).toEqual(['kiosk: kiosk.session.flow.identifyingCard · after hostTimeout'])
    expect(timedOut.taken).toEqual(timedOut.aims)
    // The drill switched on with money in is there for it too: the power cut after it takes it.
    const drill = await aimed([...TO_CASH, NOTE], SLOW_HOST, [cut], slowHost)
    expect(drill).toEqual({ aims: timedOut.aims, taken: timedOut.aims })
    // Under the factory timings the slow host still answers in time; with nothing paid there is nothing to recover.
    expect((await aimed([...TO_CASH, NOTE, SLOW_HOST], cut)).aims).toEqual([])
    expect((await aimed([...TO_CASH, SLOW_HOST], cut, [], slowHost)).aims).toEqual([])
  })

  it('money confirmed with the host link down: the credit refused, retried until the attempts run out', async () => {
    const down: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
    const refused = await aimed([...TO_CASH, NOTE, down], { do: 'confirm' })
    expect(refused.aims).toEqual(['kiosk: kiosk.session.flow.crediting · error creditCard #2', 'kiosk: kiosk.session.flow.creditRetrying · always'])
    expect(refused.taken).toEqual(refused.aims)
    expect((await aimed([...TO_CASH, NOTE], { do: 'confirm' })).aims).toEqual([])
  })

  it('a short wait on the done screen of a receipt that could not be printed: Done on the e-receipt', async () => {
    const unprinted: ActionStep[] = [
      { do: 'tapCard', number: '9398000011112222' },
      { do: 'chooseAmount', kzt: 2000 },
      { do: 'fault', device: 'printer', fault: 'paperOut' },
      { do: 'payCash' },
      NOTE,
      { do: 'confirm' }
    ]
    const eReceiptDone = 'kiosk: kiosk.session.flow.finishing.eReceipt · customer.done'
    const wait: ActionStep = { do: 'wait', seconds: 10 }
    expect(await aimed(unprinted, wait, [wait, { do: 'done' }])).toEqual({ aims: [eReceiptDone], taken: [eReceiptDone] })
    // Long enough to outlast the e-receipt, or on a printed receipt's done screen: not there for it.
    expect((await aimed(unprinted, { do: 'wait', seconds: 35 })).aims).toEqual([])
    expect(
      (
        await aimed(
          unprinted.filter((s) => s.do !== 'fault'),
          wait
        )
      ).aims
    ).toEqual([])
  })

  it('staff’s way to the lockout and back, asking again while it lasts: each step is there for the lockout where they came from', async () => {
    const idleLockout = 'kiosk: kiosk.idle · service.entryRequested #1'
    const way: ActionStep[] = [{ do: 'serviceEntry' }, WRONG_PIN, WRONG_PIN, WRONG_PIN, { do: 'serviceCancel' }]
    for (let i = 0; i < way.length; i++) expect((await aimed(way.slice(0, i), way[i]!, [], STAFF_PROFILE)).aims, actionName(way[i]!)).toEqual([idleLockout])
    // Asked for again while the lockout lasts: the lockout's transition at the attract screen.
    expect(await aimed(way, { do: 'serviceEntry' }, [], STAFF_PROFILE)).toEqual({ aims: [idleLockout], taken: [idleLockout] })
    const again = await aimed(way.slice(0, 4), { do: 'serviceCancel' }, [{ do: 'serviceEntry' }], STAFF_PROFILE)
    expect(again.taken).toEqual([idleLockout])
    // Out of service for the host, staff come back there.
    const down: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
    const fromDown = await aimed([down, ...way.slice(0, 4)], { do: 'serviceCancel' }, [{ do: 'serviceEntry' }], STAFF_PROFILE)
    expect(fromDown).toEqual({
      aims: ['kiosk: kiosk.outOfService · service.entryRequested #1'],
      taken: ['kiosk: kiosk.outOfService · service.entryRequested #1']
    })
    // A right PIN is not on the way.
    expect((await aimed([{ do: 'serviceEntry' }], { do: 'serviceLogin', pin: STAFF_PINS.administrator }, [], STAFF_PROFILE)).aims).toEqual([])
  })
})
