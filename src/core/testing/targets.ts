/**
 * The screens, states and transitions a stop condition names: checked against the real ones (with the nearest real name when
 * one is misspelt), and resolved to the shortest path there for `shortest`/`a_star`, or the reason there is none.
 */
import { COVERED_MACHINES, machineGraph, type AllowList } from '../coverage'
import { SCREENS } from '../protocol'
import type { ActionStep } from '../scenario/schema'
import { shortestPathsToScreens, type GeneratedPath, type KioskGraph } from './explore'
import { formatTarget, targetsOf, type Target } from './conditions'
import type { GeneratorSpec } from './generator'
import { nearest } from './nearest'
import type { DrillProfile } from './profiles'

const GRAPHS = COVERED_MACHINES.map((m) => machineGraph(m).graph)
const STATES = GRAPHS.flatMap((g) => g.states)
const TRANSITIONS = GRAPHS.flatMap((g) => g.transitions.map((t) => t.id))

/** Throws when the condition names a screen, state or transition that does not exist, naming the nearest real one. */
export function checkTargets(spec: GeneratorSpec): void {
  for (const target of targetsOf(spec.stop)) {
    const problem = unknownTarget(target)
    if (problem) throw new Error(problem)
  }
}

function unknownTarget(target: Target): string | null {
  if (target.kind === 'screen') {
    if ((SCREENS as readonly string[]).includes(target.name)) return null
    // A state's last part written alone (`jammed`) is a state of that name, not a screen.
    const state = STATES.find((s) => s.endsWith(`.${target.name}`))
    const near = nearest(target.name, SCREENS) ?? state
    const hint = near ? `; did you mean ${near}${near === state ? ' (a state)' : ''}?` : ''
    return `reached(${target.name}): no such screen${hint} (screens are ${SCREENS.join(', ')})`
  }
  if (target.kind === 'state') {
    if (STATES.includes(target.name)) return null
    const near = nearest(target.name, STATES) ?? STATES.find((s) => s.endsWith(`.${target.name.split('.').at(-1)}`))
    return `${formatTarget(target)}: no such state of the kiosk, bill validator or card reader${near ? `; did you mean ${near}?` : ''}`
  }
  if (TRANSITIONS.includes(target.name)) return null
  const near = nearest(target.name, TRANSITIONS) ?? TRANSITIONS.find((t) => t.startsWith(`${target.name.split(' · ')[0]} · `))
  return `${formatTarget(target)}: no such transition of the kiosk, bill validator or card reader${near ? `; did you mean "${near}"?` : ''}`
}

/** xstate/graph's shortest paths to the screens, once per explored graph (several targets are resolved over one). */
const pathsToScreens = new WeakMap<KioskGraph, GeneratedPath[]>()

/** The way to a target found in the explored graph, or why there is none. */
export type Resolved = { steps: readonly ActionStep[] } | { reason: string }

/**
 * The shortest path to a target over the explored graph, or the reason there is none: allow-listed as unreachable, not in
 * the explored graph, or (states and transitions, until the explored graph names them) not supported yet.
 */
export function resolveTarget(graph: KioskGraph, target: Target, profile: DrillProfile, allow?: AllowList): Resolved {
  const listed = [...(allow?.unreachable ?? []), ...(allow?.notYetCovered ?? [])].find((a) =>
    target.kind === 'state' ? 'state' in a && a.state === target.name : target.kind === 'transition' && 'transition' in a && a.transition === target.name
  )
  if (listed) return { reason: 'reason' in listed ? `allow-listed as unreachable: ${listed.reason}` : 'allow-listed as not yet covered' }
  if (target.kind !== 'screen')
    return { reason: 'not supported yet: shortest finds paths to screens; states and transitions come with the explored graph naming them' }
  let toScreens = pathsToScreens.get(graph)
  if (!toScreens) pathsToScreens.set(graph, (toScreens = shortestPathsToScreens(graph)))
  const path = toScreens.find((p) => p.screen === target.name)
  return path ? { steps: path.steps } : { reason: `not in the explored graph under profile ${profile.name}` }
}
