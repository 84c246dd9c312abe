/**
 * Seeded walks over the live core: at each step the generator picks one of the actions possible
 * on the current screen (customer intents the kiosk machine would take, hardware events, waits),
 * runs it through the scenario runner — exactly as `kiosk-sim run` will replay it — and records
 * it with an `expect` of the screen it led to. The same seed gives the same path. Every generator
 * says truthfully what stopped it and what of its condition was not met (`unmet`).
 */
import { CoverageRecorder } from '../coverage'
import { loadConfig } from '../config'
import type { ActionStep, Scenario, Step } from '../scenario/schema'
import { pathRunner, takeAndPull, takeAndRecord } from './play'
import { STANDARD_PROFILE, type DrillProfile } from './profiles'
import { exploredGraph, shortestPathsToScreens, tourGraph } from './explore'
import { oneTour } from './tour'
import { formatTarget, isSatisfied, targetsOf, unmetParts, type Target } from './conditions'
import type { GeneratorSpec } from './generator'
import { checkTargets, resolveTarget } from './targets'
import { progressOf } from './uncovered'
import { Walker } from './walker'

export type { GeneratedPaths, GeneratedScenario, WalkOptions, WalkResult } from './walkTypes'
import type { GeneratedPaths, GeneratedScenario, WalkHooks, WalkOptions } from './walkTypes'

export { checkTargets } from './targets'

/** Any generator: a walk, one tour, or shortest paths; throws when the condition names a screen, state or transition that does not exist. */
export async function generatePaths(options: WalkOptions): Promise<GeneratedPaths> {
  checkTargets(options.spec)
  const generator = options.spec.generator
  const result = generator === 'shortest' ? await shortest(options) : generator === 'oneTour' ? await tour(options) : await walk(options)
  return { ...result, paths: result.paths.map((p) => ({ ...p, generator })) }
}

/** A chain of generators: what generateChain is asked for (each generator as generatePaths would be, the chain's `specs` in place of `spec`). */
export interface ChainOptions extends Omit<WalkOptions, 'spec'> {
  specs: readonly GeneratorSpec[]
}

/**
 * Runs the generators one after another, GraphWalker style, sharing one coverage recorder (what one covered, the next need
 * not): the paths are all of theirs in order. Stopped by the condition only when every generator's held; `unmet` names what
 * each did not meet, `generator N (name): …` when there are several.
 */
export async function generateChain(options: ChainOptions): Promise<GeneratedPaths> {
  const { specs, ...shared } = options
  if (specs.length === 0) throw new Error('generators: expected at least one generator')
  for (const spec of specs) checkTargets(spec)
  const recorder = options.recorder ?? new CoverageRecorder()
  const results: GeneratedPaths[] = []
  for (const spec of specs) results.push(await generatePaths({ ...shared, spec, recorder }))
  const label = (index: number) => (specs.length > 1 ? `generator ${index + 1} (${specs[index]!.generator}): ` : '')
  const notFound = results.flatMap((r) => r.notFound ?? [])
  const edges = results.findLast((r) => r.edges)?.edges
  return {
    paths: results.flatMap((r) => r.paths),
    coverage: recorder.report(),
    stoppedBy: results.find((r) => r.stoppedBy !== 'condition')?.stoppedBy ?? 'condition',
    unmet: results.flatMap((r, index) => r.unmet.map((u) => label(index) + u)),
    ...(results.some((r) => r.notFound) ? { notFound } : {}),
    ...(edges ? { edges } : {})
  }
}

/**
 * shortest (a_star): xstate/graph's shortest path over the explored state graph to each screen, state or transition the
 * condition names (every screen when it names none); the targets with no path are in `notFound` with why.
 */
async function shortest(options: WalkOptions): Promise<GeneratedPaths> {
  const recorder = options.recorder ?? new CoverageRecorder()
  const named = targetsOf(options.spec.stop).filter((t, i, all) => all.findIndex((u) => u.kind === t.kind && u.name === t.name) === i)
  const found: { target: Target; steps: readonly ActionStep[]; profile: DrillProfile }[] = []
  const notFound: { target: string; reason: string }[] = []
  if (named.length === 0) {
    // Every screen: the whole graph of one profile, explored once.
    const profile = options.profiles?.[0] ?? STANDARD_PROFILE
    for (const path of shortestPathsToScreens(await exploredGraph(profile)))
      found.push({ target: { kind: 'screen', name: path.screen }, steps: path.steps, profile })
  }
  for (const target of named) {
    const resolved = await resolveTarget(target, options.profiles, options.allow)
    if ('reason' in resolved) notFound.push({ target: target.name, reason: resolved.reason })
    else found.push({ target, steps: resolved.steps, profile: resolved.profile })
  }
  const paths: GeneratedScenario[] = []
  // The attract screen is where every path starts: there is no path to write for it.
  for (const { target, steps, profile } of found.filter((f) => f.steps.length > 0))
    paths.push({
      scenario: {
        name: `shortest path to ${target.name}`,
        config: loadConfig(profile.config),
        steps: await withScreens(steps, recorder, profile, options.hooks)
      } as Scenario,
      profile
    })
  return {
    paths,
    coverage: recorder.report(),
    stoppedBy: notFound.length > 0 ? 'noRoute' : 'condition',
    unmet: notFound.map((n) => `${formatTarget(named.find((t) => t.name === n.target)!)}: no path (${n.reason})`),
    notFound
  }
}

/** oneTour (shortest_all_paths): one walk over every edge of the tour graph (the host drills only: tourGraph), or until its condition holds. */
async function tour(options: WalkOptions): Promise<GeneratedPaths> {
  const recorder = options.recorder ?? new CoverageRecorder()
  const profile = options.profiles?.[0] ?? STANDARD_PROFILE
  const graph = await tourGraph(profile)
  const now = options.now ?? (() => 0)
  const started = now()
  const screensSeen = new Set<string>()
  const progress = (steps: number) => progressOf(recorder, steps, screensSeen, (now() - started) / 1000, options.allow)
  const maxSteps = options.safetyLimit ?? 20_000
  const result = await oneTour(graph, {
    profile,
    inspect: recorder.inspect,
    maxSteps,
    // A tour ends when every edge is taken, or earlier when its stop condition holds.
    until: (steps, screen) => {
      screensSeen.add(screen)
      return steps > 0 && isSatisfied(options.spec.stop, progress(steps))
    }
  })
  const actions = result.steps.filter((s) => 'do' in s).length
  for (const step of result.steps) if ('expect' in step && step.expect.screen) screensSeen.add(step.expect.screen)
  const unmet = unmetParts(options.spec.stop, progress(actions))
  return {
    paths: [{ scenario: { name: 'one tour', config: loadConfig(profile.config), steps: result.steps } as Scenario, profile }],
    coverage: recorder.report(),
    // Every edge taken counts as the condition only if the condition holds then.
    stoppedBy: unmet.length === 0 ? 'condition' : result.stoppedBy === 'allEdges' || result.stoppedBy === 'condition' ? 'noRoute' : result.stoppedBy,
    unmet,
    edges: { taken: result.edgesTaken, total: result.edgesTotal }
  }
}

/** Replays generated steps on a fresh kiosk, adding after each the screen it led to. */
async function withScreens(actions: readonly ActionStep[], recorder: CoverageRecorder, profile: DrillProfile, hooks?: WalkHooks): Promise<Step[]> {
  const steps: Step[] = []
  const runner = pathRunner(steps, recorder.inspect, profile)
  // Online mode steps through shortest paths too: each starts on a fresh kiosk.
  await hooks?.freshKiosk?.(runner, [], profile)
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!
    // In the explored graph an action followed by removeCard pulls the card right after it (mid-write when the action starts
    // a write): written with the screens between them, the pair is taken as a walk's pull is, so the file replays the same.
    if (actions[i + 1]?.do === 'removeCard' && action.do !== 'removeCard') {
      const written = steps.length
      await takeAndPull(runner, steps, action, hooks)
      if (steps.length - written === 4) i++
      continue
    }
    await takeAndRecord(runner, steps, action, hooks)
  }
  runner.kiosk.stop()
  return steps
}

/**
 * Runs one random, weighted-random or quick-random walk; throws when the condition names a screen, state or transition that
 * does not exist. Under several drill profiles the walk is made of legs, one scenario each, taking the
 * profiles in turn; a leg ends when it has stopped finding anything new.
 *
 * Once rounds of legs find nothing new, a quick-random walk goes back instead (Go-Explore; sooner, to the fresh actions it
 * saw and did not take, once they would take everything left, and then walks legs again): it
 * picks a situation it has been in (`pickCell` in walker.ts: near a state an uncovered transition leaves from,
 * with actions not yet tried there, gone back to least), replays the steps that first led there on
 * a fresh kiosk (the virtual clock makes that exact and cheap), and explores from there for a few
 * actions. Only goings-back that covered something new are kept as legs. The walk ends when its
 * condition holds, at the safety limit, or when EPISODE_PATIENCE goings-back in a row found nothing
 * (`noProgress`).
 */
export async function walk(options: WalkOptions): Promise<GeneratedPaths> {
  checkTargets(options.spec)
  const recorder = options.recorder ?? new CoverageRecorder()
  const now = options.now ?? (() => 0)
  const started = now()
  // What the walker counts, followed through its hooks, to say at the end what of the condition was not met.
  let steps = 0
  const screensSeen = new Set<string>(['idle'])
  const given = options.hooks
  const hooks: WalkHooks = {
    ...given,
    freshKiosk: async (runner, replayed, profile) => {
      steps += replayed.filter((s) => 'do' in s).length
      await given?.freshKiosk?.(runner, replayed, profile)
    },
    afterAction: async (runner, action, report) => {
      steps++
      screensSeen.add(report.screen)
      await given?.afterAction?.(runner, action, report)
    }
  }
  // GraphWalker's random chooses uniformly; weighted_random and quick_random by weight (the file's, else the model's meta.weight, else actionWeight).
  const weight = options.spec.generator === 'random' ? uniform : options.weight
  const result = await new Walker({ ...options, recorder, hooks, ...(weight ? { weight } : {}) }).run()
  const progress = progressOf(recorder, steps, screensSeen, (now() - started) / 1000, options.allow)
  return { ...result, unmet: unmetParts(options.spec.stop, progress) }
}

const uniform = (): number => 1
