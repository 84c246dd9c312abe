/**
 * Seeded walks over the live core: at each step the generator picks one of the actions possible
 * on the current screen (customer intents the kiosk machine would take, hardware events, waits),
 * runs it through the scenario runner — exactly as `kiosk-sim run` will replay it — and records
 * it with an `expect` of the screen it led to. The same seed gives the same path.
 */
import { COVERED_MACHINES, CoverageRecorder, machineGraph, transitionKey, type MachineCoverage, type TransitionDefinitionLike } from '../coverage'
import { SCREENS, type ScreenName } from '../protocol'
import type { ActionStep, Scenario, Step } from '../scenario/schema'
import { possibleActions } from './actions'
import { pathRunner, takeAndRecord } from './play'
import { seededRandom } from './random'
import { exploredGraph, oneTour, shortestPathsToScreens } from './explore'
import { isBounded, isSatisfied, reachedScreens, type GeneratorSpec, type WalkProgress } from './generator'

export interface WalkOptions {
  spec: GeneratorSpec
  seed: number
  /** The wall clock, for `seconds(N)` (the walk itself runs on a virtual clock). */
  now?: () => number
  /** The most steps any walk takes, whatever its stop condition says. */
  safetyLimit?: number
  /** A recorder shared with other runs: the walk steers to, and stops on, what none of them covered. */
  recorder?: CoverageRecorder
}

export interface WalkResult {
  scenario: Scenario
  coverage: MachineCoverage[]
  stoppedBy: 'condition' | 'safetyLimit'
}

export interface GeneratedPaths {
  scenarios: Scenario[]
  coverage: MachineCoverage[]
  stoppedBy: 'condition' | 'safetyLimit'
  /** oneTour: how many edges of the explored graph the tour took. */
  edges?: { taken: number; total: number }
}

/** Any generator: one walk, one tour, or one shortest path per screen; throws when the generator names a screen that does not exist. */
export async function generatePaths(options: WalkOptions): Promise<GeneratedPaths> {
  checkScreens(options.spec)
  if (options.spec.generator === 'random' || options.spec.generator === 'quickRandom') {
    const result = await walk(options)
    return { scenarios: [result.scenario], coverage: result.coverage, stoppedBy: result.stoppedBy }
  }
  const recorder = options.recorder ?? new CoverageRecorder()
  const graph = await exploredGraph()
  if (options.spec.generator === 'shortest') {
    const wanted = reachedScreens(options.spec.stop)
    // The attract screen is where every path starts: there is no path to write for it.
    const paths = shortestPathsToScreens(graph).filter((p) => p.steps.length > 0 && (wanted.length === 0 || wanted.includes(p.screen)))
    const scenarios: Scenario[] = []
    for (const path of paths) scenarios.push({ name: `shortest path to ${path.screen}`, steps: await withScreens(path.steps, recorder) } as Scenario)
    return { scenarios, coverage: recorder.report(), stoppedBy: 'condition' }
  }
  const now = options.now ?? (() => 0)
  const started = now()
  const screensSeen = new Set<string>()
  const tour = await oneTour(graph, {
    inspect: recorder.inspect,
    maxSteps: options.safetyLimit ?? 20_000,
    // A tour ends when every edge is taken, or earlier when its stop condition holds.
    until: (steps, screen) => {
      screensSeen.add(screen)
      return steps > 0 && isSatisfied(options.spec.stop, progressOf(recorder, steps, screensSeen, (now() - started) / 1000))
    }
  })
  return { scenarios: [{ name: 'one tour', steps: tour.steps } as Scenario], coverage: recorder.report(), stoppedBy: 'condition', edges: { taken: tour.edgesTaken, total: tour.edgesTotal } }
}

/** Replays generated steps on a fresh kiosk, adding after each the screen it led to. */
async function withScreens(actions: readonly ActionStep[], recorder: CoverageRecorder): Promise<Step[]> {
  const steps: Step[] = []
  const runner = pathRunner(steps, recorder.inspect)
  for (const action of actions) await takeAndRecord(runner, steps, action)
  runner.kiosk.stop()
  return steps
}

function progressOf(recorder: CoverageRecorder, steps: number, screensSeen: ReadonlySet<string>, elapsedSeconds: number): WalkProgress {
  const kiosk = recorder.report()[0]!
  return { steps, transitionsPercent: kiosk.transitions.percent, statesPercent: kiosk.states.percent, screensSeen, elapsedSeconds }
}

function checkScreens(spec: GeneratorSpec): void {
  const unknown = reachedScreens(spec.stop).filter((s) => !(SCREENS as readonly string[]).includes(s))
  if (unknown.length > 0) throw new Error(`reached(${unknown[0]}): no such screen; screens are ${SCREENS.join(', ')}`)
}

/** Runs one random or quick-random walk; throws when the generator names a screen that does not exist. */
export async function walk(options: WalkOptions): Promise<WalkResult> {
  checkScreens(options.spec)
  const now = options.now ?? (() => 0)
  const safetyLimit = options.safetyLimit ?? (isBounded(options.spec.stop) ? 100_000 : 2_000)
  const next = seededRandom(options.seed).next
  const recorder = options.recorder ?? new CoverageRecorder()
  const steps: Step[] = []
  const runner = pathRunner(steps, recorder.inspect)
  const { ids } = machineGraph(COVERED_MACHINES[0]!)
  const screensSeen = new Set<ScreenName>([runner.kiosk.view().screen])
  const started = now()
  let actions = 0
  const progress = () => progressOf(recorder, actions, screensSeen, (now() - started) / 1000)
  let stoppedBy: WalkResult['stoppedBy'] = 'condition'
  while (!isSatisfied(options.spec.stop, progress())) {
    if (actions >= safetyLimit) {
      stoppedBy = 'safetyLimit'
      break
    }
    const snapshot = runner.kiosk.snapshot()
    const possible = possibleActions(runner)
    let choices = possible
    if (options.spec.generator === 'quickRandom') {
      // Steer to what is not covered yet: actions whose transition the recorder has not seen.
      const uncovered = new Set(recorder.report()[0]!.transitions.uncovered)
      const fresh = possible.filter((step) => {
        const intent = step.do === 'wait' || step.do === 'enterCard' || step.do === 'powerCut' ? null : runner.intentOf(step)
        const event = intent && runner.kiosk.eventFor(intent)
        if (!event) return false
        return snapshot.machine.getTransitionData(snapshot, event).some((t) => {
          const id = ids.get(transitionKey(t as unknown as TransitionDefinitionLike))
          return id !== undefined && uncovered.has(id)
        })
      })
      if (fresh.length > 0 && next() < 0.8) choices = fresh
    }
    const step = choices[Math.floor(next() * choices.length)]!
    const report = await takeAndRecord(runner, steps, step)
    actions++
    screensSeen.add(report.screen)
  }
  runner.kiosk.stop()
  return { scenario: { name: `${options.spec.generator} walk, seed ${options.seed}`, steps } as Scenario, coverage: recorder.report(), stoppedBy }
}
