/**
 * The fresh actions a quick-random walk saw and did not take, kept to go back to: per transition not covered yet, the
 * shortest way known to a moment where an action would take it (going back replays the leg's steps to that moment and takes
 * it, walker.ts). A sure one (the machines said the action takes the transition there) comes before any aim (aims.ts: what
 * the action is there for shows only after it, and later choices may miss it), however much shorter the aim's way is.
 */
import type { ActionStep, Step } from '../scenario/schema'
import type { DrillProfile } from './profiles'

export interface Opportunity {
  profile: DrillProfile
  /** The leg's steps (still growing while the leg goes on): the way there is their first `length`. */
  steps: readonly Step[]
  length: number
  action: ActionStep
  /** The machines said the action takes the transition there (freshParts), not only that it is there for it (an aim). */
  sure: boolean
}

export class Opportunities {
  private readonly byTransition = new Map<string, Opportunity>()

  /**
   * Keeps the fresh actions not `taken`, by the transitions still `uncovered` they would take (`byMachines`: those the
   * machines said it takes, the others being aims).
   */
  remember(
    fresh: ReadonlyMap<ActionStep, readonly string[]>,
    taken: ActionStep | null,
    seen: { profile: DrillProfile; steps: readonly Step[]; byMachines: ReadonlyMap<ActionStep, readonly string[]> },
    uncovered: ReadonlySet<string>
  ): void {
    const { profile, steps, byMachines } = seen
    for (const [action, transitions] of fresh) {
      if (action === taken) continue
      for (const transition of transitions) {
        if (!uncovered.has(transition)) continue
        const sure = byMachines.get(action)?.includes(transition) ?? false
        const known = this.byTransition.get(transition)
        if (!known || (sure && !known.sure) || (sure === known.sure && known.length > steps.length))
          this.byTransition.set(transition, { profile, steps, length: steps.length, action, sure })
      }
    }
  }

  /** The first opportunity kept whose transition is still uncovered; it and those before it are forgotten. */
  next(uncovered: ReadonlySet<string>): Opportunity | undefined {
    for (const [transition, opportunity] of this.byTransition) {
      this.byTransition.delete(transition)
      if (uncovered.has(transition)) return opportunity
    }
    return undefined
  }

  /** Whether each of `uncovered` (at least one) is a transition an opportunity kept would take. */
  coverAll(uncovered: ReadonlySet<string>): boolean {
    if (uncovered.size === 0 || uncovered.size > this.byTransition.size) return false
    for (const item of uncovered) if (!this.byTransition.has(item)) return false
    return true
  }
}
