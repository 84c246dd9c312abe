/**
 * The kiosk's state graph, explored on the live core, and xstate/graph's path algorithms over it.
 *
 * Vertices are the kiosk as a tester sees it: the kiosk machine's state, its device actors'
 * states, which fault is on and the few context facts its guards read (`kioskStateKey`). Edges
 * are scenario actions (./actions). The graph is explored breadth-first by replaying each
 * vertex's shortest known path on a fresh core (a virtual clock makes that cheap) and trying
 * every action possible there; the invoked host, POS and printer calls and the timers run for
 * real, so no actor output is invented. xstate/graph then computes shortest and simple paths over
 * the explored graph (`graphLogic`), and `oneTour` walks every edge of it on a live core.
 */
import { getShortestPaths, getSimplePaths } from 'xstate/graph'
import { fromTransition } from 'xstate'
import { CoverageRecorder, type MachineCoverage } from '../coverage'
import type { ScreenName } from '../protocol'
import type { ActionStep, Step } from '../scenario/schema'
import type { ScenarioRunner } from '../scenario/runner'
import { pathRunner, replayPath, takeAndRecord } from './play'
import { actionName, activeFault, PATH_ACTIONS, possibleActions } from './actions'
import { STANDARD_PROFILE, type DrillProfile } from './profiles'
import { activeMetaFlag } from '../view'
import { runnerNow } from './play'
import { serviceFacts } from './situations'
import { isStaffStep, pinState, STAFF_PINS } from './staff'

export interface KioskVertex {
  key: string
  screen: ScreenName
  /** The shortest path found from a fresh kiosk to here. */
  path: ActionStep[]
}

export interface KioskGraph {
  start: string
  vertices: Map<string, KioskVertex>
  /** vertex key → action name → vertex key it led to. */
  edges: Map<string, Map<string, string>>
  /** Action name → the action. */
  actions: Map<string, ActionStep>
  /** Coverage of the machines by the exploration itself. */
  coverage: MachineCoverage[]
  /** The vertex limit stopped the exploration before every vertex was expanded. */
  truncated: boolean
}

/**
 * The administrator opens every page: the collector's and the technician's logins (a PIN check
 * costs about 0.2 s, on every replay of a path through it) are left to the walks.
 */
const OTHER_ROLES_PINS = [STAFF_PINS.collector, STAFF_PINS.technician]

/** Staff's switches: they change no screen (out of service by staff shows the host-down screen), so the exploration leaves them to the walks. */
const STAFF_SWITCHES: readonly string[] = ['setOutOfService', 'setTraining', 'changeSettings']

/**
 * What `kiosk-sim paths` explores: every action but the device drills and staff's switches, plus
 * the host drills (down, slow, an answer lost before or after the credit) — about 450 states in
 * under 20 s, and service mode under a profile with staff. The other drills copy the graph once per
 * fault for little more; the walks and scenarios drill them.
 */
export const EXPLORED_ACTIONS: readonly ActionStep[] = PATH_ACTIONS.filter(
  (a) =>
    ((a.do !== 'fault' && a.do !== 'clearFault') || a.device === 'host') &&
    !STAFF_SWITCHES.includes(a.do) &&
    !(a.do === 'serviceLogin' && OTHER_ROLES_PINS.includes(a.pin))
)

/**
 * What the exploration leaves out around service mode, to keep the graph to service mode's own
 * states (the walks take the rest): on a service screen only staff's steps and the longest wait
 * (language, rates, notes and drills are handled there as on any screen); the PIN pad or the
 * lockout never left with wrong PINs counted (every customer state would be explored again with
 * the count); staff come only to the kiosk at rest (entry from elsewhere, or waiting for a session's
 * end, would copy service mode's states once for each).
 */
function worthExploring(runner: ScenarioRunner, step: ActionStep): boolean {
  const snapshot = runner.kiosk.snapshot()
  const screen = runner.kiosk.screen()
  if (screen.startsWith('service')) {
    const onPage = screen !== 'serviceMenu' && snapshot.context.staff !== null
    if (step.do === 'wait') return step.seconds === LONGEST_WAIT && !onPage && (screen !== 'servicePin' || !pinsWrong(runner))
    if (!isStaffStep(step) || (step.do === 'serviceDoor' && step.open)) return false
    // A page leads back to the menu only: the menu is where staff log out, close the door or wait.
    if (onPage) return step.do === 'serviceOpen'
    const leaves = step.do === 'serviceCancel' || step.do === 'serviceDoor'
    return !(leaves && pinsWrong(runner))
  }
  // Staff come to the kiosk at rest: the attract screen, no card left on the reader, the host link up.
  if (isStaffStep(step)) return screen === 'idle' && !runner.kiosk.cardReader().getSnapshot().context.card && !snapshot.context.hostDown
  return true
}

const LONGEST_WAIT = 65

/** Wrong PINs counted (or entry locked). */
const pinsWrong = (runner: ScenarioRunner): boolean => {
  const snapshot = runner.kiosk.snapshot()
  return pinState(snapshot, runnerNow(runner)) !== snapshot.context.config.service.maxPinAttempts
}

const explored = new Map<string, Promise<KioskGraph>>()

/** The graph over EXPLORED_ACTIONS under a drill profile, explored once and kept (it depends only on the machines' code and the profile). */
export function exploredGraph(profile: DrillProfile = STANDARD_PROFILE): Promise<KioskGraph> {
  if (!explored.has(profile.name)) explored.set(profile.name, exploreKiosk({ actions: EXPLORED_ACTIONS, profile }))
  return explored.get(profile.name)!
}

/** What distinguishes one kiosk state from another for path generation (timers' progress aside). */
export function kioskStateKey(runner: ScenarioRunner): string {
  const { kiosk } = runner
  const snapshot = kiosk.snapshot()
  const context = snapshot.context
  const validator = kiosk.validator().getSnapshot()
  const reader = kiosk.cardReader().getSnapshot()
  const transaction = context.transaction
  const fault = activeFault(runner)
  // The session's facts only once a card is identified: before that, and at idle, they are left over from the last customer.
  const identified = snapshot.matches('session') && !activeMetaFlag(snapshot, 'beforeCardIdentified')
  return JSON.stringify([
    // The flow's state; the inactivity warning is left out (a wait shows it, any touch ends it).
    snapshot.matches('session') ? (snapshot.value as { session: { flow: unknown } }).session.flow : snapshot.value,
    validator.value,
    reader.value,
    fault && [
      fault,
      kiosk.host.fault,
      kiosk.pos.fault?.kind,
      kiosk.printer.fault,
      validator.context.condition,
      validator.context.jamNext,
      validator.context.counterfeitNext,
      reader.context.readError
    ],
    !!validator.context.jammedNote,
    !!reader.context.card,
    context.hostDown,
    !!context.interrupted,
    snapshot.matches({ session: { flow: 'card' } }) && context.cardEntry.length > 0,
    identified && [
      context.card?.number ?? null,
      context.amountEntry.length > 0,
      transaction && [transaction.stacked.length > 0, transaction.inDoubt.length > 0],
      context.quoteExpired,
      context.pendingTopUps.length > 0,
      context.cardWrite?.phase ?? null
    ],
    serviceFacts(runner)
  ])
}

/** Explores the kiosk's state graph breadth-first, expanding at most `limit` vertices. */
export async function exploreKiosk(options: { limit?: number; actions?: readonly ActionStep[]; profile?: DrillProfile } = {}): Promise<KioskGraph> {
  const limit = options.limit ?? 5000
  const profile = options.profile ?? STANDARD_PROFILE
  const recorder = new CoverageRecorder()
  const actions = new Map((options.actions ?? PATH_ACTIONS).map((a) => [actionName(a), a]))
  const first = await replayPath([], recorder.inspect, profile)
  const start: KioskVertex = { key: kioskStateKey(first), screen: first.kiosk.screen(), path: [] }
  first.kiosk.stop()
  const vertices = new Map([[start.key, start]])
  const edges = new Map<string, Map<string, string>>()
  const queue = [start]
  while (queue.length > 0 && edges.size < limit) {
    const vertex = queue.shift()!
    const hereSteps = [...vertex.path]
    const here = await replayPath(hereSteps, recorder.inspect, profile)
    const possible = possibleActions(here, [...actions.values()]).filter((action) => worthExploring(here, action))
    // The kiosk replayed here takes the first action itself, one replay fewer (not a pull: replayed,
    // the step before it would not have waited through a card write).
    let unused: ScenarioRunner | null = here
    const out = new Map<string, string>()
    edges.set(vertex.key, out)
    for (const action of possible) {
      const steps = [...vertex.path, action]
      let there: ScenarioRunner
      if (unused && action.do !== 'removeCard') {
        there = unused
        unused = null
        hereSteps.push(action)
        const report = await there.runStep(action, hereSteps.length - 1)
        if (!report.ok) throw new Error(`exploring: ${JSON.stringify(action)} was not possible after ${JSON.stringify(vertex.path)}: ${report.error}`)
      } else there = await replayPath(steps, recorder.inspect, profile)
      const key = kioskStateKey(there)
      out.set(actionName(action), key)
      if (!vertices.has(key)) {
        const next = { key, screen: there.kiosk.screen(), path: steps }
        vertices.set(key, next)
        queue.push(next)
      }
      there.kiosk.stop()
    }
    unused?.kiosk.stop()
  }
  return { start: start.key, vertices, edges, actions, coverage: recorder.report(), truncated: queue.length > 0 }
}

type GraphEvent = { type: string }

/** The explored graph as XState actor logic, for xstate/graph's traversals. */
export function graphLogic(graph: KioskGraph) {
  return fromTransition((key: string, event: GraphEvent) => graph.edges.get(key)?.get(event.type) ?? key, graph.start)
}

/** xstate/graph's traversal options over the graph, taking only the `allowed` actions when given. */
const traversal = (graph: KioskGraph, allowed?: ReadonlySet<string>) => ({
  events: (snapshot: { context: string }) =>
    [...(graph.edges.get(snapshot.context)?.keys() ?? [])].filter((a) => !allowed || allowed.has(a)).map((type) => ({ type })),
  serializeState: (snapshot: { context: string }) => snapshot.context
})

export interface GeneratedPath {
  /** The vertex the path ends in. */
  target: string
  screen: ScreenName
  steps: ActionStep[]
}

/** An xstate/graph path (its first step is the start) as the actions it takes. */
const toGenerated = (graph: KioskGraph, path: { state: { context: string }; steps: { event: GraphEvent }[] }): GeneratedPath => ({
  target: path.state.context,
  screen: graph.vertices.get(path.state.context)!.screen,
  steps: path.steps.slice(1).map((s) => graph.actions.get(s.event.type)!)
})

/** xstate/graph's shortest path to every explored vertex. */
export function shortestPaths(graph: KioskGraph): GeneratedPath[] {
  return getShortestPaths(graphLogic(graph), traversal(graph)).map((p) => toGenerated(graph, p))
}

/** The shortest path to each screen (the first vertex of that screen breadth-first). */
export function shortestPathsToScreens(graph: KioskGraph): GeneratedPath[] {
  const byScreen = new Map<ScreenName, GeneratedPath>()
  for (const path of shortestPaths(graph)) {
    const known = byScreen.get(path.screen)
    if (!known || path.steps.length < known.steps.length) byScreen.set(path.screen, path)
  }
  return [...byScreen.values()].sort((a, b) => a.steps.length - b.steps.length || a.screen.localeCompare(b.screen))
}

/**
 * xstate/graph's simple paths (no state twice) from the start to the states showing `screen`,
 * taking only the named actions: simple paths multiply with every action allowed, so they are
 * drawn over a chosen part of the graph (e.g. the customer's own actions), at most `limit` of them.
 */
export function simplePathsTo(graph: KioskGraph, screen: ScreenName, options: { actions: readonly string[]; limit: number }): GeneratedPath[] {
  const unknown = options.actions.filter((a) => !graph.actions.has(a))
  if (unknown.length > 0) throw new Error(`simple paths: no action "${unknown[0]}" in the graph`)
  const paths = getSimplePaths(graphLogic(graph), {
    ...traversal(graph, new Set(options.actions)),
    toState: (snapshot) => graph.vertices.get(snapshot.context)?.screen === screen
  })
  return paths
    .filter((p) => graph.vertices.get(p.state.context)?.screen === screen)
    .sort((a, b) => a.steps.length - b.steps.length)
    .slice(0, options.limit)
    .map((p) => toGenerated(graph, p))
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
): Promise<{ steps: Step[]; edgesTaken: number; edgesTotal: number }> {
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
  while (actionsDone < maxSteps && !options.until?.(actionsDone, runner.kiosk.screen())) {
    const here = kioskStateKey(runner)
    // Off the explored graph (a timer's progress the exploration did not see), the timers bring the kiosk back.
    const route = graph.edges.has(here) ? routeToUntaken(graph, untaken, here, misleading) : actionName(WAIT_FOR_TIMERS)
    if (!route) {
      // Cut off by edges that misled once: they may lead right from where the kiosk is now.
      if (misleading.size === 0 || forgiven++ >= MAX_FORGIVEN) break
      misleading.clear()
      continue
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
  runner.kiosk.stop()
  return { steps, edgesTaken, edgesTotal }
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
