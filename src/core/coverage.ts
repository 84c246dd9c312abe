/**
 * State and transition coverage of the kiosk's machines, measured at run time: an XState
 * inspector sees every microstep (the transitions taken and the states entered) of the kiosk
 * machine and of its device actors, and counts them against every state and transition their
 * definitions hold (docs/testing.md).
 */
import type { AnyMachineSnapshot, AnyStateMachine, InspectionEvent } from 'xstate'
import { z } from 'zod'
import { billValidatorMachine } from './machines/billValidatorMachine'
import { cardReaderMachine } from './machines/cardReaderMachine'
import { kioskMachine } from './machines/kiosk/machine'

/** What a transition is, for people: where it starts, on what, where it goes. */
export interface TransitionInfo {
  id: string
  source: string
  event: string
  targets: string[]
  guard: string | null
}

export interface MachineGraph {
  machine: string
  states: string[]
  transitions: TransitionInfo[]
  /** Requirement id → the states (`state <id>`) and transitions (`transition <id>`) tagged with it in `meta.requirements`. */
  requirements: Map<string, string[]>
}

export interface TransitionDefinitionLike {
  source: StateNodeLike
  eventType: string
  meta?: { requirements?: readonly string[] }
  target?: readonly { id: string }[] | undefined
  guard?: unknown
}

export interface StateNodeLike {
  id: string
  states: Record<string, StateNodeLike>
  transitions: Map<string, TransitionDefinitionLike[]>
  always?: TransitionDefinitionLike[]
  invoke?: { id: string; src: unknown }[]
  meta?: { requirements?: readonly string[] }
}

const guardName = (guard: unknown): string | null => {
  if (!guard) return null
  if (typeof guard === 'string') return guard
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String((guard as { type: unknown }).type)
  return 'inline'
}

/** Readable event names: XState's internal ones for delays (`xstate.after.<delay>.<state id>`) and actor results, shortened. */
export function eventLabel(eventType: string, sourceId: string, invoked: ReadonlyMap<string, string> = new Map()): string {
  const afterPrefix = 'xstate.after.'
  if (eventType.startsWith(afterPrefix)) return `after ${eventType.slice(afterPrefix.length).replace(`.${sourceId}`, '')}`
  const done = /^xstate\.done\.actor\.(.+)$/.exec(eventType)
  if (done) return `done ${invoked.get(done[1]!) ?? done[1]}`
  const error = /^xstate\.error\.actor\.(.+)$/.exec(eventType)
  if (error) return `error ${invoked.get(error[1]!) ?? error[1]}`
  return eventType === '' ? 'always' : eventType
}

/**
 * Where a transition sits in its machine: source state, event, place in the list. The same for a
 * machine and its `.provide()`d copy (the runtime provides the kiosk's actors), unlike the objects.
 */
export function transitionKey(t: TransitionDefinitionLike): string {
  let key = transitionKeys.get(t)
  if (key === undefined) {
    const list = t.eventType === '' ? t.source.always : t.source.transitions.get(t.eventType)
    transitionKeys.set(t, (key = `${t.source.id}\u0000${t.eventType}\u0000${list?.indexOf(t) ?? -1}`))
  }
  return key
}

/** transitionKey of each transition met: a machine's definition does not change, and the inspector asks at every microstep. */
const transitionKeys = new WeakMap<TransitionDefinitionLike, string>()

/** Every state and transition of a machine, with stable ids (looked up by transitionKey). */
export function machineGraph(machine: AnyStateMachine): { graph: MachineGraph; ids: Map<string, string> } {
  const states: string[] = []
  const transitions: TransitionInfo[] = []
  const ids = new Map<string, string>()
  const requirements = new Map<string, string[]>()
  const tag = (reqs: readonly string[] | undefined, element: string) => {
    for (const req of reqs ?? []) requirements.set(req, [...(requirements.get(req) ?? []), element])
  }
  const visit = (node: StateNodeLike) => {
    states.push(node.id)
    tag(node.meta?.requirements, `state ${node.id}`)
    const lists: [string, TransitionDefinitionLike[]][] = [...node.transitions.entries()]
    if (node.always?.length) lists.push(['', node.always])
    // Invoked actors are named by their source (`done lookupCard`), not their generated ids.
    const invoked = new Map((node.invoke ?? []).map((i) => [i.id, typeof i.src === 'string' ? i.src : i.id]))
    for (const [eventType, list] of lists) {
      list.forEach((t, index) => {
        const info: TransitionInfo = {
          id: `${node.id} · ${eventLabel(eventType, node.id, invoked)}${list.length > 1 ? ` #${index + 1}` : ''}`,
          source: node.id,
          event: eventLabel(eventType, node.id, invoked),
          targets: (t.target ?? []).map((s) => s.id),
          guard: guardName(t.guard)
        }
        transitions.push(info)
        ids.set(transitionKey(t), info.id)
        tag(t.meta?.requirements, `transition ${info.id}`)
      })
    }
    for (const child of Object.values(node.states)) visit(child)
  }
  visit(machine.root as unknown as StateNodeLike)
  return { graph: { machine: machine.id, states, transitions, requirements }, ids }
}

export interface CoverageCount {
  covered: number
  total: number
  percent: number
  uncovered: string[]
}

export interface RequirementCoverage {
  requirement: string
  /** Tagged states and transitions covered, of all tagged with it. */
  covered: number
  total: number
  /** Every tagged state entered and transition taken. */
  met: boolean
  uncovered: string[]
}

export interface MachineCoverage {
  machine: string
  states: CoverageCount
  transitions: CoverageCount
  requirements: RequirementCoverage[]
}

/** A share in percent, rounded down to a tenth (100 % only when all are covered); 100 when there is nothing to cover. */
const percentOf = (covered: number, total: number): number => (total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10)

const count = (all: readonly string[], seen: ReadonlySet<string>): CoverageCount => {
  const uncovered = all.filter((id) => !seen.has(id))
  const covered = all.length - uncovered.length
  return { covered, total: all.length, percent: percentOf(covered, all.length), uncovered }
}

/** The machines whose coverage is measured: the kiosk flow and its device actors. */
export const COVERED_MACHINES: readonly AnyStateMachine[] = [kioskMachine, billValidatorMachine, cardReaderMachine]

/**
 * Collects coverage from inspection events: pass `recorder.inspect` as the actor's `inspect`
 * option (KioskDeps.inspect). One recorder can watch many runs; the counts add up.
 */
export class CoverageRecorder {
  private readonly graphs = new Map<string, { graph: MachineGraph; ids: Map<string, string>; states: Set<string>; transitions: Set<string> }>()

  constructor(machines: readonly AnyStateMachine[] = COVERED_MACHINES) {
    for (const machine of machines) this.graphs.set(machine.id, { ...machineGraph(machine), states: new Set(), transitions: new Set() })
  }

  readonly inspect = (event: InspectionEvent): void => {
    if (event.type !== '@xstate.microstep' && event.type !== '@xstate.snapshot') return
    const snapshot = event.snapshot as AnyMachineSnapshot & { _nodes?: { id: string }[] }
    const entry = snapshot.machine && this.graphs.get(snapshot.machine.id)
    if (!entry) return
    for (const node of snapshot._nodes ?? []) entry.states.add(node.id)
    if (event.type === '@xstate.microstep') {
      for (const t of (event as { _transitions?: TransitionDefinitionLike[] })._transitions ?? []) {
        const id = entry.ids.get(transitionKey(t))
        if (id) entry.transitions.add(id)
      }
    }
  }

  private last: { size: number; report: MachineCoverage[] } | null = null

  /** How many states and transitions of all machines are covered: grows with each one newly covered. */
  get size(): number {
    let size = 0
    for (const { states, transitions } of this.graphs.values()) size += states.size + transitions.size
    return size
  }

  /** The coverage so far; the same report (do not change it) until something new is covered. */
  report(): MachineCoverage[] {
    const size = this.size
    if (this.last?.size !== size) this.last = { size, report: this.measure() }
    return this.last.report
  }

  private measure(): MachineCoverage[] {
    return [...this.graphs.values()].map(({ graph, states, transitions }) => ({
      machine: graph.machine,
      states: count(graph.states, states),
      transitions: count(
        graph.transitions.map((t) => t.id),
        transitions
      ),
      requirements: [...graph.requirements.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([requirement, elements]) => {
          const uncovered = elements.filter((e) => (e.startsWith('state ') ? !states.has(e.slice(6)) : !transitions.has(e.slice(11))))
          return { requirement, covered: elements.length - uncovered.length, total: elements.length, met: uncovered.length === 0, uncovered }
        })
    }))
  }
}

interface DiagramNode {
  id: string
  key: string
  type: string
  initial?: { target: readonly { key: string }[] }
  states: Record<string, DiagramNode>
}

/**
 * The machine as a Mermaid state diagram (`stateDiagram-v2`): nested states as composite states,
 * parallel regions separated by `--`, one arrow per transition labelled with its event (and
 * guard). Self-transitions without a target (actions only) are left out.
 */
export function mermaidDiagram(machine: AnyStateMachine): string {
  const name = (id: string) => id.replace(/[^A-Za-z0-9]/g, '_')
  const lines = ['stateDiagram-v2']
  const render = (node: DiagramNode, indent: string) => {
    const children = Object.values(node.states)
    if (node.initial?.target[0]) lines.push(`${indent}[*] --> ${name(node.id + '.' + node.initial.target[0].key)}`)
    children.forEach((child, index) => {
      if (node.type === 'parallel' && index > 0) lines.push(`${indent}--`)
      const grandchildren = Object.values(child.states)
      if (grandchildren.length === 0) lines.push(`${indent}state "${child.key}" as ${name(child.id)}`)
      else {
        lines.push(`${indent}state "${child.key}" as ${name(child.id)} {`)
        render(child, indent + '  ')
        lines.push(`${indent}}`)
      }
    })
  }
  render(machine.root as unknown as DiagramNode, '  ')
  for (const t of machineGraph(machine).graph.transitions) {
    for (const target of t.targets) lines.push(`  ${name(t.source)} --> ${name(target)} : ${t.event}${t.guard ? ` [${t.guard}]` : ''}`)
  }
  return lines.join('\n') + '\n'
}

/**
 * The allow-list of what no path can take (tests/coverage-allowlist.json): each unreachable
 * transition with the reason, and reachable ones no path takes yet. Coverage "of the rest" leaves
 * them out, so 100 % means everything a path can take.
 */
export interface AllowList {
  unreachable: { machine: string; transition: string; reason: string }[]
  notYetCovered: ({ machine: string; transition: string } | { machine: string; state: string })[]
}

const allowListSchema = z.strictObject({
  $comment: z.string().optional(),
  unreachable: z.array(z.strictObject({ machine: z.string(), transition: z.string(), reason: z.string().min(1) })),
  notYetCovered: z
    .array(z.union([z.strictObject({ machine: z.string(), transition: z.string() }), z.strictObject({ machine: z.string(), state: z.string() })]))
    .default([])
})

/** Checks an allow-list against the machines; throws naming each entry that is malformed or names no state or transition. */
export function parseAllowList(json: unknown, machines: readonly AnyStateMachine[] = COVERED_MACHINES): AllowList {
  const parsed = allowListSchema.safeParse(json)
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; '))
  const graphs = new Map(machines.map((m) => [m.id, machineGraph(m).graph]))
  const problems: string[] = []
  const entries = [...parsed.data.unreachable, ...parsed.data.notYetCovered]
  for (const entry of entries) {
    const graph = graphs.get(entry.machine)
    if (!graph) problems.push(`no machine "${entry.machine}" (machines are ${[...graphs.keys()].join(', ')})`)
    else if ('transition' in entry && !graph.transitions.some((t) => t.id === entry.transition))
      problems.push(`${entry.machine}: no transition "${entry.transition}"`)
    else if ('state' in entry && !graph.states.includes(entry.state)) problems.push(`${entry.machine}: no state "${entry.state}"`)
  }
  if (problems.length > 0) throw new Error(problems.join('; '))
  return parsed.data
}

export interface CoverageTotals {
  states: { covered: number; total: number; percent: number }
  transitions: { covered: number; total: number; percent: number }
  /** Allow-listed states and transitions, left out of the totals. */
  allowed: number
  /** Uncovered outside the allow-list, as `machine: state X` / `machine: transition`. */
  uncovered: string[]
}

/** The machines' coverage added up, without what the allow-list names. */
export function coverageTotals(report: readonly MachineCoverage[], allow: AllowList = { unreachable: [], notYetCovered: [] }): CoverageTotals {
  const entries = [...allow.unreachable, ...allow.notYetCovered]
  const sum = { states: { covered: 0, total: 0 }, transitions: { covered: 0, total: 0 } }
  const uncovered: string[] = []
  for (const m of report) {
    for (const kind of ['states', 'transitions'] as const) {
      const allowed = new Set(
        entries.filter((a) => a.machine === m.machine && 'state' in a === (kind === 'states')).map((a) => ('state' in a ? a.state : a.transition))
      )
      const outside = m[kind].uncovered.filter((id) => !allowed.has(id))
      const total = m[kind].total - allowed.size
      sum[kind].total += total
      sum[kind].covered += total - outside.length
      uncovered.push(...outside.map((id) => `${m.machine}: ${kind === 'states' ? `state ${id}` : id}`))
    }
  }
  return {
    states: { ...sum.states, percent: percentOf(sum.states.covered, sum.states.total) },
    transitions: { ...sum.transitions, percent: percentOf(sum.transitions.covered, sum.transitions.total) },
    allowed: entries.length,
    uncovered
  }
}
