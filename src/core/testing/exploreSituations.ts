/**
 * The situations the shortest-path explorations (./explore, `situations`) tell apart beyond the kiosk's state key, and how
 * far each is explored: the inactivity warning (a wait shows it, any touch ends it), a top-up the host holds for a card
 * pulled mid-write (its next tap activates it) and how many digits of an amount are typed. Each is kept to what reaches the
 * transitions only it shows, so the graph does not copy itself once per situation.
 */
import type { ScenarioRunner } from '../scenario/runner'
import type { ActionStep } from '../scenario/schema'
import { actionName } from './actions'

/**
 * The facts `kioskStateKey` adds with `situations`: the warning, a top-up held at the attract screen, and on the amount
 * screen how many digits are typed, up to TYPED_DIGITS (the path's key presses, `keypad 5`, reach a typed amount the
 * kiosk takes, 555 ₸, at the third: with fewer told apart the typed amounts would all be one vertex).
 */
export function situationFacts(runner: ScenarioRunner): [boolean, boolean, number] {
  const snapshot = runner.kiosk.snapshot()
  const typed = snapshot.matches({ session: { flow: 'amount' } }) ? Math.min(snapshot.context.amountEntry.length, TYPED_DIGITS) : 0
  return [isWarning(runner), topUpHeldAtIdle(runner), typed]
}

const TYPED_DIGITS = 3

/** The inactivity warning is on screen. */
const isWarning = (runner: ScenarioRunner): boolean => runner.kiosk.snapshot().matches({ session: { attention: 'warning' } })

/** At the attract screen, the host holds a top-up for a card (pulled mid-write, or never presented): its next tap activates it. */
const topUpHeldAtIdle = (runner: ScenarioRunner): boolean =>
  runner.kiosk.screen() === 'idle' && runner.cards.list().some((c) => runner.cards.pendingTopUps(c.number).length > 0)

/** The transitions out of the inactivity warning. */
export const WARNING_TRANSITIONS: readonly string[] = ['customer.*', 'validator.*', 'reader.*'].map((e) => `kiosk: kiosk.session.attention.warning · ${e}`)

/** A customer's touch, a note and a card: what ends the warning (each a transition of its own). */
const WARNING_EXITS: ReadonlySet<string> = new Set(['moreTime', 'insertBill KZT 1000', 'removeCard', 'tapCard 9398000011112222'])

/**
 * What a vertex of a situation is expanded by: the warning only by its exits, and only until each exit is taken (any
 * warning shows them); the attract screen with a top-up held only by a tap or typed digits (the activation: anything else
 * there is the attract screen's as without it). Other vertices by every action worth exploring.
 */
export function situationAllows(runner: ScenarioRunner, reaches: ReadonlyMap<string, unknown>): (action: ActionStep) => boolean {
  if (isWarning(runner)) {
    const needed = WARNING_TRANSITIONS.some((t) => !reaches.has(t))
    return (action) => needed && WARNING_EXITS.has(actionName(action))
  }
  if (topUpHeldAtIdle(runner)) return (action) => action.do === 'tapCard' || action.do === 'enterCard'
  return () => true
}
