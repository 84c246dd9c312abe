/**
 * The shortest path to a state, a transition or a screen (GraphWalker's `shortest(reached_vertex(X))`
 * and `reached_edge(T)`): searched breadth-first over the explored graph (./explore) of one drill
 * profile after another, each explored only as far as needed, standard first. Some states and
 * transitions show only under another profile's timings (a host slower than the kiosk's patience, a
 * card write long enough to pull the card during it, staff with PINs): the result says which
 * profile the path runs under.
 */
import { COVERED_MACHINES, machineGraph, type AllowList } from '../coverage'
import { SCREENS, type ScreenName } from '../protocol'
import type { ActionStep } from '../scenario/schema'
import { explorationOf, type KioskGraph } from './explore'
import { DRILL_PROFILES, STAFF_PROFILE, STANDARD_PROFILE, type DrillProfile } from './profiles'

/** A path found: its actions from a fresh kiosk under `profile` (whose `config` a scenario file of it carries). */
export interface PathFound {
  profile: DrillProfile
  steps: ActionStep[]
}

/** No path: why (allow-listed as unreachable, with the allow-list's reason; or not in the graphs explored under the profiles given). */
export interface NoPath {
  reason: string
}

export type PathTo = PathFound | NoPath

/**
 * The order profiles are searched in when none are given: the factory configuration first, then
 * staff on duty (the same timings with PINs: service mode), then the drills' timings.
 */
export const SEARCH_ORDER: readonly DrillProfile[] = [
  STANDARD_PROFILE,
  STAFF_PROFILE,
  ...DRILL_PROFILES.filter((p) => p !== STANDARD_PROFILE && p !== STAFF_PROFILE)
]

const GRAPHS = COVERED_MACHINES.map((m) => machineGraph(m).graph)

/**
 * The shortest path that enters a state of the kiosk, bill validator or card reader, by its id
 * (`kiosk.session.flow.billJam`, `billValidator.jammed`): under the first of `profiles` whose
 * explored graph reaches it. Throws when no machine has that state.
 */
export function shortestPathToState(stateId: string, profiles: readonly DrillProfile[] = SEARCH_ORDER, allow?: AllowList): Promise<PathTo> {
  const graph = GRAPHS.find((g) => g.states.includes(stateId))
  if (!graph) throw new Error(`state "${stateId}": no such state of ${GRAPHS.map((g) => g.machine).join(', ')} (e.g. kiosk.session.flow.billJam)`)
  const allowed = allow?.notYetCovered.some((a) => a.machine === graph.machine && 'state' in a && a.state === stateId)
  if (allowed) return Promise.resolve({ reason: `state ${stateId} is allow-listed as not yet covered` })
  return search(`${graph.machine}: state ${stateId}`, `state ${stateId}`, profiles)
}

/**
 * The shortest path that takes a transition, named as the coverage report names it
 * (`kiosk.session.flow.cash · validator.jammed #1`): under the first of `profiles` whose explored
 * graph takes it; when the allow-list names it as unreachable, its reason. Throws when no machine
 * has that transition.
 */
export function shortestPathToTransition(transition: string, profiles: readonly DrillProfile[] = SEARCH_ORDER, allow?: AllowList): Promise<PathTo> {
  const graph = GRAPHS.find((g) => g.transitions.some((t) => t.id === transition))
  if (!graph) throw new Error(`transition "${transition}": no such transition (named as the coverage report names them, e.g. "kiosk.idle · host.down")`)
  const unreachable = allow?.unreachable.find((a) => a.machine === graph.machine && a.transition === transition)
  if (unreachable) return Promise.resolve({ reason: `${transition} is allow-listed as unreachable: ${unreachable.reason}` })
  if (allow?.notYetCovered.some((a) => a.machine === graph.machine && 'transition' in a && a.transition === transition))
    return Promise.resolve({ reason: `${transition} is allow-listed as not yet covered` })
  return search(`${graph.machine}: ${transition}`, transition, profiles)
}

/**
 * The shortest path to a state of the explored graph that rests on `screen`, under the first of
 * `profiles` whose graph has one. The screens shown only while a step settles (checkingCard,
 * bankCard, crediting) have none: a path to the state behind them is `shortestPathToState`'s.
 * Throws when there is no such screen.
 */
export async function shortestPathToScreen(screen: ScreenName, profiles: readonly DrillProfile[] = SEARCH_ORDER): Promise<PathTo> {
  if (!(SCREENS as readonly string[]).includes(screen)) throw new Error(`screen "${screen}": no such screen; screens are ${SCREENS.join(', ')}`)
  const onScreen = (graph: KioskGraph) => [...graph.vertices.values()].find((v) => v.screen === screen)
  for (const profile of profiles) {
    const exploration = explorationOf(profile)
    // Vertices are found in the order of their distance from the start: the first on the screen is the nearest.
    const graph = await exploration.until(() => onScreen(exploration.graph) !== undefined)
    const vertex = onScreen(graph)
    if (vertex) return { profile, steps: [...vertex.path] }
  }
  return { reason: notFound(`screen ${screen}`, profiles) }
}

/** The first profile whose exploration covers `element`, explored only until it does. */
async function search(element: string, what: string, profiles: readonly DrillProfile[]): Promise<PathTo> {
  for (const profile of profiles) {
    const exploration = explorationOf(profile)
    const graph = await exploration.until(() => exploration.graph.reaches.has(element))
    const steps = pathTo(graph, element)
    if (steps) return { profile, steps }
  }
  return { reason: notFound(what, profiles) }
}

/** The shortest path in an explored graph to what covers `element`: the path to the first edge that took it, and that edge. */
export function pathTo(graph: KioskGraph, element: string): ActionStep[] | null {
  const edge = graph.reaches.get(element)
  if (edge === undefined) return null
  if (edge === null) return []
  return [...graph.vertices.get(edge.from)!.path, graph.actions.get(edge.action)!]
}

const notFound = (what: string, profiles: readonly DrillProfile[]) =>
  `no path to ${what} in the graph explored under ${profiles.map((p) => p.name).join(', ')} (EXPLORED_ACTIONS in src/core/testing/explore.ts; ` +
  'a walk, `quickRandom`, may still reach it; or allow-list it as unreachable with the reason)'
