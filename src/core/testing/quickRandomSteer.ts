/**
 * Where a quick-random walk heads: the states (of the kiosk and its devices) it has seen follow
 * one another, and how many actions each is from a state an uncovered transition leaves from.
 * GraphWalker's quick random takes the shortest way to an unvisited edge of a model it is given;
 * here the model's transitions are known but not the ways into their guards, so the walk draws
 * this map of states as it goes and tries untried actions only near an uncovered transition's
 * source: elsewhere, everything is covered and trying every action in every situation would only
 * make the walk wide instead of deep.
 */
import type { AnyStateMachine } from 'xstate'
import { COVERED_MACHINES, type StateNodeLike } from '../coverage'

/**
 * The roots of the parallel regions after the first of each parallel state (`kiosk.session.attention`
 * beside `kiosk.session.flow`): a walk follows a machine by its first region's states; one of the others'
 * states counts as the parallel state holding it.
 */
const SECONDARY_REGIONS: readonly string[] = COVERED_MACHINES.flatMap((m) => secondaryRegions((m as AnyStateMachine).root as unknown as ParallelLike))

type ParallelLike = StateNodeLike & { type?: string }

function secondaryRegions(node: ParallelLike): string[] {
  const children = Object.values(node.states ?? {}) as ParallelLike[]
  const own = node.type === 'parallel' ? children.slice(1).map((c) => c.id) : []
  return [...own, ...children.flatMap(secondaryRegions)]
}

/** A state as the walk follows it: one inside a secondary region is its parallel state. */
function primary(state: string): string {
  for (const region of SECONDARY_REGIONS) if (state === region || state.startsWith(`${region}.`)) return region.slice(0, region.lastIndexOf('.'))
  return state
}

const machineOf = (state: string) => {
  const dot = state.indexOf('.')
  return dot === -1 ? state : state.slice(0, dot)
}

/** Where each machine is (by machine id): its innermost active state outside the secondary regions, from the ids of the active states. */
export function positionsOf(states: readonly string[]): Map<string, string> {
  const positions = new Map<string, string>()
  for (const state of states) {
    if (SECONDARY_REGIONS.some((r) => state === r || state.startsWith(`${r}.`))) continue
    const machine = machineOf(state)
    const known = positions.get(machine)
    if (known === undefined || state.length > known.length) positions.set(machine, state)
  }
  return positions
}

/**
 * The states seen to follow one another (per machine, backwards), and the distances from them to
 * the sources of the uncovered transitions, worked out again when a new pair is seen or the
 * sources change.
 */
export class StateSteering {
  /** Per machine: state → the states seen right before it. */
  private readonly before = new Map<string, Map<string, Set<string>>>()
  private seen = 0
  private last: { version: number; sources: string; steps: Map<string, number>; isIn: (state: string) => boolean } | null = null

  /** Bumped whenever a new pair of states is seen: the distances may change. */
  get version(): number {
    return this.seen
  }

  /** Notes that the states `to` followed the states `from` (one action apart). */
  note(from: ReadonlyMap<string, string>, to: ReadonlyMap<string, string>): void {
    for (const [machine, state] of to) {
      const previous = from.get(machine)
      if (previous === undefined || previous === state) continue
      let byState = this.before.get(machine)
      if (!byState) this.before.set(machine, (byState = new Map()))
      let set = byState.get(state)
      if (!set) byState.set(state, (set = new Set()))
      if (set.has(previous)) continue
      set.add(previous)
      this.seen++
    }
  }

  /**
   * How many actions the nearest of `sources` (state ids) is from the positions, by the pairs
   * seen; Infinity when none is known. A state is in a source when it is the source or inside it;
   * a source in a secondary region is its parallel state (any state of a session is as near the
   * session's inactivity warning).
   */
  distance(positions: ReadonlyMap<string, string>, sources: readonly string[]): number {
    const { steps, isIn } = this.steps(sources)
    let best = Infinity
    for (const state of positions.values()) {
      const d = isIn(state) ? 0 : steps.get(state)
      if (d !== undefined && d < best) best = d
    }
    return best
  }

  private steps(sources: readonly string[]): { steps: Map<string, number>; isIn: (state: string) => boolean } {
    const key = sources.join('\n')
    if (this.last && this.last.version === this.seen && this.last.sources === key) return this.last
    const targets = new Set(sources.map(primary))
    const isIn = (state: string) => {
      for (let at = state; ; at = at.slice(0, at.lastIndexOf('.'))) {
        if (targets.has(at)) return true
        if (!at.includes('.')) return false
      }
    }
    const steps = new Map<string, number>()
    const queue: string[] = []
    const reach = (state: string, d: number) => {
      if (steps.has(state)) return
      steps.set(state, d)
      queue.push(state)
    }
    for (const byState of this.before.values())
      for (const [state, previous] of byState) {
        if (isIn(state)) reach(state, 0)
        for (const p of previous) if (isIn(p)) reach(p, 0)
      }
    for (let i = 0; i < queue.length; i++) {
      const state = queue[i]!
      for (const p of this.before.get(machineOf(state))?.get(state) ?? []) reach(p, steps.get(state)! + 1)
    }
    this.last = { version: this.seen, sources: key, steps, isIn }
    return this.last
  }
}
