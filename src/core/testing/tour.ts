/**
 * One tour of the explored graph (./explore): a live walk meant to take every edge, planning on the
 * graph and checking on the live core, and saying truthfully why it stopped.
 */
import type { CoverageRecorder } from '../coverage'
import type { ScreenName } from '../protocol'
import type { ActionStep, Step } from '../scenario/schema'
import { actionName, possibleActions } from './actions'
import { kioskStateKey, type KioskGraph } from './explore'
import { pathRunner, takeAndRecord } from './play'
import type { DrillProfile } from './profiles'

/**
 * Why a tour stopped: `condition` (the caller's `until` held, checked once more when the tour could
 * go no further), `allEdges` (every edge taken, the condition not met), `noRoute` (edges left
 * untaken, but no route to one from where the live kiosk is), `safetyLimit` (maxSteps actions).
 */
export type TourStop = 'condition' | 'allEdges' | 'noRoute' | 'safetyLimit'

export interface Tour {
  steps: Step[]
  edgesTaken: number
  edgesTotal: number
  stoppedBy: TourStop
}

/**
 * One tour: a live walk that takes every edge of the explored graph at least once, heading each
 * time for the nearest vertex with an edge not yet taken. It plans on the graph and checks on the
 * live core: where a timer makes the kiosk land elsewhere than planned, it plans again from there.
 */
export async function oneTour(
  graph: KioskGraph,
  options: {
    maxSteps?: number
    inspect?: CoverageRecorder['inspect']
    profile?: DrillProfile
    until?: (actionsDone: number, screen: ScreenName) => boolean
  } = {}
): Promise<Tour> {
  const maxSteps = options.maxSteps ?? 20_000
  const untaken = new Map<string, Set<string>>()
  let edgesTotal = 0
  for (const [key, out] of graph.edges) {
    untaken.set(key, new Set(out.keys()))
    edgesTotal += out.size
  }
  let edgesTaken = 0
  const steps: Step[] = []
  const runner = pathRunner(steps, options.inspect, options.profile)
  let actionsDone = 0
  // Edges that led the live kiosk elsewhere than the graph says (a timer's progress, an amount the
  // abstraction does not tell apart): not used for routing again, or the tour could circle forever.
  const misleading = new Set<string>()
  let forgiven = 0
  const conditionHolds = () => options.until?.(actionsDone, runner.kiosk.screen()) ?? false
  let stoppedBy: TourStop = 'safetyLimit'
  while (actionsDone < maxSteps) {
    if (conditionHolds()) {
      stoppedBy = 'condition'
      break
    }
    const here = kioskStateKey(runner)
    // Off the explored graph (a timer's progress the exploration did not see), the timers bring the kiosk back.
    const route = graph.edges.has(here) ? routeToUntaken(graph, untaken, here, misleading) : actionName(WAIT_FOR_TIMERS)
    if (!route) {
      // Cut off by edges that misled once: they may lead right from where the kiosk is now.
      if (misleading.size > 0 && forgiven++ < MAX_FORGIVEN) {
        misleading.clear()
        continue
      }
      // An edge the live kiosk could not take where the graph has it is left untaken: no route to it either.
      stoppedBy = conditionHolds() ? 'condition' : edgesTaken === edgesTotal ? 'allEdges' : 'noRoute'
      break
    }
    const action = graph.actions.get(route) ?? WAIT_FOR_TIMERS
    // Plan on the graph, act on the live core: take the step only if the kiosk can now.
    if (possibleActions(runner, [action]).length === 0) {
      untaken.get(here)?.delete(route)
      continue
    }
    await takeAndRecord(runner, steps, action)
    actionsDone++
    if (untaken.get(here)?.delete(route)) edgesTaken++
    const predicted = graph.edges.get(here)?.get(route)
    if (predicted !== undefined && predicted !== kioskStateKey(runner)) misleading.add(`${here}\n${route}`)
  }
  // At the safety limit the condition may have been met by the last action.
  if (stoppedBy === 'safetyLimit' && conditionHolds()) stoppedBy = 'condition'
  runner.kiosk.stop()
  return { steps, edgesTaken, edgesTotal, stoppedBy }
}

const MAX_FORGIVEN = 50

/** The longest wait of the path actions: long enough for any screen's timer to move the kiosk on. */
const WAIT_FOR_TIMERS: ActionStep = { do: 'wait', seconds: 65 }

/** The first action of a shortest route from `from` to an edge not yet taken (breadth-first over the graph); null when none is left. */
function routeToUntaken(graph: KioskGraph, untaken: Map<string, Set<string>>, from: string, misleading: ReadonlySet<string>): string | null {
  const firstAction = new Map<string, string | null>([[from, null]])
  const queue = [from]
  while (queue.length > 0) {
    const key = queue.shift()!
    const open = untaken.get(key)
    if (open && open.size > 0) return firstAction.get(key) ?? open.values().next().value!
    for (const [action, next] of graph.edges.get(key) ?? []) {
      if (firstAction.has(next) || misleading.has(`${key}\n${action}`)) continue
      firstAction.set(next, firstAction.get(key) ?? action)
      queue.push(next)
    }
  }
  return null
}
