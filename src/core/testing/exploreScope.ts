/**
 * Which actions the exploration (./explore) tries where: the device drills, service mode and staff
 * kept to what reaches new states and transitions, so the graph does not copy itself once per fault,
 * wrong PIN or waiting entry.
 */
import type { ScenarioRunner } from '../scenario/runner'
import { meanwhileOf, type ActionStep } from '../scenario/schema'
import { actionName, activeFault, SIBLINGS_WHILE_DRILLING } from './actions'
import { runnerNow } from './play'
import { hasStaff, isStaffStep, pinState } from './staff'

/**
 * Whether a drill other than the host's is worth trying or going on with here: in a customer's
 * session only under the factory configuration (`deviceDrills`: the other profiles are the host's,
 * the card write's, the stacker's and the customer's timings, and what a device drill does the
 * standard graph shows), in the sessions of the active card (not again in those of the card near its
 * cap), and while one is on, not SIBLINGS_WHILE_DRILLING.
 */
function worthDrilling(runner: ScenarioRunner, step: ActionStep, deviceDrills: boolean): boolean {
  const fault = activeFault(runner)
  if (fault !== null && fault !== 'host') return !SIBLINGS_WHILE_DRILLING.has(actionName(step))
  // The disk failing while a card is written (a write long enough to be caught, under slowCardWrite): the write called off.
  if (step.do === 'fault' && step.device === 'storage' && runner.kiosk.cardReader().getSnapshot().matches('writing')) return true
  if (step.do === 'fault' && step.device !== 'host') return deviceDrills && runner.kiosk.snapshot().context.card?.number !== NEAR_CAP_CARD
  // A note with a drill on its way (IN_FLIGHT_ACTIONS) as a drill; staff's come only where there are staff, under any profile.
  if (step.do === 'insertBill' && step.meanwhile)
    return meanwhileOf(step).some(isStaffStep)
      ? hasStaff(runner.kiosk.snapshot().context.config)
      : deviceDrills && runner.kiosk.snapshot().context.card?.number !== NEAR_CAP_CARD
  return true
}

const NEAR_CAP_CARD = '9398000055556666'

/** Staff's switches, thrown on their pages (out of service, training, a rate). */
const STAFF_SWITCHES: ReadonlySet<string> = new Set(['setOutOfService', 'setTraining', 'changeSettings'])

/**
 * What the exploration leaves out around service mode, to keep the graph to service mode's own
 * states: on a service screen only staff's steps and the longest wait (and on the PIN pad what
 * service mode hears of); the PIN pad or the lockout never left with wrong PINs counted (every
 * customer state would be explored again with the count); staff come only to the kiosk at rest or out of service, or
 * on the first receipt explored with no drill on (entry then waits for the session's end; from
 * every receipt it would copy the session's end once for each); drills as worthDrilling says.
 */
export function worthExploring(runner: ScenarioRunner, step: ActionStep, where: { deviceDrills: boolean; staffOnReceipt: boolean }): boolean {
  const snapshot = runner.kiosk.snapshot()
  const screen = runner.kiosk.screen()
  // Entry locked by wrong PINs, staff gone (the lockout left): only the gesture again, which the lockout answers.
  if (ENTRY_SCREENS_LOCKED.includes(screen) && !snapshot.matches('service') && isLocked(runner)) return step.do === 'serviceEntry'
  // On the PIN pad, what service mode hears of besides staff (possibleActions: a language, a rate, a
  // note, the host link and the cassette), with no wrong PIN counted; a drill on is cleared there.
  if (screen === 'servicePin' && !isStaffStep(step) && step.do !== 'wait')
    return !pinsWrong(runner) && (activeFault(runner) === null || step.do === 'clearFault')
  if (snapshot.matches('service')) {
    const onPage = screen !== 'serviceMenu' && snapshot.context.staff !== null
    if (step.do === 'wait') return step.seconds === LONGEST_WAIT && !onPage && (screen !== 'servicePin' || !pinsWrong(runner))
    // The door opened with the PIN pad up asks for entry again (service mode ignores it); once, with no wrong PIN counted.
    if (step.do === 'serviceDoor' && step.open) return screen === 'servicePin' && !pinsWrong(runner)
    if (!isStaffStep(step)) return false
    // A page leads back to the menu only (or throws its switch): the menu is where staff log out, close the door or wait.
    if (onPage) return step.do === 'serviceOpen' || STAFF_SWITCHES.has(step.do)
    const leaves = step.do === 'serviceCancel' || step.do === 'serviceDoor'
    // The lockout is left (cancel, the door closed) with entry locked: where it leads, only the gesture is tried again.
    return !(leaves && pinsWrong(runner)) || screen === 'serviceLocked'
  }
  // Staff come to the kiosk at rest: the attract screen, no card left on the reader, the host link up; out of service;
  // or on the first receipt explored with no drill on (entry waits for the session's end).
  if (isStaffStep(step))
    return (
      (screen === 'idle' && !runner.kiosk.cardReader().getSnapshot().context.card && !snapshot.context.hostDown) ||
      screen === 'outOfService' ||
      (((screen === 'receipt' && where.staffOnReceipt) || snapshot.context.serviceWaiting) && activeFault(runner) === null)
    )
  return worthDrilling(runner, step, where.deviceDrills)
}

const LONGEST_WAIT = 65

/** Where staff come back to a locked entry: the attract screen, out of service, closed by staff. */
const ENTRY_SCREENS_LOCKED: readonly string[] = ['idle', 'outOfService']

/** Entry is locked by wrong PINs. */
const isLocked = (runner: ScenarioRunner): boolean => pinState(runner.kiosk.snapshot(), runnerNow(runner)) === 'locked'

/** Wrong PINs counted (or entry locked). */
const pinsWrong = (runner: ScenarioRunner): boolean => {
  const snapshot = runner.kiosk.snapshot()
  return pinState(snapshot, runnerNow(runner)) !== snapshot.context.config.service.maxPinAttempts
}
