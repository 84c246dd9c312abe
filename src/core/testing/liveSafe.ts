/**
 * Live-safe walks: the actions a running kiosk can be sent over the technician WebSocket, so that
 * `kiosk-sim run FILE --url URL` plays a generated walk on the web host (issue 17). The live player
 * (src/cli/live.ts) sends each step as the intents of docs/protocol.md: a step is live-safe when
 * every intent it becomes is one the host's technician connection accepts (parseIntent). A power
 * cut and a journal restored from an older copy are the headless runner's alone.
 */
import { parseIntent, type Intent } from '../protocol'
import { cardEntryIntents, stepIntent } from '../scenario/runRules'
import type { ActionStep } from '../scenario/schema'
import { actionName, PATH_ACTIONS } from './actions'

/** Why the verbs a running kiosk cannot play are left out (the live player refuses them too). */
export const HEADLESS_ONLY: Readonly<Partial<Record<ActionStep['do'], string>>> = {
  powerCut: 'the power of a running kiosk is not switched over the protocol: only the headless runner restarts its kiosk from the journal',
  restoreJournal: 'a running kiosk’s journal is not swapped for an older copy over the protocol'
}

/** Why a note with steps taken on its way (`insertBill`'s `meanwhile`) is the headless runner's alone. */
export const NOTE_IN_FLIGHT_HEADLESS =
  'steps taken while a note is on its way need the headless runner’s virtual clock: on a running kiosk the note lands within 0.6 s of real time, ' +
  'so whether the next intents arrive before it would be luck'

/** The intents the live player sends for a step (as src/cli/live.ts does), or why it sends none. */
export function liveIntents(step: ActionStep): Intent[] | string {
  if (step.do === 'powerCut' || step.do === 'restoreJournal') return HEADLESS_ONLY[step.do]!
  if (step.do === 'insertBill' && step.meanwhile) return NOTE_IN_FLIGHT_HEADLESS
  if (step.do === 'wait') return []
  // The card keypad (after `start` on the attract screen), the digits, submit.
  if (step.do === 'enterCard') return [{ type: 'start' }, ...cardEntryIntents(step.digits)]
  // The hidden gesture, then the PIN.
  if (step.do === 'serviceLogin') return [{ type: 'serviceEntry' }, { type: 'servicePin', pin: step.pin } as Intent]
  if (step.do === 'tapCard' && step.number === undefined) return 'a tap without a number needs the session’s card'
  const intent = stepIntent(step, null)
  return intent ? [intent] : `"${step.do}" becomes no intent`
}

/** Why a running kiosk cannot play the step, or null when the technician WebSocket accepts every intent it becomes. */
export function whyNotLive(step: ActionStep): string | null {
  const intents = liveIntents(step)
  if (typeof intents === 'string') return intents
  for (const intent of intents) {
    const parsed = parseIntent(intent, 'technician')
    if (!parsed.ok) return `the technician WebSocket refuses it: ${parsed.error}`
  }
  return null
}

/** PATH_ACTIONS without what only the headless runner can play: the actions of a live-safe walk (WalkOptions.actions). */
export const LIVE_SAFE_ACTIONS: readonly ActionStep[] = PATH_ACTIONS.filter((step) => whyNotLive(step) === null)

/** The live-safe set described as a drill profile describes its timings: a name, what it means, and what it leaves out and why. */
export const LIVE_SAFE = {
  name: 'liveSafe',
  description:
    'only what a running kiosk can be sent over the technician WebSocket (kiosk-sim run --url): customer intents, cards, notes, waits, ' +
    'every device fault and staff’s steps; no power cut, no journal restored from an older copy, no steps taken while a note is on its way',
  actions: LIVE_SAFE_ACTIONS,
  leftOut: PATH_ACTIONS.filter((step) => whyNotLive(step) !== null).map((step) => ({ action: actionName(step), why: whyNotLive(step)! }))
} as const
