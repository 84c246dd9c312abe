/**
 * The live statechart's core (docs/training.md, "The live statechart"): the machines' structure as
 * serialisable JSON, read from their definitions (so nothing keeps a second list of states), the
 * active state ids of each machine, and the last events the machines received, fed by an XState
 * inspector, with card numbers masked and the customer's keypad digits hidden.
 */
import type { AnyMachineSnapshot, AnyStateMachine, InspectionEvent } from 'xstate'
import { maskCardNumber } from '../cards'
import { eventLabel } from '../coverage'
import { billValidatorMachine } from '../machines/billValidatorMachine'
import { cardReaderMachine } from '../machines/cardReaderMachine'
import { kioskMachine } from '../machines/kiosk/machine'
import type { ChartEventView, ChartView } from '../protocol/training'

export type ChartNodeType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history'

/** One state node: `id` is XState's (`kiosk.session.flow.cash`), `parent` its parent's id (null for a machine's root). */
export interface ChartNode {
  id: string
  key: string
  parent: string | null
  type: ChartNodeType
  /** The child a compound state starts in (its id), else null. */
  initial: string | null
  /** The screen the state names in its meta (a state without one shows its parent's). */
  screen: string | null
  /** XState tags and the meta's flags (`awaitingCustomer`, `beforeCardIdentified`). */
  tags: string[]
  requirements: string[]
}

/** One transition: from `source` on `event` to `targets` (none: actions only, the state stays). */
export interface ChartEdge {
  id: string
  source: string
  targets: string[]
  /** Readable: `customer.payCash`, `after inactivity`, `done lookupCard`, `always`. */
  event: string
  guard: string | null
  delayed: boolean
  always: boolean
}

export interface ChartMachine {
  id: string
  nodes: ChartNode[]
  edges: ChartEdge[]
}

/** What GET /statechart.json and Electron's statechart window get. */
export interface StatechartGraph {
  machines: ChartMachine[]
}

/** The machines the chart draws: the kiosk and its device actors. */
export const CHART_MACHINES: readonly AnyStateMachine[] = [kioskMachine, billValidatorMachine, cardReaderMachine]

interface TransitionLike {
  eventType: string
  target?: readonly { id: string }[] | undefined
  guard?: unknown
}

interface NodeLike {
  id: string
  key: string
  type: ChartNodeType
  tags: readonly string[]
  meta?: Record<string, unknown>
  initial?: { target: readonly { id: string }[] }
  states: Record<string, NodeLike>
  transitions: Map<string, TransitionLike[]>
  always?: TransitionLike[]
  invoke?: { id: string; src: unknown }[]
}

const guardName = (guard: unknown): string | null => {
  if (!guard) return null
  if (typeof guard === 'string') return guard
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type)
  return 'inline'
}

/** One machine's nodes (parents before children, in definition order) and transitions. */
export function chartMachine(machine: AnyStateMachine): ChartMachine {
  const nodes: ChartNode[] = []
  const edges: ChartEdge[] = []
  const visit = (node: NodeLike, parent: string | null) => {
    const meta = node.meta ?? {}
    const flags = Object.keys(meta).filter((k) => meta[k] === true)
    nodes.push({
      id: node.id,
      key: parent === null ? machine.id : node.key,
      parent,
      type: node.type,
      initial: node.initial?.target[0]?.id ?? null,
      screen: typeof meta.screen === 'string' ? meta.screen : null,
      tags: [...node.tags, ...flags],
      requirements: Array.isArray(meta.requirements) ? meta.requirements.map(String) : []
    })
    const invoked = new Map((node.invoke ?? []).map((i) => [i.id, typeof i.src === 'string' ? i.src : i.id]))
    const lists: [string, TransitionLike[]][] = [...node.transitions.entries()]
    if (node.always?.length) lists.push(['', node.always])
    for (const [eventType, list] of lists) {
      list.forEach((t, index) => {
        const event = eventLabel(eventType, node.id, invoked)
        edges.push({
          id: `${node.id} · ${event}${list.length > 1 ? ` #${index + 1}` : ''}`,
          source: node.id,
          targets: (t.target ?? []).map((s) => s.id),
          event,
          guard: guardName(t.guard),
          delayed: eventType.startsWith('xstate.after.'),
          always: eventType === ''
        })
      })
    }
    for (const child of Object.values(node.states)) visit(child, node.id)
  }
  visit(machine.root as unknown as NodeLike, null)
  return { id: machine.id, nodes, edges }
}

/** The kiosk machine's and the device machines' structure, as the statechart page draws it. */
export function statechartGraph(machines: readonly AnyStateMachine[] = CHART_MACHINES): StatechartGraph {
  return { machines: machines.map(chartMachine) }
}

/** The ids of a snapshot's active state nodes, its root first (`kiosk`, `kiosk.session`, `kiosk.session.flow`, …). */
export function activeStateIds(snapshot: Pick<AnyMachineSnapshot, 'machine' | 'value'>): string[] {
  const ids: string[] = []
  const walk = (node: NodeLike, value: unknown) => {
    ids.push(node.id)
    const children = node.states
    if (node.type === 'parallel') {
      for (const [key, child] of Object.entries(children)) walk(child, (value as Record<string, unknown> | undefined)?.[key])
    } else if (typeof value === 'string') {
      if (children[value]) walk(children[value], undefined)
    } else if (value && typeof value === 'object') {
      for (const [key, sub] of Object.entries(value)) if (children[key]) walk(children[key], sub)
    }
  }
  walk(snapshot.machine.root as unknown as NodeLike, snapshot.value)
  return ids
}

/** How many events the chart keeps. */
export const CHART_EVENTS = 50
const MAX_DEPTH = 4
const MAX_STRING = 200
const MAX_ITEMS = 20
const CARD_NUMBER = /\d{16}/g
/** Fields that hold the digits a customer typed (or part of a card number): never shown. */
const TYPED_DIGITS = new Set(['key', 'last8', 'cardEntry', 'amountEntry'])

/** A payload as the chart shows it: card numbers masked, typed digits as "•", deep or long parts cut. */
export function chartPayload(value: unknown, depth = 0, field = ''): unknown {
  if (typeof value === 'string') {
    if (TYPED_DIGITS.has(field)) return value.replace(/\d/g, '•')
    const masked = value.replace(CARD_NUMBER, (n) => maskCardNumber(n))
    return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING - 1)}…` : masked
  }
  if (typeof value === 'number' && TYPED_DIGITS.has(field)) return '•'
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? String(value) : value
  if (depth >= MAX_DEPTH) return '…'
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => chartPayload(v, depth + 1, field))
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items
  }
  // Actor references and other live objects are named, not walked.
  if ('sessionId' in value && 'send' in value) return `actor ${String((value as { id?: unknown }).id)}`
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = chartPayload(v, depth + 1, k)
  return out
}

interface LoggedEvent {
  n: number
  at: number
  machine: string
  event: { type: string } & Record<string, unknown>
}

/**
 * The last events the kiosk's machines received, newest last: pass `inspect` as the actor's
 * inspector. Events are kept as they came and made safe to show only when read (an inspector runs
 * on every step of every run, the views far less often).
 */
export class ChartLog {
  private readonly events: LoggedEvent[] = []
  private count = 0

  constructor(
    private readonly now: () => number,
    private readonly machines: ReadonlySet<string> = new Set(CHART_MACHINES.map((m) => m.id))
  ) {}

  readonly inspect = (e: InspectionEvent): void => {
    if (e.type !== '@xstate.event') return
    const event = e.event as LoggedEvent['event']
    // XState's own start-up events say nothing a trainer needs.
    if (event.type === 'xstate.init' || event.type === 'xstate.stop') return
    const machine = (e.actorRef as { logic?: { id?: unknown } }).logic?.id
    if (typeof machine !== 'string' || !this.machines.has(machine)) return
    this.events.push({ n: ++this.count, at: this.now(), machine, event })
    if (this.events.length > CHART_EVENTS) this.events.shift()
  }

  /** Composes this inspector with another (a coverage recorder's), when given. */
  inspectWith(other?: (e: InspectionEvent) => void): (e: InspectionEvent) => void {
    return other ? (e) => (this.inspect(e), other(e)) : this.inspect
  }

  /** The last events, newest last, safe to show. */
  list(): ChartEventView[] {
    return this.events.map(({ n, at, machine, event }) => {
      const { type, ...payload } = event
      return { n, at: new Date(at).toISOString(), machine, type, payload: chartPayload(payload) as Record<string, unknown> }
    })
  }
}

/** The technician view's `chart`: every machine's active state ids, and the last events. */
export function chartViewOf(snapshots: readonly Pick<AnyMachineSnapshot, 'machine' | 'value'>[], log: ChartLog | null): ChartView {
  return { active: snapshots.flatMap(activeStateIds), events: log?.list() ?? [] }
}
