/**
 * What a quick-random walk's fresh actions were taken for, and when to stop believing it. An action is fresh for a
 * transition the machines say it takes, or for what it is there for that shows only steps later (aims.ts); some of those
 * predictions do not always hold (the walk may pull the card, close the door or cut the power before the aim shows), and
 * an action fresh for a transition it never takes would keep the walk taking it in vain. So what is still uncovered when
 * the leg or episode that took the action for it ends counts as a miss, and after GIVE_UP_AFTER misses that action is no
 * longer fresh for that transition (it still is for others, and other actions still are for it).
 */
import type { ActionStep } from '../scenario/schema'
import { actionName } from './actions'

/** What a choice's name adds for an action taken with the card pulled right after it (a choice of its own). */
export const PULLED = ' + removeCard'

/** Misses after which an action is no longer fresh for a transition. */
export const GIVE_UP_AFTER = 3

export class Pursuits {
  /** `action name → transition` taken for in the current leg or episode. */
  private readonly pursued = new Map<string, string>()
  private readonly misses = new Map<string, number>()

  /** The action was taken for these transitions (`pulled`: with the card pulled right after it, a choice of its own). */
  pursue(step: ActionStep, transitions: readonly string[], pulled = false): void {
    for (const transition of transitions) this.pursued.set(key(step, transition, pulled), transition)
  }

  /** The leg or episode ended: what it took actions for and did not cover counts as a miss. */
  settle(uncovered: ReadonlySet<string>): void {
    for (const [pursuit, transition] of this.pursued) if (uncovered.has(transition)) this.misses.set(pursuit, (this.misses.get(pursuit) ?? 0) + 1)
    this.pursued.clear()
  }

  /** The fresh actions, each with the transitions it is still worth taking for (none left: not fresh). */
  stillWorthIt(fresh: Map<ActionStep, string[]>, pulled = false): Map<ActionStep, string[]> {
    if (this.misses.size === 0) return fresh
    const worth = new Map<ActionStep, string[]>()
    for (const [step, transitions] of fresh) {
      const kept = transitions.filter((t) => (this.misses.get(key(step, t, pulled)) ?? 0) < GIVE_UP_AFTER)
      if (kept.length > 0) worth.set(step, kept)
    }
    return worth
  }
}

const key = (step: ActionStep, transition: string, pulled: boolean) => `${actionName(step)}${pulled ? PULLED : ''} → ${transition}`

/**
 * The fresh actions to choose from: those fresh for what the last action was taken for (`takenFor`: an aim whose next step
 * is here, as the jam after a first note taken for a jam with money in), when there are any, else all. Chosen among all
 * instead, a chain of several steps is carried on only by chance at each step, and a miss at any one counts against it.
 */
export function carryingOn(fresh: ReadonlyMap<ActionStep, readonly string[]>, takenFor: ReadonlySet<string>): ActionStep[] {
  const following = [...fresh.keys()].filter((step) => fresh.get(step)!.some((t) => takenFor.has(t)))
  return following.length > 0 ? following : [...fresh.keys()]
}
