/**
 * Seeded walks over the live core: at each step the generator picks one of the actions possible
 * on the current screen (customer intents the kiosk machine would take, hardware events, waits),
 * runs it through the scenario runner — exactly as `kiosk-sim run` will replay it — and records
 * it with an `expect` of the screen it led to. The same seed gives the same path.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate'
import { COVERED_MACHINES, CoverageRecorder, coverageTotals, machineGraph, transitionKey, type AllowList, type CoverageTotals, type MachineCoverage, type TransitionDefinitionLike } from '../coverage'
import { SCREENS, type ScreenName } from '../protocol'
import { loadConfig } from '../config'
import type { ActionStep, Scenario, Step } from '../scenario/schema'
import { actionName, actionWeight, possibleActions, TYPED_CARD } from './actions'
import { pathRunner, replayPath, takeAndPull, takeAndRecord } from './play'
import { STANDARD_PROFILE, type DrillProfile } from './profiles'
import type { ScenarioRunner } from '../scenario/runner'
import { seededRandom } from './random'
import { exploredGraph, oneTour, shortestPathsToScreens } from './explore'
import { isBounded, isSatisfied, reachedScreens, type GeneratorSpec, type WalkProgress } from './generator'

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
    for (const path of found) paths.push({ scenario: { name: `shortest path to ${path.screen}`, config, steps: await withScreens(path.steps, recorder, profile) } as Scenario, profile })
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
  return { paths: [{ scenario: { name: 'one tour', config, steps: tour.steps } as Scenario, profile }], coverage: recorder.report(), stoppedBy: 'condition', edges: { taken: tour.edgesTaken, total: tour.edgesTotal } }
}

/** Replays generated steps on a fresh kiosk, adding after each the screen it led to. */
async function withScreens(actions: readonly ActionStep[], recorder: CoverageRecorder, profile: DrillProfile): Promise<Step[]> {
  const steps: Step[] = []
  const runner = pathRunner(steps, recorder.inspect, profile)
  for (const action of actions) await takeAndRecord(runner, steps, action)
  runner.kiosk.stop()
  return steps
}

/** Progress for the stop conditions: the percentages are of all the machines' states and transitions, the allow-list's left out. */
function progressOf(recorder: CoverageRecorder, steps: number, screensSeen: ReadonlySet<string>, elapsedSeconds: number, allow?: AllowList): WalkProgress {
  const { totals } = coverageNow(recorder, allow)
  return { steps, transitionsPercent: totals.transitions.percent, statesPercent: totals.states.percent, screensSeen, elapsedSeconds }
}

const coverageSoFar = new WeakMap<CoverageRecorder, Map<AllowList | undefined, { size: number; totals: CoverageTotals; uncovered: ReadonlySet<string> }>>()

/**
 * coverageTotals of the recorder's report, and what it leaves uncovered as a set (`machine:
 * transition`, `machine: state X`): computed again only once something new is covered, as walks
 * ask at every step.
 */
function coverageNow(recorder: CoverageRecorder, allow: AllowList | undefined): { totals: CoverageTotals; uncovered: ReadonlySet<string> } {
  const byAllowList = coverageSoFar.get(recorder) ?? new Map()
  coverageSoFar.set(recorder, byAllowList)
  const last = byAllowList.get(allow)
  if (last?.size === recorder.size) return last
  const totals = coverageTotals(recorder.report(), allow)
  const now = { size: recorder.size, totals, uncovered: new Set(totals.uncovered) }
  byAllowList.set(allow, now)
  return now
}

function checkScreens(spec: GeneratorSpec): void {
  const unknown = reachedScreens(spec.stop).filter((s) => !(SCREENS as readonly string[]).includes(s))
  if (unknown.length > 0) throw new Error(`reached(${unknown[0]}): no such screen; screens are ${SCREENS.join(', ')}`)
}

/** A leg of a walk under several profiles ends after this many actions without covering anything new… */
const LEG_STALL = 150
/** …or after this many actions in all. */
const LEG_MAX = 600
/** Rounds of legs (one per profile) without anything new before a quick-random walk turns to going back (below). */
const WALK_PATIENCE = 2
/** The actions a quick-random walk takes from a situation it went back to. */
const EPISODE_LENGTH = 30
/** Goings-back in a row without anything new before the walk gives up (`noProgress`). */
const EPISODE_PATIENCE = 5000
/** How often a walk pulls the card right after an action, while one is on the reader (a mid-write pull when the action starts a write). */
const PULL_CHANCE = 0.1

/** A situation a walk has been in, with the steps (from a fresh kiosk) that first led there. */
interface Cell {
  steps: readonly Step[]
  length: number
  /** The states the kiosk and its devices are in there, by id (`kiosk.session.flow.cash`, `billValidator.idle`). */
  states: readonly string[]
  /** How often the walk went back to it. */
  chosen: number
}

/**
 * Runs one random or quick-random walk; throws when the generator names a screen that does not
 * exist. Under several drill profiles the walk is made of legs, one scenario each, taking the
 * profiles in turn; a leg ends when it has stopped finding anything new.
 *
 * Once rounds of legs find nothing new, a quick-random walk goes back instead (Go-Explore): it
 * picks a situation it has been in (`pickCell`: near a state an uncovered transition leaves from,
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

class Walker {
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
    const stoppedBy = (await this.walkLegs()) ?? (await this.goBack())
    return { paths: this.legs, coverage: this.recorder.report(), stoppedBy }
  }

  /** Legs from a fresh kiosk, the profiles in turn; undefined when the walk is to go on going back. */
  private async walkLegs(): Promise<WalkResult['stoppedBy'] | undefined> {
    const several = this.profiles.length > 1
    let legsWithoutNews = 0
    while (!this.done()) {
      if (this.actions >= this.safetyLimit) return 'safetyLimit'
      if (several && legsWithoutNews >= WALK_PATIENCE * this.profiles.length) {
        if (this.options.spec.generator === 'quickRandom') return undefined
        return 'noProgress'
      }
      const profile = this.profiles[this.legs.length % this.profiles.length]!
      const steps: Step[] = []
      const runner = pathRunner(steps, this.recorder.inspect, profile)
      const news = await this.explore(runner, steps, profile, several ? { stall: LEG_STALL, max: LEG_MAX } : { stall: Infinity, max: Infinity })
      runner.kiosk.stop()
      legsWithoutNews = news ? 0 : legsWithoutNews + 1
      this.keep(steps, profile, 0)
    }
    return 'condition'
  }

  /** Goes back to situations met and explores from there (see `walk`). */
  private async goBack(): Promise<WalkResult['stoppedBy']> {
    let withoutNews = 0
    for (let episode = 0; !this.done(); episode++) {
      if (this.actions >= this.safetyLimit) return 'safetyLimit'
      if (withoutNews >= EPISODE_PATIENCE) return 'noProgress'
      const profile = this.profiles[episode % this.profiles.length]!
      const cell = this.pickCell(profile)
      cell.chosen++
      const steps = cell.steps.slice(0, cell.length)
      const runner = await replayPath(steps, this.recorder.inspect, profile)
      this.actions += steps.filter((s) => 'do' in s).length
      const news = await this.explore(runner, steps, profile, { stall: EPISODE_LENGTH, max: EPISODE_LENGTH })
      runner.kiosk.stop()
      withoutNews = news ? 0 : withoutNews + 1
      if (news) this.keep(steps, profile, cell.length / 2)
    }
    return 'condition'
  }

  /**
   * A situation to go back to, by weight: the actions not yet tried there, against how often it was
   * chosen and how long the way there is; many times more the nearer the kiosk (or the device)
   * there is to a state an uncovered transition leaves from, counted in actions between states the
   * walk has taken. GraphWalker's quick random heads for an uncovered edge; here its source state
   * is known, but not the way into its guard, so the walk tries what it has not tried near there.
   */
  private pickCell(profile: DrillProfile): Cell {
    const map = this.maps.get(profile.name)!
    const cells = [...this.cells.get(profile.name)!.entries()]
    const distance = this.distances(profile, cells, map)
    const weights = cells.map(([key, cell]) => {
      const d = distance.get(key) ?? Infinity
      const nearness = d === Infinity ? 1 : 16 / 2 ** Math.min(d, 4)
      return (nearness * (1 + map.untriedCount(key))) / Math.sqrt(1 + cell.chosen) / (1 + cell.length / 100)
    })
    let at = this.next() * weights.reduce((a, b) => a + b, 0)
    for (const [index, weight] of weights.entries()) {
      at -= weight
      if (at < 0) return cells[index]![1]
    }
    return cells.at(-1)![1]
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

  /** Takes actions until the walk is done, or `stall` actions in a row covered nothing new, or `max` were taken; whether any covered something new. */
  private async explore(runner: ScenarioRunner, steps: Step[], profile: DrillProfile, limits: { stall: number; max: number }): Promise<boolean> {
    const map = this.maps.get(profile.name)!
    const cells = this.cells.get(profile.name)!
    let sinceNews = 0
    let taken = 0
    let news = false
    while (!this.done() && this.actions < this.safetyLimit && sinceNews < limits.stall && taken < limits.max) {
      const before = this.recorder.size
      const here = situationKey(runner)
      const cell = cells.get(here)
      if (!cell || cell.length > steps.length) cells.set(here, { steps, length: steps.length, states: cell?.states ?? activeStates(runner), chosen: cell?.chosen ?? 0 })
      const step = this.choose(runner, map, here)
      const cardOnReader = runner.kiosk.cardReader().getSnapshot().context.card !== null
      // The pull is an action of its own: only where one more would not end the walk (length(N) stays exact).
      const roomForPull = this.actions + 2 <= this.safetyLimit && !isSatisfied(this.options.spec.stop, { ...this.progress(), steps: this.actions + 1 })
      const pull = roomForPull && step.do !== 'removeCard' && step.do !== 'powerCut' && (cardOnReader || step.do === 'tapCard') && this.next() < PULL_CHANCE
      const written = steps.length
      const report = pull ? await takeAndPull(runner, steps, step) : await takeAndRecord(runner, steps, step)
      map.took(here, step, pull ? null : situationKey(runner))
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
    return news
  }

  /**
   * random: any possible action, by weight. quickRandom: four times in five an action that takes
   * a transition not covered yet, if there is one; otherwise an action not yet tried in this
   * situation, or the first of the shortest known way to a situation that has one.
   */
  private choose(runner: ScenarioRunner, map: LearnedMap, here: string): ActionStep {
    const possible = possibleActions(runner)
    map.visit(here, possible)
    if (this.options.spec.generator !== 'quickRandom') return weightedPick(possible, this.next())
    const fresh = freshActions(runner, possible, this.recorder)
    if (fresh.length > 0 && this.next() < 0.8) return weightedPick(fresh, this.next())
    const untried = possible.filter((a) => map.isUntried(here, a))
    // Untried actions alike: a drill is as worth trying once as any other action.
    if (untried.length > 0) return untried[Math.floor(this.next() * untried.length)]!
    const route = map.routeToUntried(here)
    const toward = route === null ? [] : possible.filter((a) => actionName(a) === route)
    return weightedPick(toward.length > 0 ? toward : possible, this.next())
  }
}

/**
 * The walk's idea of where it is: the kiosk's flow state and the facts that decide where an action
 * leads from there — the faults on (which validator one, armed or sprung), a card on the reader,
 * the host link, the transaction's notes (stacked, in doubt), the card write's purpose and phase,
 * a run-out rate lock, pending top-ups, the amount typed so far, and whether the host holds a
 * pending top-up for the card a walk types (typing it, with no card on the reader to write, is
 * then a way somewhere). Coarser than the explored graph's state (no card numbers, languages or
 * timers), so a walk can try every action in every such situation within a few thousand steps.
 */
function situationKey(runner: ScenarioRunner): string {
  const { kiosk } = runner
  const snapshot = kiosk.snapshot()
  const { context } = snapshot
  const validator = kiosk.validator().getSnapshot()
  const reader = kiosk.cardReader().getSnapshot().context
  const inSession = snapshot.matches('session')
  const transaction = inSession ? context.transaction : null
  return JSON.stringify([
    inSession ? (snapshot.value as { session: { flow: unknown } }).session.flow : snapshot.value,
    validator.value,
    [validator.context.condition, validator.context.jamNext, validator.context.counterfeitNext],
    [kiosk.host.fault, kiosk.pos.fault?.kind ?? null, kiosk.printer.fault, reader.readError],
    reader.card !== null,
    context.hostDown,
    transaction && [transaction.stacked.length > 0, transaction.inDoubt.length > 0],
    inSession && context.cardWrite ? [context.cardWrite.purpose, context.cardWrite.phase] : null,
    inSession && context.quoteExpired,
    inSession && context.pendingTopUps.length > 0,
    inSession && kiosk.screen() === 'amount' ? context.amountEntry : '',
    runner.cards.pendingTopUps(TYPED_CARD).length > 0
  ])
}

/**
 * For each situation, how many actions (between states the walk has seen follow one another) its
 * kiosk or device state is from one of `sources` (state ids, `kiosk.session.flow.billJam`); absent
 * when none is known. A state is in a source when it is the source or inside it.
 */
function distancesToSources(cells: readonly [string, Cell][], map: LearnedMap, sources: readonly string[]): Map<string, number> {
  const distance = new Map<string, number>()
  if (sources.length === 0) return distance
  const byKey = new Map(cells)
  const machines = [...new Set(sources.map((s) => s.split('.')[0]!))]
  for (const machine of machines) {
    // The machine's innermost state in a situation.
    const leaves = new Map<Cell, string>()
    const leaf = (cell: Cell) => {
      let state = leaves.get(cell)
      if (state === undefined) {
        state = cell.states.filter((s) => s.startsWith(`${machine}.`)).reduce((a, b) => (b.length > a.length ? b : a), machine)
        leaves.set(cell, state)
      }
      return state
    }
    const targets = sources.filter((s) => s.startsWith(`${machine}.`))
    const isIn = (state: string) => targets.some((t) => state === t || state.startsWith(`${t}.`))
    // Which states lead to which, from the actions taken; then backwards from the sources.
    const before = new Map<string, Set<string>>()
    for (const [key, cell] of cells) {
      for (const to of map.successors(key)) {
        const next = byKey.get(to)
        if (!next) continue
        const set = before.get(leaf(next)) ?? new Set<string>()
        set.add(leaf(cell))
        before.set(leaf(next), set)
      }
    }
    const steps = new Map<string, number>()
    const queue = [...new Set(cells.map(([, cell]) => leaf(cell)).filter(isIn))]
    for (const state of queue) steps.set(state, 0)
    for (let i = 0; i < queue.length; i++) {
      for (const previous of before.get(queue[i]!) ?? []) {
        if (steps.has(previous)) continue
        steps.set(previous, steps.get(queue[i]!)! + 1)
        queue.push(previous)
      }
    }
    for (const [key, cell] of cells) {
      const d = steps.get(leaf(cell))
      if (d !== undefined && d < (distance.get(key) ?? Infinity)) distance.set(key, d)
    }
  }
  return distance
}

/** The states the kiosk machine and its devices are in, by id, as the coverage recorder names them. */
function activeStates(runner: ScenarioRunner): string[] {
  const { kiosk } = runner
  return [kiosk.snapshot(), kiosk.validator().getSnapshot(), kiosk.cardReader().getSnapshot()].flatMap((snapshot) =>
    ((snapshot as unknown as { _nodes?: { id: string }[] })._nodes ?? []).map((node) => node.id)
  )
}

/**
 * The situations a walk has met (`situationKey`) with the actions taken between them, and the
 * actions not yet tried in each: when nothing new is one step away, a quick-random walk tries one,
 * or heads the shortest known way to a situation that has one, as GraphWalker's quick random heads
 * for an unvisited edge — on a map it draws as it goes, since no map of the drills is given.
 */
class LearnedMap {
  private readonly edges = new Map<string, Map<string, string>>()
  private readonly untried = new Map<string, Set<string>>()

  /** Notes a state reached, with the actions possible there the first time. */
  visit(key: string, possible: readonly ActionStep[]): void {
    if (!this.untried.has(key)) this.untried.set(key, new Set(possible.map(actionName)))
  }

  /** How many actions possible in the situation have not been tried there. */
  untriedCount(key: string): number {
    return this.untried.get(key)?.size ?? 0
  }

  isUntried(key: string, action: ActionStep): boolean {
    return this.untried.get(key)?.has(actionName(action)) ?? false
  }

  /** Notes an action taken, and where it led (null: not known, e.g. a card pulled right after). */
  took(from: string, action: ActionStep, to: string | null): void {
    this.untried.get(from)?.delete(actionName(action))
    if (to === null) return
    const out = this.edges.get(from) ?? new Map<string, string>()
    out.set(actionName(action), to)
    this.edges.set(from, out)
  }

  /** The situations the actions taken in this one led to. */
  successors(from: string): Iterable<string> {
    return this.edges.get(from)?.values() ?? []
  }

  /** The first action of the shortest known way to a state with an untried action; null when none is known. */
  routeToUntried(from: string): string | null {
    const first = new Map<string, string | null>([[from, null]])
    const queue = [from]
    for (let i = 0; i < queue.length; i++) {
      const key = queue[i]!
      if (key !== from && (this.untried.get(key)?.size ?? 0) > 0) return first.get(key)!
      for (const [action, to] of this.edges.get(key) ?? []) {
        if (first.has(to)) continue
        first.set(to, first.get(key) ?? action)
        queue.push(to)
      }
    }
    return null
  }
}

/** The action `r` (0 ≤ r < 1) falls on, each taking a share of the range as large as its weight. */
function weightedPick(choices: readonly ActionStep[], r: number): ActionStep {
  const total = choices.reduce((sum, step) => sum + actionWeight(step), 0)
  let at = r * total
  for (const step of choices) {
    at -= actionWeight(step)
    if (at < 0) return step
  }
  return choices.at(-1)!
}

/**
 * The actions that would take a transition not covered yet: a customer intent or a tap the kiosk
 * machine has an uncovered transition for, a note or a fault switch a device machine has one for,
 * or a wait outlasting a timer whose transition is uncovered. (What a power cut or a typed card
 * number leads to shows only later: they are tried as untried actions.)
 */
function freshActions(runner: ScenarioRunner, possible: readonly ActionStep[], recorder: CoverageRecorder): ActionStep[] {
  const { uncovered } = coverageNow(recorder, undefined)
  const kiosk = runner.kiosk.snapshot()
  const validator = runner.kiosk.validator().getSnapshot()
  const reader = runner.kiosk.cardReader().getSnapshot()
  const isUncovered = (machine: string, t: unknown) => {
    const id = GRAPHS.get(machine)?.get(transitionKey(t as TransitionDefinitionLike))
    return id !== undefined && uncovered.has(`${machine}: ${id}`)
  }
  const takesUncovered = (snapshot: AnyMachineSnapshot, event: EventObject & Record<string, unknown>) => snapshot.machine.getTransitionData(snapshot, event).some((t) => isUncovered(snapshot.machine.id, t))
  // A wait is fresh when a timer it outlasts would take an uncovered transition (guards as they stand now).
  const timedUncovered = (seconds: number) =>
    [kiosk, validator, reader].some((snapshot) =>
      ((snapshot as unknown as { _nodes: { after: { delay: string | number; eventType: string }[] }[] })._nodes ?? []).some((node) =>
        node.after.some((t) => delayMs(snapshot, t.delay) <= seconds * 1000 && takesUncovered(snapshot, { type: t.eventType }))
      )
    )
  return possible.filter((step) => {
    if (step.do === 'wait') return timedUncovered(step.seconds)
    if (step.do === 'fault' || step.do === 'clearFault') {
      const device = deviceEvents(step)
      return device !== null && takesUncovered(device.machine === 'kiosk' ? kiosk : device.machine === 'billValidator' ? validator : reader, device.event)
    }
    if (step.do === 'insertBill') return takesUncovered(validator, { type: 'insert', note: { currency: step.currency, value: step.value } })
    if (step.do === 'removeCard') return takesUncovered(reader, { type: 'remove' })
    if (step.do === 'powerCut' || step.do === 'restoreJournal' || step.do === 'enterCard') return false
    const intent = runner.intentOf(step)
    const event = intent && runner.kiosk.eventFor(intent)
    return event ? takesUncovered(kiosk, event) : false
  })
}

/** A timer's delay in milliseconds: a number, or a named delay the machine computes from its context. */
function delayMs(snapshot: AnyMachineSnapshot, delay: string | number): number {
  if (typeof delay === 'number') return delay
  const named = (snapshot.machine.implementations.delays as Record<string, unknown>)[delay]
  if (typeof named === 'number') return named
  return typeof named === 'function' ? Number(named({ context: snapshot.context, event: { type: '' } })) : Infinity
}

/** The machine event a fault switch sends (as Kiosk.setFault does), or null for the devices without a machine (the printer, the POS). */
function deviceEvents(step: Extract<ActionStep, { do: 'fault' | 'clearFault' }>): { machine: string; event: EventObject & Record<string, unknown> } | null {
  const on = step.do === 'fault'
  if (step.device === 'host') return step.do === 'clearFault' ? { machine: 'kiosk', event: { type: 'host.up' } } : step.fault === 'down' ? { machine: 'kiosk', event: { type: 'host.down' } } : null
  if (step.device === 'cardReader') return { machine: 'cardReader', event: { type: 'readError', on } }
  if (step.device !== 'billValidator') return null
  if (step.do === 'clearFault') return { machine: 'billValidator', event: { type: 'condition', condition: null } }
  if (step.fault === 'jam') return { machine: 'billValidator', event: { type: 'jam' } }
  if (step.fault === 'counterfeit') return { machine: 'billValidator', event: { type: 'counterfeitNext' } }
  return { machine: 'billValidator', event: { type: 'condition', condition: step.fault } }
}

const GRAPHS = new Map(COVERED_MACHINES.map((m) => [m.id, machineGraph(m).ids]))
