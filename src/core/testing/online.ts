/**
 * Online mode (issue 17, docs/online.md): a walk over the kiosk handed out one element at a time,
 * the way GraphWalker's online service does, so a client written for GraphWalker's REST or
 * WebSocket API steps through the kiosk. Elements alternate edge and vertex: an edge per action
 * (`e_insertBill_KZT_1000`), a vertex per screen reached (`v_cash`), and `e_freshKiosk` where the
 * walk starts on a fresh kiosk (a new leg, or going back with the steps it replays). The walk runs
 * in the background (walk() with WalkOptions.hooks) and waits for the client before each element.
 * The answers are GraphWalker's JSON shapes (Restful.java, Util.getStepAsJSON, Result.getResults).
 */
import { coverageTotals, CoverageRecorder, type AllowList } from '../coverage'
import { SCREENS, type ScreenName } from '../protocol'
import type { ScenarioRunner } from '../scenario/runner'
import type { ActionStep, Step } from '../scenario/schema'
import type { DrillProfile } from './profiles'
import type { GeneratorSpec } from './generator'
import { generateChain, type WalkOptions, type WalkResult } from './walk'

/** What a GraphWalker client gets back: `result` ok or nok (with `error`), and the command's fields. */
export type OnlineAnswer = { result: 'ok' | 'nok'; error?: string } & Record<string, unknown>

/** One element of the walk: an edge (an action, or a fresh kiosk) or a vertex (the screen it led to). */
export interface OnlineElement {
  kind: 'edge' | 'vertex'
  /** A Python method name: `e_insertBill_KZT_1000`, `v_cash`, `e_freshKiosk`. */
  name: string
  /** What the element stands for: the action's scenario step in words, the screen, `freshKiosk <profile>`. */
  id: string
  /** getData's answer while this is the current element (GraphWalker's values are strings; objects as JSON text). */
  data: Record<string, string>
  /** Why the client's step fails here (a live kiosk that shows another screen), or undefined. */
  failure?: string
}

/** A kiosk that follows the walk, e.g. a running one (`--url`): it plays every action too. */
export interface OnlineFollower {
  /** Whether a restart can start over: a running kiosk cannot be made fresh again. */
  readonly restartable: boolean
  /** The walk starts on a fresh kiosk (after replaying `replayed`): why the follower cannot, or null. */
  freshKiosk(replayed: readonly Step[], profile: DrillProfile): Promise<string | null>
  /** Plays the action; why the follower's screen is not `screen` afterwards, or null. `pullFollows`: the card is pulled next (no waiting through its write). */
  action(action: ActionStep, screen: ScreenName, pullFollows: boolean): Promise<string | null>
}

export interface OnlineOptions extends Omit<WalkOptions, 'hooks' | 'recorder'> {
  follower?: OnlineFollower
  /** Chained generators (GraphWalker's `random(…) a_star(…)`), run one after another; `spec` alone when not given. */
  chain?: readonly GeneratorSpec[]
}

/** The model's name in every getNext answer (GraphWalker's verbose `modelName`). */
export const MODEL_NAME = 'kiosk'

/** The setData keys, each with what it does (docs/online.md). */
export const SET_DATA_KEYS: Readonly<Record<string, string>> = {
  screen: 'the screen the client’s own kiosk shows: checked against the current element’s screen; a different one fails the walk',
  seed: 'the seed of the walk the next restart starts (a whole number from 0 to 4294967295)'
}

/** The largest seed a walk takes as it is (seededRandom keeps 32 bits). */
const MAX_SEED = 0xffffffff
const MAX_TEXT = 500

/** The edge's name for an action: `e_` and its verb and values, as a Python method name (`e_setRate_USD_471_25`). */
export function edgeName(step: ActionStep): string {
  const { do: verb, ...rest } = step
  const values = Object.values(rest).map((v) => (typeof v === 'object' && v !== null ? Object.entries(v).flat().join(' ') : String(v)))
  return ['e', verb, ...values]
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/_$/, '')
}

export const vertexName = (screen: ScreenName): string => `v_${screen}`

class WalkAborted extends Error {}

/** One walk handed out element by element: the walk waits at each element until the client takes it. */
class SteppedWalk {
  readonly recorder = new CoverageRecorder()
  current: OnlineElement | null = null
  failure: string | null = null
  actions = 0
  result: WalkResult | null = null
  crash: Error | null = null
  private pending: { element: OnlineElement; taken: () => void; aborted: (err: Error) => void } | null = null
  private wakers: (() => void)[] = []
  private ended = false
  private aborted = false

  constructor(private readonly options: OnlineOptions) {
    const follower = options.follower
    const hooks: WalkOptions['hooks'] = {
      freshKiosk: async (runner, replayed, profile) => {
        const data = { ...this.dataOf(runner, profile), replayed: JSON.stringify(replayed), config: JSON.stringify(profile.config) }
        await this.offer({ kind: 'edge', name: 'e_freshKiosk', id: `freshKiosk ${profile.name}`, data })
        const failure = (await follower?.freshKiosk(replayed, profile)) ?? undefined
        await this.offer(this.vertex(runner, profile, failure))
      },
      beforeAction: async (runner, action) => {
        const data = { ...this.dataOf(runner, this.profileOf(runner)), step: JSON.stringify(action) }
        await this.offer({ kind: 'edge', name: edgeName(action), id: stepWords(action), data })
      },
      afterAction: async (runner, action, report) => {
        this.actions++
        // A card still being written that the runner did not wait for: the card is pulled next.
        const pullFollows = runner.kiosk.cardReader().getSnapshot().matches('writing') && !runner.waitedThroughCardWrite
        const failure = (await follower?.action(action, report.screen, pullFollows)) ?? undefined
        await this.offer(this.vertex(runner, this.profileOf(runner), failure))
      }
    }
    const { chain, ...walkOptions } = options
    generateChain({ ...walkOptions, specs: chain ?? [walkOptions.spec], hooks, recorder: this.recorder }).then(
      (result) => this.end(result, null),
      (err: Error) => this.end(null, err instanceof WalkAborted ? null : err)
    )
  }

  /** The profile of each runner: the hooks are told it only at a fresh kiosk. */
  private readonly profiles = new Map<ScenarioRunner, DrillProfile>()
  private profileOf(runner: ScenarioRunner): DrillProfile {
    return this.profiles.get(runner)!
  }

  private vertex(runner: ScenarioRunner, profile: DrillProfile, failure: string | undefined): OnlineElement {
    const screen = runner.kiosk.screen()
    return { kind: 'vertex', name: vertexName(screen), id: screen, data: this.dataOf(runner, profile), ...(failure ? { failure } : {}) }
  }

  private dataOf(runner: ScenarioRunner, profile: DrillProfile): Record<string, string> {
    this.profiles.set(runner, profile)
    const { kiosk } = runner
    return {
      screen: kiosk.screen(),
      language: kiosk.snapshot().context.language,
      profile: profile.name,
      actions: String(this.actions),
      balances: JSON.stringify(Object.fromEntries(runner.cards.list().map((c) => [c.number, c.balanceKzt]))),
      cashbox: JSON.stringify(kiosk.validator().getSnapshot().context.cashbox)
    }
  }

  private end(result: WalkResult | null, crash: Error | null): void {
    this.result = result
    this.crash = crash
    this.ended = true
    this.wake()
  }

  private wake(): void {
    for (const w of this.wakers.splice(0)) w()
  }

  /** Hands the element to the next getNext; resolves once a client took it. */
  private offer(element: OnlineElement): Promise<void> {
    if (this.aborted) return Promise.reject(new WalkAborted())
    return new Promise((taken, aborted) => {
      this.pending = { element, taken, aborted }
      this.wake()
    })
  }

  /** Waits until an element is offered or the walk has ended. */
  private async settled(): Promise<void> {
    while (!this.pending && !this.ended) await new Promise<void>((r) => this.wakers.push(r))
  }

  async hasNext(): Promise<boolean> {
    if (this.failure) return false
    await this.settled()
    return this.pending !== null
  }

  /** The next element, or null when the walk has ended. */
  async next(): Promise<OnlineElement | null> {
    if (this.failure) return null
    await this.settled()
    const pending = this.pending
    if (!pending) return null
    this.pending = null
    this.current = pending.element
    if (pending.element.failure) {
      this.fail(pending.element.failure)
      pending.aborted(new WalkAborted())
    } else pending.taken()
    return pending.element
  }

  /** Fails the walk: no element follows. */
  fail(reason: string): void {
    this.failure ??= reason
    this.abort()
  }

  abort(): void {
    this.aborted = true
    this.pending?.aborted(new WalkAborted())
    this.pending = null
    this.wake()
  }

  get done(): boolean {
    return this.ended && !this.pending
  }
}

/** A scenario step in words, e.g. `insertBill currency=KZT value=1000` (the edge's id). */
function stepWords(step: ActionStep): string {
  const { do: verb, ...rest } = step
  return [verb, ...Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)].join(' ')
}

const nok = (error: string): OnlineAnswer => ({ result: 'nok', error })

/**
 * GraphWalker's online service over the kiosk: hasNext, getNext, getData, setData, restart, fail
 * and getStatistics, each answering GraphWalker's JSON. Commands are served one at a time, in order.
 */
export class OnlineSession {
  private walk: SteppedWalk
  private seed: number
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: OnlineOptions) {
    this.seed = options.seed
    this.walk = new SteppedWalk(options)
  }

  /** Runs a command after those before it. */
  private serial<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }

  hasNext(): Promise<OnlineAnswer> {
    return this.serial(async () => {
      const more = await this.walk.hasNext()
      if (!more && this.walk.crash) return nok(`the walk stopped on an error: ${this.walk.crash.message}`)
      return { result: 'ok', hasNext: more ? 'true' : 'false' }
    })
  }

  getNext(): Promise<OnlineAnswer> {
    return this.serial(async () => {
      if (this.walk.failure) return nok(`the walk has failed: ${this.walk.failure}; PUT /graphwalker/restart starts it again`)
      const element = await this.walk.next()
      if (!element) {
        if (this.walk.crash) return nok(`the walk stopped on an error: ${this.walk.crash.message}`)
        return nok(`no next element: the walk has ended (${this.walk.result?.stoppedBy ?? 'ended'}); hasNext says "false"`)
      }
      if (element.failure) return nok(`${element.name}: ${element.failure}`)
      return {
        result: 'ok',
        modelName: MODEL_NAME,
        currentElementName: element.name,
        currentElementID: element.id,
        // As GraphWalker's verbose getNext: the data as a list of one-key objects, the element's properties likewise.
        data: Object.entries(element.data).map(([k, v]) => ({ [k]: v })),
        properties: [{ kind: element.kind }, ...(element.data.step ? [{ step: element.data.step }] : [])]
      }
    })
  }

  getData(): Promise<OnlineAnswer> {
    return this.serial(() => {
      const current = this.walk.current
      if (!current) return nok('getData: no current element yet; call getNext first')
      return { result: 'ok', data: { element: current.name, ...current.data } }
    })
  }

  /** GraphWalker's `name=value;` statements, for the keys of SET_DATA_KEYS; any other key is refused by name. */
  setData(script: string): Promise<OnlineAnswer> {
    return this.serial(() => {
      const statements = parseScript(script)
      if (typeof statements === 'string') return nok(statements)
      for (const [key, value] of statements) {
        if (key === 'seed') {
          if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_SEED) return nok(`setData: seed: expected a whole number from 0 to ${MAX_SEED}, got "${value}"`)
          this.seed = Number(value)
        } else if (key === 'screen') {
          if (!(SCREENS as readonly string[]).includes(value)) return nok(`setData: screen: no screen "${value}"; screens are ${SCREENS.join(', ')}`)
          const current = this.walk.current
          if (!current) return nok('setData: screen: no current element yet; call getNext first')
          if (value !== current.data.screen) {
            const reason = `your kiosk shows ${value}, the model's kiosk ${current.data.screen} at ${current.name}`
            this.walk.fail(reason)
            return nok(`setData: screen: ${reason}`)
          }
        }
      }
      return { result: 'ok' }
    })
  }

  restart(): Promise<OnlineAnswer> {
    return this.serial(() => {
      if (this.options.follower && !this.options.follower.restartable)
        return nok('restart: the running kiosk (--url) cannot be made fresh again; start a new web host and kiosk-sim online again')
      this.walk.abort()
      this.walk = new SteppedWalk({ ...this.options, seed: this.seed })
      return { result: 'ok' }
    })
  }

  fail(reason: string): Promise<OnlineAnswer> {
    return this.serial(() => {
      if (reason.trim() === '') return nok('fail: expected a reason, e.g. PUT /graphwalker/fail/assertionFailed')
      if (reason.length > MAX_TEXT) return nok(`fail: the reason has ${reason.length} characters; at most ${MAX_TEXT}`)
      this.walk.fail(reason)
      return { result: 'ok' }
    })
  }

  getStatistics(): Promise<OnlineAnswer> {
    return this.serial(() => statistics(this.walk, this.options.allow))
  }

  /** Stops the walk (the service is closing). */
  close(): void {
    this.walk.abort()
  }
}

/** `a=1; b='x';` as [key, value] pairs, or what is wrong with it. */
function parseScript(script: string): [string, string][] | string {
  if (script.length > MAX_TEXT) return `setData: the script has ${script.length} characters; at most ${MAX_TEXT}`
  const pairs: [string, string][] = []
  for (const statement of script.split(';').map((s) => s.trim())) {
    if (statement === '') continue
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(statement)
    if (!match) return `setData: expected name=value; statements (e.g. screen=cash;), got "${statement}"`
    const key = match[1]!
    if (!(key in SET_DATA_KEYS)) return `setData: unknown key "${key}"; the keys are ${Object.keys(SET_DATA_KEYS).join(', ')}`
    pairs.push([key, match[2]!.replace(/^(['"])(.*)\1$/, '$2')])
  }
  if (pairs.length === 0) return 'setData: expected name=value; statements (e.g. screen=cash;), got nothing'
  return pairs
}

/** GraphWalker's statistics (Result.getResults): edges and vertices are the machines' transitions and states outside the allow-list. */
function statistics(walk: SteppedWalk, allow: AllowList | undefined): OnlineAnswer {
  const report = walk.recorder.report()
  const totals = coverageTotals(report, allow)
  const split = (entry: string) => ({ machine: entry.slice(0, entry.indexOf(': ')), id: entry.slice(entry.indexOf(': ') + 2) })
  const edges = totals.uncovered.filter((u) => !split(u).id.startsWith('state ')).map((u) => ({ edgeName: split(u).id, edgeId: u }))
  const vertices = totals.uncovered.filter((u) => split(u).id.startsWith('state ')).map((u) => ({ vertexName: split(u).id.slice(6), vertexId: u }))
  const percent = (covered: number, total: number) => (total === 0 ? 100 : Math.floor((100 * covered) / total))
  const requirements = report.flatMap((m) => m.requirements)
  const met = requirements.filter((r) => r.met)
  const failed = walk.failure !== null
  return {
    result: 'ok',
    totalNumberOfModels: 1,
    totalCompletedNumberOfModels: walk.done && !failed && !walk.crash ? 1 : 0,
    totalIncompleteNumberOfModels: !walk.done && !failed ? 1 : 0,
    totalFailedNumberOfModels: failed || walk.crash ? 1 : 0,
    totalNotExecutedNumberOfModels: walk.current === null ? 1 : 0,
    totalNumberOfEdges: totals.transitions.total,
    totalNumberOfUnvisitedEdges: totals.transitions.total - totals.transitions.covered,
    totalNumberOfVisitedEdges: totals.transitions.covered,
    edgeCoverage: percent(totals.transitions.covered, totals.transitions.total),
    totalNumberOfVertices: totals.states.total,
    totalNumberOfUnvisitedVertices: totals.states.total - totals.states.covered,
    totalNumberOfVisitedVertices: totals.states.covered,
    vertexCoverage: percent(totals.states.covered, totals.states.total),
    ...(edges.length > 0 ? { edgesNotVisited: edges } : {}),
    ...(vertices.length > 0 ? { verticesNotVisited: vertices } : {}),
    ...(requirements.length > 0
      ? {
          totalNumberOfRequirement: requirements.length,
          totalNumberOfUncoveredRequirement: requirements.length - met.length,
          totalNumberOfPassedRequirement: met.length,
          totalNumberOfFailedRequirement: 0,
          requirementCoverage: percent(met.length, requirements.length),
          requirementsNotCovered: requirements.filter((r) => !r.met).map((r) => ({ requirementKey: r.requirement })),
          requirementsPassed: met.map((r) => ({ requirementKey: r.requirement }))
        }
      : {}),
    ...(walk.failure || walk.crash ? { failures: [{ failure: walk.failure ?? walk.crash!.message }] } : {}),
    // Not GraphWalker's: the actions taken so far and what ended the walk.
    steps: walk.actions,
    ...(walk.result ? { stoppedBy: walk.result.stoppedBy } : {})
  }
}
