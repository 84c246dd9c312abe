/**
 * The walker behind `walk`: legs from a fresh kiosk under the drill profiles in turn, then, for a
 * quick-random walk, goings-back to situations it has met (Go-Explore; see `walk` in walk.ts).
 */
import { CoverageRecorder } from '../coverage'
import type { ScreenName } from '../protocol'
import { loadConfig } from '../config'
import type { ActionStep, Scenario, Step } from '../scenario/schema'
import type { ScenarioRunner } from '../scenario/runner'
import { actionName, possibleActions } from './actions'
import { pulledAims } from './aims'
import { defaultWeight } from './modelWeights'
import { Opportunities } from './opportunities'
import { carryingOn, PULLED, Pursuits } from './pursuits'
import { pathRunner, replayPath, takeAndPull, takeAndRecord } from './play'
import { STANDARD_PROFILE, type DrillProfile } from './profiles'
import { seededRandom } from './random'
import { isBounded, isSatisfied, type WalkProgress } from './generator'
import { activeStates, distancesToSources, LearnedMap, situationKey, type Cell } from './situations'
import { coverageNow, freshParts, joinFresh, progressOf } from './uncovered'
import type { GeneratedScenario, WalkOptions, WalkResult } from './walkTypes'

/** A leg of a walk under several profiles ends after this many actions without covering anything new… */
const LEG_STALL = 150
/** …or after this many actions in all. */
const LEG_MAX = 600
/** Rounds of legs (one per profile) without anything new before a quick-random walk turns to going back (below). */
const WALK_PATIENCE = 2
/** The actions a quick-random walk takes from a situation it went back to. */
const EPISODE_LENGTH = 80
/** Goings-back in a row without anything new before the walk gives up (`noProgress`). */
const EPISODE_PATIENCE = 5000
/** How often a walk pulls the card right after an action, while one is on the reader (a mid-write pull when the action starts a write). */
const PULL_CHANCE = 0.1

const NOTHING: ReadonlySet<string> = new Set()

/** An action the walk takes, and whether it pulls the card right after. */
interface Choice {
  step: ActionStep
  pull: boolean
}

const choiceName = (choice: Choice) => actionName(choice.step) + (choice.pull ? PULLED : '')

/** One walk in progress: its legs so far, and per profile the situations met and the map between them. */
export class Walker {
  private readonly profiles: readonly DrillProfile[]
  private readonly safetyLimit: number
  private readonly next: () => number
  private readonly recorder: CoverageRecorder
  private readonly screensSeen = new Set<ScreenName>(['idle'])
  private readonly started: number
  private readonly now: () => number
  private actions = 0
  private readonly legs: GeneratedScenario[] = []
  /** What the walk has learned of the situations and the actions between them, per profile (its legs start from the same kiosk). */
  private readonly maps = new Map<string, LearnedMap>()
  /** Every situation met, per profile, with the shortest steps known to lead there. */
  private readonly cells = new Map<string, Map<string, Cell>>()
  /** Per transition outside the allow-list not covered yet, the shortest way known to a fresh action that takes it. */
  private readonly opportunities = new Opportunities()
  /** What fresh actions were taken for, and the predictions given up (pursuits.ts). */
  private readonly pursuits = new Pursuits()

  constructor(private readonly options: WalkOptions) {
    this.profiles = options.profiles ?? [STANDARD_PROFILE]
    this.now = options.now ?? (() => 0)
    this.started = this.now()
    this.safetyLimit = options.safetyLimit ?? (isBounded(options.spec.stop) ? 100_000 : this.profiles.length > 1 ? 1_000_000 : 2_000)
    this.next = seededRandom(options.seed).next
    this.recorder = options.recorder ?? new CoverageRecorder()
    for (const profile of this.profiles) {
      this.maps.set(profile.name, new LearnedMap())
      this.cells.set(profile.name, new Map())
    }
  }

  private progress(): WalkProgress {
    return progressOf(this.recorder, this.actions, this.screensSeen, (this.now() - this.started) / 1000, this.options.allow)
  }

  private done(): boolean {
    return isSatisfied(this.options.spec.stop, this.progress())
  }

  async run(): Promise<WalkResult> {
    // Legs; a quick-random walk goes back to the fresh actions it saw once they are all that is left, then walks legs again.
    let legs = await this.walkLegs()
    while (legs === 'seenAll') legs = (await this.goBack(true)) ?? (await this.walkLegs())
    const stoppedBy = legs ?? (await this.goBack(false))
    return { paths: this.legs, coverage: this.recorder.report(), stoppedBy }
  }

  /** Rounds of legs without anything new so far (WALK_PATIENCE). */
  private legsWithoutNews = 0

  /**
   * Legs from a fresh kiosk, the profiles in turn (at least one); undefined when the walk is to go on going back, seenAll
   * when everything left is what fresh actions it saw would take (opportunities).
   */
  private async walkLegs(): Promise<WalkResult['stoppedBy'] | 'seenAll' | undefined> {
    const several = this.profiles.length > 1
    let walked = 0
    while (!this.done()) {
      if (this.actions >= this.safetyLimit) return 'safetyLimit'
      if (several && this.legsWithoutNews >= WALK_PATIENCE * this.profiles.length) {
        if (this.options.spec.generator === 'quickRandom') return undefined
        return 'noProgress'
      }
      // Everything left has a fresh action seen for it: going back to those is surer than more legs.
      if (walked > 0 && this.options.spec.generator === 'quickRandom' && this.everythingLeftSeen()) return 'seenAll'
      walked++
      const profile = this.profiles[this.legs.length % this.profiles.length]!
      const steps: Step[] = []
      const runner = pathRunner(steps, this.recorder.inspect, profile)
      await this.options.hooks?.freshKiosk?.(runner, [], profile)
      const news = await this.explore(runner, steps, profile, several ? { stall: LEG_STALL, max: LEG_MAX } : { stall: Infinity, max: Infinity })
      runner.kiosk.stop()
      this.legsWithoutNews = news ? 0 : this.legsWithoutNews + 1
      this.keep(steps, profile, 0)
    }
    return 'condition'
  }

  /**
   * Goes back to situations met and explores from there (see `walk`): first to a fresh action seen
   * and not taken whose transition is still uncovered (taking it at once), else to a situation picked by pickCell; undefined
   * when `onlyOpportunities` and none is left.
   */
  private async goBack(onlyOpportunities: true): Promise<WalkResult['stoppedBy'] | undefined>
  private async goBack(onlyOpportunities: false): Promise<WalkResult['stoppedBy']>
  private async goBack(onlyOpportunities: boolean): Promise<WalkResult['stoppedBy'] | undefined> {
    let withoutNews = 0
    while (!this.done()) {
      if (this.actions >= this.safetyLimit) return 'safetyLimit'
      if (withoutNews >= EPISODE_PATIENCE) return 'noProgress'
      const target = this.opportunities.next(coverageNow(this.recorder, this.options.allow).uncovered)
      if (!target && onlyOpportunities) return undefined
      let profile: DrillProfile
      let steps: Step[]
      if (target) {
        profile = target.profile
        steps = target.steps.slice(0, target.length)
      } else {
        const picked = this.pickCell()
        picked.cell.chosen++
        profile = picked.profile
        steps = picked.cell.steps.slice(0, picked.cell.length)
      }
      const wentBackAfter = steps.length / 2
      const runner = await replayPath(steps, this.recorder.inspect, profile)
      await this.options.hooks?.freshKiosk?.(runner, steps, profile)
      this.actions += steps.filter((s) => 'do' in s).length
      const news = await this.explore(runner, steps, profile, { stall: EPISODE_LENGTH, max: EPISODE_LENGTH }, target?.action)
      runner.kiosk.stop()
      withoutNews = news ? 0 : withoutNews + 1
      if (news) this.keep(steps, profile, wentBackAfter)
    }
    return 'condition'
  }

  /** Whether each state and transition outside the allow-list not covered yet is a transition an opportunity would take. */
  private everythingLeftSeen(): boolean {
    return this.opportunities.coverAll(coverageNow(this.recorder, this.options.allow).uncovered)
  }

  /**
   * A situation to go back to, by weight: the actions not yet tried there, against how often it was
   * chosen and how long the way there is; many times more the nearer the kiosk (or the device)
   * there is to a state an uncovered transition leaves from, counted in actions between states the
   * walk has taken. GraphWalker's quick random heads for an uncovered edge; here its source state
   * is known, but not the way into its guard, so the walk tries what it has not tried near there.
   */
  private pickCell(): { profile: DrillProfile; cell: Cell } {
    const candidates: { profile: DrillProfile; cell: Cell; weight: number }[] = []
    let total = 0
    for (const profile of this.profiles) {
      const map = this.maps.get(profile.name)!
      const cells = [...this.cells.get(profile.name)!.entries()]
      const distance = this.distances(profile, cells, map)
      for (const [key, cell] of cells) {
        const d = distance.get(key) ?? Infinity
        const nearness = d === Infinity ? 1 : 16 / 2 ** Math.min(d, 4)
        const weight = (nearness * (1 + map.untriedCount(key))) / Math.sqrt(1 + cell.chosen) / (1 + cell.length / 100)
        candidates.push({ profile, cell, weight })
        total += weight
      }
    }
    let at = this.next() * total
    for (const candidate of candidates) {
      at -= candidate.weight
      if (at < 0) return candidate
    }
    return candidates.at(-1)!
  }

  private readonly lastDistances = new Map<string, { at: number; size: number; distance: Map<string, number> }>()

  /** distancesToSources, computed again when something new was covered or the map grew by a tenth (it is the costliest part of going back). */
  private distances(profile: DrillProfile, cells: readonly [string, Cell][], map: LearnedMap): Map<string, number> {
    const last = this.lastDistances.get(profile.name)
    if (last && last.size === this.recorder.size && cells.length < last.at * 1.1) return last.distance
    // Left out: what the allow-list says no path can take.
    const uncovered = coverageNow(this.recorder, this.options.allow).totals.uncovered.filter((u) => u.includes(' · '))
    const sources = uncovered.map((t) => t.slice(t.indexOf(': ') + 2, t.indexOf(' · ')))
    const distance = distancesToSources(cells, map, sources)
    this.lastDistances.set(profile.name, { at: cells.length, size: this.recorder.size, distance })
    return distance
  }

  private keep(steps: Step[], profile: DrillProfile, wentBackAfter: number): void {
    const several = this.profiles.length > 1
    const name = `${this.options.spec.generator} walk, seed ${this.options.seed}${several ? `, leg ${this.legs.length + 1} (${profile.name})` : ''}`
    this.legs.push({ scenario: { name, config: loadConfig(profile.config), steps } as Scenario, profile, ...(wentBackAfter > 0 ? { wentBackAfter } : {}) })
  }

  /** The transitions the last action was taken for (fresh for them), or nothing. */
  private lastTakenFor: ReadonlySet<string> = NOTHING

  /**
   * Takes actions until the walk is done, or `stall` actions in a row covered nothing new, or `max`
   * were taken (`first` first, when given and possible); whether any covered something new.
   */
  private async explore(
    runner: ScenarioRunner,
    steps: Step[],
    profile: DrillProfile,
    limits: { stall: number; max: number },
    first?: ActionStep
  ): Promise<boolean> {
    const map = this.maps.get(profile.name)!
    const cells = this.cells.get(profile.name)!
    let sinceNews = 0
    let taken = 0
    let news = false
    // Where the last action led is where the next starts: the key is worked out once per action.
    let here = situationKey(runner)
    this.lastTakenFor = NOTHING
    while (!this.done() && this.actions < this.safetyLimit && sinceNews < limits.stall && taken < limits.max) {
      const before = this.recorder.size
      const cell = cells.get(here)
      if (!cell || cell.length > steps.length)
        cells.set(here, { steps, length: steps.length, states: cell?.states ?? activeStates(runner), chosen: cell?.chosen ?? 0 })
      const cardOnReader = runner.kiosk.cardReader().getSnapshot().context.card !== null
      // The pull is an action of its own: only where one more would not end the walk (length(N) stays exact).
      const roomForPull = this.actions + 2 <= this.safetyLimit && !isSatisfied(this.options.spec.stop, { ...this.progress(), steps: this.actions + 1 })
      const canPull = (step: ActionStep) => roomForPull && step.do !== 'removeCard' && step.do !== 'powerCut' && (cardOnReader || step.do === 'tapCard')
      const forced = taken === 0 && first ? this.forced(runner, map, here, first, canPull) : null
      const choice = forced ?? this.choose(runner, map, here, canPull, profile, steps)
      const pull = choice.pull || (canPull(choice.step) && this.next() < PULL_CHANCE)
      const written = steps.length
      const hooks = this.options.hooks
      const report = pull ? await takeAndPull(runner, steps, choice.step, hooks) : await takeAndRecord(runner, steps, choice.step, hooks)
      const there = situationKey(runner)
      map.took(here, choiceName({ step: choice.step, pull }), there)
      here = there
      // Each action is written with the screen it led to: one or two (with the pull) were taken.
      const count = (steps.length - written) / 2
      this.actions += count
      taken += count
      this.screensSeen.add(report.screen)
      if (this.recorder.size > before) {
        sinceNews = 0
        news = true
      } else sinceNews++
    }
    this.pursuits.settle(coverageNow(this.recorder, undefined).uncovered)
    return news
  }

  /** The actions that, with the card pulled right after them, would take a transition not covered yet (pulledAims). */
  private freshPulls(runner: ScenarioRunner, possible: readonly ActionStep[], canPull: (step: ActionStep) => boolean): Map<ActionStep, string[]> {
    const fresh = new Map<ActionStep, string[]>()
    const { uncovered } = coverageNow(this.recorder, undefined)
    for (const step of possible) {
      if (!canPull(step)) continue
      const aims = pulledAims(step, runner).filter((aim) => uncovered.has(aim))
      if (aims.length > 0) fresh.set(step, aims)
    }
    return fresh
  }

  /** The action a going back came for, when it is possible here (it was when seen: the replay is exact). */
  private forced(runner: ScenarioRunner, map: LearnedMap, here: string, first: ActionStep, canPull: (step: ActionStep) => boolean): Choice | null {
    const possible = possibleActions(runner, this.options.actions)
    map.visit(here, withPulls(possible, canPull).map(choiceName))
    const step = possible.find((a) => actionName(a) === actionName(first))
    return step ? { step, pull: false } : null
  }

  /**
   * random: any possible action, by weight. quickRandom: four times in five an action with the card pulled right after it
   * that takes what only the pull shows (pulledAims), if there is one; else four times in five an action that takes
   * a transition not covered yet, if there is one (the others are remembered, to go back to);
   * otherwise an action not yet tried in this situation (a tap with the card pulled during its
   * lookup counts as one of its own), or the first of the shortest known way to a situation that has one.
   */
  private choose(runner: ScenarioRunner, map: LearnedMap, here: string, canPull: (step: ActionStep) => boolean, profile: DrillProfile, steps: Step[]): Choice {
    const possible = possibleActions(runner, this.options.actions)
    const weighOf = this.options.weight ?? defaultWeight
    const weight = (step: ActionStep) => weighOf(step, runner)
    if (this.options.spec.generator !== 'quickRandom') {
      map.visit(here, possible.map(actionName))
      return { step: weightedPick(possible, this.next(), weight), pull: false }
    }
    const choices = withPulls(possible, canPull)
    map.visit(here, choices.map(choiceName))
    // What only a pull right after an action shows (a card asked back, pulled again): rare, and the pull is the choice.
    const pulls = this.pursuits.stillWorthIt(this.freshPulls(runner, possible, canPull), true)
    if (pulls.size > 0 && this.next() < 0.8) {
      const step = [...pulls.keys()][Math.floor(this.next() * pulls.size)]!
      this.pursuits.pursue(step, pulls.get(step)!, true)
      this.lastTakenFor = NOTHING
      return { step, pull: true }
    }
    const parts = freshParts(runner, possible, this.recorder)
    const fresh = this.pursuits.stillWorthIt(joinFresh(parts, possible))
    if (fresh.size > 0) {
      const step = this.next() < 0.8 ? weightedPick(carryingOn(fresh, this.lastTakenFor), this.next(), weight) : null
      this.opportunities.remember(fresh, step, { profile, steps, byMachines: parts.byMachines }, coverageNow(this.recorder, this.options.allow).uncovered)
      if (step) {
        this.pursuits.pursue(step, fresh.get(step)!)
        this.lastTakenFor = new Set(fresh.get(step))
        return { step, pull: false }
      }
    }
    this.lastTakenFor = NOTHING
    const untried = choices.filter((c) => map.isUntried(here, choiceName(c)))
    // Untried actions alike: a drill is as worth trying once as any other action.
    if (untried.length > 0) return untried[Math.floor(this.next() * untried.length)]!
    const route = map.routeToUntried(here)
    const toward = route === null ? undefined : choices.find((c) => choiceName(c) === route)
    return toward ?? { step: weightedPick(possible, this.next(), weight), pull: false }
  }
}

/** The possible actions, and each tap again with the card pulled right after it, where a pull may follow. */
function withPulls(possible: readonly ActionStep[], canPull: (step: ActionStep) => boolean): Choice[] {
  const choices: Choice[] = possible.map((step) => ({ step, pull: false }))
  for (const step of possible) if (step.do === 'tapCard' && canPull(step)) choices.push({ step, pull: true })
  return choices
}

/** The action `r` (0 ≤ r < 1) falls on, each taking a share of the range as large as its weight. */
function weightedPick(choices: readonly ActionStep[], r: number, weight: (step: ActionStep) => number): ActionStep {
  const total = choices.reduce((sum, step) => sum + weight(step), 0)
  let at = r * total
  for (const step of choices) {
    at -= weight(step)
    if (at < 0) return step
  }
  return choices.at(-1)!
}
