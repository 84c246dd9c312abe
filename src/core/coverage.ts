/**
 * State and transition coverage of the kiosk's machines, measured at run time: an XState
 * inspector sees every microstep (the transitions taken and the states entered) of the kiosk
 * machine and of its device actors, and counts them against every state and transition their
 * definitions hold (docs/testing.md).
 */
import type { AnyMachineSnapshot, AnyStateMachine, InspectionEvent } from 'xstate'
import { billValidatorMachine } from './machines/billValidatorMachine'
import { cardReaderMachine } from './machines/cardReaderMachine'
import { kioskMachine } from './machines/kioskMachine'

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
  const list = t.eventType === '' ? t.source.always : t.source.transitions.get(t.eventType)
  return `${t.source.id}\u0000${t.eventType}\u0000${list?.indexOf(t) ?? -1}`
}

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

const count = (all: readonly string[], seen: ReadonlySet<string>): CoverageCount => {
  const uncovered = all.filter((id) => !seen.has(id))
  const covered = all.length - uncovered.length
  return { covered, total: all.length, percent: all.length === 0 ? 100 : Math.floor((covered / all.length) * 1000) / 10, uncovered }
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

  report(): MachineCoverage[] {
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
