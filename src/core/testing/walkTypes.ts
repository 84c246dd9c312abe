/** What a walk is asked for and what it gives back (shared by the generators and the walker). */
import type { AllowList, CoverageRecorder, MachineCoverage } from '../coverage'
import type { Scenario } from '../scenario/schema'
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
}

/** A generated scenario and the drill profile it runs under (its file carries the profile's `config`). */
export interface GeneratedScenario {
  scenario: Scenario
  profile: DrillProfile
  /** A walk's going-back leg: how many of its first actions replay the way to the situation it went back to (0: a leg from a fresh kiosk). */
  wentBackAfter?: number
}

export interface GeneratedPaths {
  paths: GeneratedScenario[]
  coverage: MachineCoverage[]
  /** noProgress: a whole round of legs, one per profile, found nothing new. */
  stoppedBy: 'condition' | 'safetyLimit' | 'noProgress'
  /** oneTour: how many edges of the explored graph the tour took. */
  edges?: { taken: number; total: number }
}

export type WalkResult = GeneratedPaths
