/** What a walk is asked for and what it gives back (shared by the generators and the walker). */
import type { AllowList, CoverageRecorder, MachineCoverage } from '../coverage'
import type { ActionStep, Scenario, Step } from '../scenario/schema'
import type { ScenarioRunner, StepReport } from '../scenario/runner'
import type { GeneratorSpec } from './generator'
import type { DrillProfile } from './profiles'

export interface WalkOptions {
  spec: GeneratorSpec
  seed: number
  /** The drill profiles walks take in turn, one leg each (standard alone when not given); shortest and oneTour take the first. */
  profiles?: readonly DrillProfile[]
  /** Left out of the percentages the stop conditions read: what no path can take. */
  allow?: AllowList
  /** The wall clock, for `seconds(N)` (the walk itself runs on a virtual clock). */
  now?: () => number
  /** The most steps any walk takes, whatever its stop condition says. */
  safetyLimit?: number
  /** A recorder shared with other runs: the walk steers to, and stops on, what none of them covered. */
  recorder?: CoverageRecorder
  /** The actions the walk may take (PATH_ACTIONS when not given), e.g. only those a running kiosk can play (live-safe). */
  actions?: readonly ActionStep[]
  /**
   * How likely each action is against the others where the walk stands (`runner`): weighted_random's weights. When not given,
   * the model's (a transition's `meta.weight`), else actionWeight (defaultWeight in modelWeights.ts).
   */
  weight?: (step: ActionStep, runner: ScenarioRunner) => number
  /** Step hooks, e.g. for online mode, where a client asks for each step: awaited around every action and fresh kiosk. */
  hooks?: WalkHooks
}

/** Awaited by a walk as it goes, in order: a fresh kiosk, then before and after each action on it. */
export interface WalkHooks {
  /** A leg starts on a fresh kiosk; `replayed` are the steps already played on it to go back to a situation (empty for a leg from the start). */
  freshKiosk?: (runner: ScenarioRunner, replayed: readonly Step[], profile: DrillProfile) => Promise<void> | void
  /** The walk chose this action (a card pull after an action is an action of its own). */
  beforeAction?: (runner: ScenarioRunner, action: ActionStep) => Promise<void> | void
  /** The action was taken; `report.screen` is where it led. */
  afterAction?: (runner: ScenarioRunner, action: ActionStep, report: StepReport) => Promise<void> | void
}

/** A generated scenario and the drill profile it runs under (its file carries the profile's `config`). */
export interface GeneratedScenario {
  scenario: Scenario
  profile: DrillProfile
  /** A walk's going-back leg: how many of its first actions replay the way to the situation it went back to (0: a leg from a fresh kiosk). */
  wentBackAfter?: number
  /** The generator that wrote it (a chain runs several). */
  generator?: GeneratorSpec['generator']
}

/** What the walker gives back. */
export interface WalkResult {
  paths: GeneratedScenario[]
  coverage: MachineCoverage[]
  /**
   * condition: the stop condition holds (only then); noProgress: a whole round of legs, one per profile, found nothing new;
   * noRoute: a tour found no route to an edge not yet taken, or shortest no path to a target (`notFound`).
   */
  stoppedBy: 'condition' | 'safetyLimit' | 'noProgress' | 'noRoute'
  /** oneTour: how many edges of the explored graph the tour took. */
  edges?: { taken: number; total: number }
}

export interface GeneratedPaths extends WalkResult {
  /**
   * The parts of the stop condition not met when the generator ended, in words with the figures (`edge_coverage(100): 97.3 %
   * (4 transitions not taken)`, `reached_vertex(billJam): not reached`): empty only when the condition held.
   */
  unmet: string[]
  /** shortest: the screens, states and transitions named that no path was found to, with why. */
  notFound?: { target: string; reason: string }[]
}
