/**
 * Seeded walks over the live core: at each step the generator picks one of the actions possible
 * on the current screen (customer intents the kiosk machine would take, hardware events, waits),
 * runs it through the scenario runner — exactly as `kiosk-sim run` will replay it — and records
 * it with an `expect` of the screen it led to. The same seed gives the same path.
 */
import { CoverageRecorder } from '../coverage'
import { SCREENS } from '../protocol'
import { loadConfig } from '../config'
import type { ActionStep, Scenario, Step } from '../scenario/schema'
import { pathRunner, takeAndRecord } from './play'
import { STANDARD_PROFILE, type DrillProfile } from './profiles'
import { exploredGraph, oneTour, shortestPathsToScreens } from './explore'
import { isSatisfied, reachedScreens, type GeneratorSpec } from './generator'
import { progressOf } from './uncovered'
import { Walker } from './walker'

export type { GeneratedPaths, GeneratedScenario, WalkOptions, WalkResult } from './walkTypes'
import type { GeneratedPaths, GeneratedScenario, WalkOptions, WalkResult } from './walkTypes'

/** Any generator: a walk, one tour, or one shortest path per screen; throws when the generator names a screen that does not exist. */
export async function generatePaths(options: WalkOptions): Promise<GeneratedPaths> {
  checkScreens(options.spec)
  if (options.spec.generator === 'random' || options.spec.generator === 'quickRandom') return walk(options)
  const recorder = options.recorder ?? new CoverageRecorder()
  const profile = options.profiles?.[0] ?? STANDARD_PROFILE
  const graph = await exploredGraph(profile)
  const config = loadConfig(profile.config)
  if (options.spec.generator === 'shortest') {
    const wanted = reachedScreens(options.spec.stop)
    // The attract screen is where every path starts: there is no path to write for it.
    const found = shortestPathsToScreens(graph).filter((p) => p.steps.length > 0 && (wanted.length === 0 || wanted.includes(p.screen)))
    const paths: GeneratedScenario[] = []
    for (const path of found)
      paths.push({
        scenario: { name: `shortest path to ${path.screen}`, config, steps: await withScreens(path.steps, recorder, profile) } as Scenario,
        profile
      })
    return { paths, coverage: recorder.report(), stoppedBy: 'condition' }
  }
  const now = options.now ?? (() => 0)
  const started = now()
  const screensSeen = new Set<string>()
  const tour = await oneTour(graph, {
    profile,
    inspect: recorder.inspect,
    maxSteps: options.safetyLimit ?? 20_000,
    // A tour ends when every edge is taken, or earlier when its stop condition holds.
    until: (steps, screen) => {
      screensSeen.add(screen)
      return steps > 0 && isSatisfied(options.spec.stop, progressOf(recorder, steps, screensSeen, (now() - started) / 1000, options.allow))
    }
  })
  return {
    paths: [{ scenario: { name: 'one tour', config, steps: tour.steps } as Scenario, profile }],
    coverage: recorder.report(),
    stoppedBy: 'condition',
    edges: { taken: tour.edgesTaken, total: tour.edgesTotal }
  }
}

/** Replays generated steps on a fresh kiosk, adding after each the screen it led to. */
async function withScreens(actions: readonly ActionStep[], recorder: CoverageRecorder, profile: DrillProfile): Promise<Step[]> {
  const steps: Step[] = []
  const runner = pathRunner(steps, recorder.inspect, profile)
  for (const action of actions) await takeAndRecord(runner, steps, action)
  runner.kiosk.stop()
  return steps
}

function checkScreens(spec: GeneratorSpec): void {
  const unknown = reachedScreens(spec.stop).filter((s) => !(SCREENS as readonly string[]).includes(s))
  if (unknown.length > 0) throw new Error(`reached(${unknown[0]}): no such screen; screens are ${SCREENS.join(', ')}`)
}

/**
 * Runs one random or quick-random walk; throws when the generator names a screen that does not
 * exist. Under several drill profiles the walk is made of legs, one scenario each, taking the
 * profiles in turn; a leg ends when it has stopped finding anything new.
 *
 * Once rounds of legs find nothing new, a quick-random walk goes back instead (Go-Explore): it
 * picks a situation it has been in (`pickCell` in walker.ts: near a state an uncovered transition leaves from,
 * with actions not yet tried there, gone back to least), replays the steps that first led there on
 * a fresh kiosk (the virtual clock makes that exact and cheap), and explores from there for a few
 * actions. Only goings-back that covered something new are kept as legs. The walk ends when its
 * condition holds, at the safety limit, or when EPISODE_PATIENCE goings-back in a row found nothing
 * (`noProgress`).
 */
export async function walk(options: WalkOptions): Promise<WalkResult> {
  checkScreens(options.spec)
  return new Walker(options).run()
}
