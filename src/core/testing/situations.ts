/**
 * Where a walk is and what it has learned on the way: the situation it is in (coarser than the
 * explored graph's state), the map of situations and the actions between them, and how far each
 * situation is from a state an uncovered transition leaves from.
 */
import type { ScenarioRunner } from '../scenario/runner'
import type { Step } from '../scenario/schema'
import { PATH_ACTIONS, TYPED_CARD } from './actions'
import { runnerNow } from './play'
import { pinState } from './staff'

/** A situation a walk has been in, with the steps (from a fresh kiosk) that first led there. */
export interface Cell {
  steps: readonly Step[]
  length: number
  /** The states the kiosk and its devices are in there, by id (`kiosk.session.flow.cash`, `billValidator.idle`). */
  states: readonly string[]
  /** How often the walk went back to it. */
  chosen: number
}

/**
 * The walk's idea of where it is: the kiosk's flow state and the facts that decide where an action
 * leads from there — the faults on (which validator one, armed or sprung), a card on the reader,
 * the host link, the transaction's notes (stacked, in doubt), the card write's purpose and phase,
 * a run-out rate lock, pending top-ups, the amount typed so far, and whether the host holds a
 * pending top-up for the card a walk types (typing it, with no card on the reader to write, is
 * then a way somewhere), and service mode's facts (serviceFacts). Coarser than the explored graph's state (no card numbers, languages or
 * timers), so a walk can try every action in every such situation within a few thousand steps.
 */
export function situationKey(runner: ScenarioRunner): string {
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
    runner.cards.pendingTopUps(TYPED_CARD).length > 0,
    // At the attract screen: the cards a tap would find top-ups pending for (a tap pulled during its lookup leaves the write waiting).
    snapshot.matches('idle') ? cardsWithPendingTopUps(runner) : null,
    serviceFacts(runner)
  ])
}

/** The last four digits of the walk's cards with top-ups pending at the host. */
function cardsWithPendingTopUps(runner: ScenarioRunner): string {
  let pending = ''
  for (const number of WALK_CARDS) if (runner.cards.pendingTopUps(number).length > 0) pending += number.slice(-4)
  return pending
}

const WALK_CARDS = [...new Set(PATH_ACTIONS.flatMap((a) => (a.do === 'tapCard' && a.number ? [a.number] : [])))]

/**
 * For each situation, how many actions (between states the walk has seen follow one another) its
 * kiosk or device state is from one of `sources` (state ids, `kiosk.session.flow.billJam`); absent
 * when none is known. A state is in a source when it is the source or inside it.
 */
export function distancesToSources(cells: readonly [string, Cell][], map: LearnedMap, sources: readonly string[]): Map<string, number> {
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
export function activeStates(runner: ScenarioRunner): string[] {
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
export class LearnedMap {
  private readonly edges = new Map<string, Map<string, string>>()
  private readonly untried = new Map<string, Set<string>>()
  /** Bumped whenever an edge or an untried action changes, so routes can be remembered until then. */
  private version = 0
  private readonly routes = new Map<string, { version: number; first: string | null }>()

  /**
   * Notes a situation reached, with the names of the actions possible there (actionName, or a variant's): the first time,
   * all are untried; later, an untried one no longer possible is forgotten (what the key leaves out, a lockout's time or
   * the room left for a pull, can take it away), so no way leads on to a situation for an action it cannot take.
   */
  visit(key: string, possible: readonly string[]): void {
    const untried = this.untried.get(key)
    if (!untried) {
      this.untried.set(key, new Set(possible))
      this.version++
      return
    }
    if (untried.size === 0) return
    const now = new Set(possible)
    for (const name of untried) {
      if (now.has(name)) continue
      untried.delete(name)
      this.version++
    }
  }

  /** How many actions possible in the situation have not been tried there. */
  untriedCount(key: string): number {
    return this.untried.get(key)?.size ?? 0
  }

  isUntried(key: string, action: string): boolean {
    return this.untried.get(key)?.has(action) ?? false
  }

  /** Notes an action taken (by name), and where it led (null: not known). */
  took(from: string, action: string, to: string | null): void {
    if (this.untried.get(from)?.delete(action)) this.version++
    if (to === null) return
    const out = this.edges.get(from) ?? new Map<string, string>()
    if (out.get(action) === to) return
    out.set(action, to)
    this.edges.set(from, out)
    this.version++
  }

  /** The situations the actions taken in this one led to. */
  successors(from: string): Iterable<string> {
    return this.edges.get(from)?.values() ?? []
  }

  /** The first action of the shortest known way to a state with an untried action; null when none is known. */
  routeToUntried(from: string): string | null {
    const known = this.routes.get(from)
    if (known?.version === this.version) return known.first
    const first = this.searchUntried(from)
    this.routes.set(from, { version: this.version, first })
    return first
  }

  private searchUntried(from: string): string | null {
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

/**
 * What service mode adds to a state: the role logged in, the PIN state, out of service by staff, an
 * entry waiting for the session's end. (Training is not: no guard reads it, it only marks records.)
 */
export function serviceFacts(runner: ScenarioRunner): unknown[] {
  const snapshot = runner.kiosk.snapshot()
  const { context } = snapshot
  return [context.staff?.role ?? null, pinState(snapshot, runnerNow(runner)), context.closedReason !== null, context.serviceWaiting]
}
