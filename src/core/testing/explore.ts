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
import { configOf, StepWatch } from './stepWatch'
import type { ScreenName } from '../protocol'
import { meanwhileOf, type ActionStep, type Scenario } from '../scenario/schema'
import type { ScenarioRunner, StepReport } from '../scenario/runner'
import { memoryRunner } from './play'
import { actionName, activeFault, PATH_ACTIONS, possibleActions } from './actions'
import { worthExploring } from './exploreScope'
import { STANDARD_PROFILE, type DrillProfile } from './profiles'
import { activeMetaFlag } from '../view'
import { serviceFacts } from './situations'
import { STAFF_PINS } from './staff'
import { situationAllows, situationFacts } from './exploreSituations'

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
  /** The drill profile explored under (each path replays under it). */
  profile: DrillProfile
  /** Coverage of the machines by the exploration itself. */
  coverage: MachineCoverage[]
  /** Vertices are left to expand: the limit stopped the exploration, or it was asked to go only so far (Exploration.until). */
  truncated: boolean
  /** Vertex key → action name → the states entered and transitions taken by that step (`kiosk: state kiosk.idle`, `kiosk: kiosk.idle · host.up`). */
  covers: Map<string, Map<string, readonly string[]>>
  /** What a fresh kiosk covers before any step (its initial states). */
  startCovers?: readonly string[]
  /** Each state or transition covered (named as in `covers`) → the first edge found to take it, the end of a shortest path to it; null: the start. */
  reaches: Map<string, { from: string; action: string } | null>
}

/**
 * The administrator opens every page: the collector's and the technician's logins (a PIN check
 * costs about 0.2 s, on every replay of a path through it) are left to the walks.
 */
const OTHER_ROLES_PINS = [STAFF_PINS.collector, STAFF_PINS.technician]

/**
 * What `kiosk-sim paths` explores: every action but the collector's and the technician's logins, with
 * every device drill where DRILL_SCREENS lets it matter, so that a shortest path reaches every state
 * and transition a path can take (./shortest), service mode's under a profile with staff.
 */
export const EXPLORED_ACTIONS: readonly ActionStep[] = PATH_ACTIONS.filter((a) => !(a.do === 'serviceLogin' && OTHER_ROLES_PINS.includes(a.pin)))

/**
 * The host's drills only (down, slow, an answer lost before or after the credit), no notes with a drill on their way and no staff switches: the graph a tour
 * (`oneTour`, shortest_all_paths) walks and tests/model/kioskPaths.test.ts replays (about 500 states). With every device drill
 * the graph is three times larger, and a tour of it longer than any safety limit.
 */
export const TOUR_ACTIONS: readonly ActionStep[] = EXPLORED_ACTIONS.filter(
  (a) =>
    ((a.do !== 'fault' && a.do !== 'clearFault') || a.device === 'host') &&
    !['setOutOfService', 'setTraining', 'changeSettings'].includes(a.do) &&
    meanwhileOf(a).length === 0
)

const tourGraphs = new Map<string, Promise<KioskGraph>>()

/** The graph over TOUR_ACTIONS under a drill profile, explored once per process and kept. */
export function tourGraph(profile: DrillProfile = STANDARD_PROFILE): Promise<KioskGraph> {
  let graph = tourGraphs.get(profile.name)
  if (!graph) tourGraphs.set(profile.name, (graph = exploreKiosk({ actions: TOUR_ACTIONS, profile })))
  return graph
}

const explorations = new Map<string, Exploration>()

/**
 * The exploration over EXPLORED_ACTIONS under a drill profile, one per profile, kept while the program runs (it
 * depends only on the machines' code and the profile): it goes as far as it has been asked to by
 * anyone so far, and shortest-path searches (./shortest) go on from there.
 */
export function explorationOf(profile: DrillProfile = STANDARD_PROFILE): Exploration {
  let exploration = explorations.get(profile.name)
  if (!exploration)
    explorations.set(profile.name, (exploration = new Exploration({ actions: EXPLORED_ACTIONS, profile, pullsMidWrite: true, situations: true })))
  return exploration
}

/** The whole graph over EXPLORED_ACTIONS under a drill profile, explored once and kept. */
export function exploredGraph(profile: DrillProfile = STANDARD_PROFILE): Promise<KioskGraph> {
  return explorationOf(profile).until(() => false)
}

/**
 * What distinguishes one kiosk state from another for path generation (timers' progress aside). With
 * `situations` (the shortest-path explorations), also what only some transitions need: the inactivity
 * warning on screen, a top-up the host holds for a card pulled mid-write (at the attract screen only, where
 * the next tap activates it: elsewhere it would copy the graph), and how many digits of an amount are typed.
 */
export function kioskStateKey(runner: ScenarioRunner, situations = false): string {
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
    serviceFacts(runner),
    ...(situations ? [situationFacts(runner)] : [])
  ])
}

/** Explores the kiosk's state graph breadth-first, expanding at most `limit` vertices. */
export async function exploreKiosk(options: ExploreOptions = {}): Promise<KioskGraph> {
  return new Exploration(options).until(() => false)
}

export interface ExploreOptions {
  /** The most vertices expanded (5 000 when not given). */
  limit?: number
  /** The actions tried at each vertex (PATH_ACTIONS when not given). */
  actions?: readonly ActionStep[]
  profile?: DrillProfile
  /**
   * A card write the last step waited through is also pulled mid-write (`removeCard` replayed right
   * after the step that starts the write, as a walk's takeAndPull does): the way to a pending top-up.
   * The pull's vertex is where the step left the kiosk without a pull to come (the write over).
   */
  pullsMidWrite?: boolean
  /** Device drills in a customer's session (worthExploring): under the standard profile only when not given. */
  deviceDrills?: boolean
  /** The vertices tell apart the situations of `kioskStateKey`'s `situations` (the warning, a top-up held, the digits typed). */
  situations?: boolean
}

/**
 * A breadth-first exploration that goes only as far as it is asked (`until`) and goes on from there
 * when asked again: vertices are expanded in the order of their distance from the start, so the
 * first edge found to take a transition (or enter a state) is the last of a shortest path to it.
 */
export class Exploration {
  readonly graph: KioskGraph
  private readonly queue: KioskVertex[] = []
  private readonly limit: number
  private readonly pullsMidWrite: boolean
  private readonly deviceDrills: boolean
  private readonly situations: boolean
  private readonly recorder = new CoverageRecorder()
  private started = false
  /** Staff came to a receipt (worthExploring): the first explored. */
  private staffCameToReceipt = false
  /** The exploration under way: callers take turns. */
  private turn: Promise<unknown> = Promise.resolve()

  constructor(options: ExploreOptions = {}) {
    this.limit = options.limit ?? 5000
    this.pullsMidWrite = options.pullsMidWrite ?? false
    this.deviceDrills = options.deviceDrills ?? (options.profile ?? STANDARD_PROFILE).name === STANDARD_PROFILE.name
    this.situations = options.situations ?? false
    const actions = new Map((options.actions ?? PATH_ACTIONS).map((a) => [actionName(a), a]))
    const profile = options.profile ?? STANDARD_PROFILE
    this.graph = { start: '', vertices: new Map(), edges: new Map(), actions, profile, coverage: [], truncated: true, covers: new Map(), reaches: new Map() }
  }

  /** Expands vertices until `enough()` holds (asked before each) or every vertex is expanded, or the limit is reached; the graph so far. */
  until(enough: () => boolean): Promise<KioskGraph> {
    const run = this.turn.then(() => this.expand(enough))
    this.turn = run.catch(() => undefined)
    return run
  }

  private async expand(enough: () => boolean): Promise<KioskGraph> {
    const { graph } = this
    if (!this.started) {
      this.started = true
      const first = this.runner([])
      const start: KioskVertex = { key: kioskStateKey(first.runner, this.situations), screen: first.runner.kiosk.screen(), path: [] }
      first.runner.kiosk.stop()
      graph.start = start.key
      graph.vertices.set(start.key, start)
      this.record(null, '', first.covered())
      this.queue.push(start)
    }
    while (this.queue.length > 0 && graph.edges.size < this.limit && !enough()) await this.expandNext()
    graph.coverage = this.recorder.report()
    graph.truncated = this.queue.length > 0
    return graph
  }

  /** Expands the next vertex of the queue: every action worth trying there, each on the kiosk replayed to it. */
  private async expandNext(): Promise<void> {
    const { graph } = this
    const vertex = this.queue.shift()!
    const here = this.runner([...vertex.path])
    await here.replay()
    const staffOnReceipt = !this.staffCameToReceipt && vertex.screen === 'receipt' && activeFault(here.runner) === null
    if (staffOnReceipt) this.staffCameToReceipt = true
    const where = { deviceDrills: this.deviceDrills, staffOnReceipt }
    let possible = possibleActions(here.runner, [...graph.actions.values()]).filter((action) => worthExploring(here.runner, action, where))
    if (this.situations) possible = possible.filter(situationAllows(here.runner, graph.reaches))
    const pull = graph.actions.get('removeCard')
    if (this.pullsMidWrite && pull && here.runner.waitedThroughCardWrite && here.runner.kiosk.cardReader().getSnapshot().context.card) possible.push(pull)
    // The kiosk replayed here takes the first action itself, one replay fewer (not a pull: replayed,
    // the step before it would not have waited through a card write).
    let unused: Replay | null = here
    const out = new Map<string, string>()
    graph.edges.set(vertex.key, out)
    for (const action of possible) {
      const steps = [...vertex.path, action]
      let there: Replay
      if (unused && action.do !== 'removeCard') {
        there = unused
        unused = null
        there.steps.push(action)
      } else {
        there = this.runner(steps)
        await there.replay(steps.length - 1)
      }
      const report = await there.take()
      if (!report.ok) throw new Error(`exploring: ${JSON.stringify(action)} was not possible after ${JSON.stringify(vertex.path)}: ${report.error}`)
      const key = kioskStateKey(there.runner, this.situations)
      out.set(actionName(action), key)
      this.record(vertex.key, actionName(action), there.covered())
      if (!graph.vertices.has(key)) {
        const next = { key, screen: there.runner.kiosk.screen(), path: steps }
        graph.vertices.set(key, next)
        this.queue.push(next)
      }
      there.runner.kiosk.stop()
    }
    unused?.runner.kiosk.stop()
  }

  /** What an edge (or the start, `from` null) covered, and for each element newly reached, this edge as the end of a shortest path to it. */
  private record(from: string | null, action: string, covered: readonly string[]): void {
    const { graph } = this
    if (from !== null) {
      let out = graph.covers.get(from)
      if (!out) graph.covers.set(from, (out = new Map()))
      out.set(action, covered)
    } else graph.startCovers = covered
    for (const element of covered) if (!graph.reaches.has(element)) graph.reaches.set(element, from === null ? null : { from, action })
  }

  /** A fresh kiosk under the exploration's profile for `steps`, with a watch on what its next step covers. */
  private runner(steps: ActionStep[]): Replay {
    const watch = new StepWatch(this.recorder)
    const runner = memoryRunner({ name: 'generated path', config: configOf(this.graph.profile), steps } as Scenario, watch.inspect)
    let taken = 0
    const replay: Replay = {
      runner,
      steps,
      covered: () => watch.collected(),
      async replay(count = steps.length) {
        for (; taken < count; taken++) {
          const report = await runner.runStep(steps[taken]!, taken)
          if (!report.ok) throw new Error(`exploring: replaying step ${taken + 1} (${JSON.stringify(steps[taken])}) was not possible: ${report.error}`)
        }
      },
      async take() {
        watch.begin()
        return runner.runStep(steps[taken]!, taken++)
      }
    }
    // The kiosk's start (its initial states) is watched too: what a path of no steps covers.
    if (steps.length === 0) watch.begin()
    return replay
  }
}

/** A kiosk replaying a path: `replay` its steps (up to `count`), `take` the next one watched, and what that one `covered`. */
interface Replay {
  runner: ScenarioRunner
  steps: ActionStep[]
  replay(count?: number): Promise<void>
  take(): Promise<StepReport>
  covered(): readonly string[]
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
