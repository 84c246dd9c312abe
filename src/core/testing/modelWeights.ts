/**
 * weighted_random's weights from the model, as GraphWalker reads an edge's `weight`: a transition's `meta.weight` is how likely a
 * walk is to take the action that takes it, against 1 for an action whose transition has none (then actionWeight's figure for the
 * actions the machines do not model: a drill, a power cut, a wait). A weights file (`--weights`) overrides both, action by action.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate'
import { COVERED_MACHINES } from '../coverage'
import type { ActionStep } from '../scenario/schema'
import type { ScenarioRunner } from '../scenario/runner'
import { actionWeight } from './actions'
import { machineEventsOf, type MachineSnapshots } from './uncovered'

interface StateNodeLike {
  transitions: Map<string, { meta?: unknown }[]>
  states: Record<string, StateNodeLike>
}

/** A transition's `meta.weight` when it is a number of at least 0 (the machines' tests check each one is). */
export function metaWeight(meta: unknown): number | undefined {
  const weight = (meta as { weight?: unknown } | undefined)?.weight
  return typeof weight === 'number' && Number.isFinite(weight) && weight >= 0 ? weight : undefined
}

/** Every transition of a machine with a `meta.weight`, as `state id · event`: what the model weighs. */
export function weightedTransitions(machine: AnyStateMachine): Map<string, unknown> {
  const found = new Map<string, unknown>()
  const visit = (node: StateNodeLike & { id?: string }) => {
    for (const [event, transitions] of node.transitions)
      transitions.forEach((t, i) => {
        const weight = (t.meta as { weight?: unknown } | undefined)?.weight
        if (weight !== undefined) found.set(`${node.id} · ${event}${transitions.length > 1 ? ` #${i + 1}` : ''}`, weight)
      })
    for (const child of Object.values(node.states)) visit(child)
  }
  visit(machine.root as unknown as StateNodeLike)
  return found
}

/** Per machine, the events some transition of which carries a weight: only those are worth asking the machine about at a step. */
const WEIGHTED_EVENTS = new Map(
  COVERED_MACHINES.map((machine) => [machine.id, new Set([...weightedTransitions(machine).keys()].map((id) => id.split(' · ')[1]!.split(' #')[0]!))])
)

/** The weight of the transition the action would take now, if the model gives it one. */
export function modelWeight(runner: ScenarioRunner, step: ActionStep, snapshots?: MachineSnapshots): number | undefined {
  for (const { snapshot, event } of machineEventsOf(runner, step, snapshots)) {
    if (!WEIGHTED_EVENTS.get(snapshot.machine.id)?.has(event.type)) continue
    for (const transition of (snapshot as AnyMachineSnapshot).machine.getTransitionData(snapshot, event)) {
      const weight = metaWeight(transition.meta)
      if (weight !== undefined) return weight
    }
  }
  return undefined
}

/** The default weight of an action at this step: the model's, else actionWeight. */
export function defaultWeight(step: ActionStep, runner: ScenarioRunner): number {
  return modelWeight(runner, step) ?? actionWeight(step)
}
