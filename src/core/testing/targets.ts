/**
 * The screens, states and transitions a stop condition names: checked against the real ones (with the nearest real name when
 * one is misspelt), and resolved to the shortest path there for `shortest`/`a_star`, or the reason there is none.
 */
import { COVERED_MACHINES, machineGraph, type AllowList } from '../coverage'
import { SCREENS, type ScreenName } from '../protocol'
import type { ActionStep } from '../scenario/schema'
import { formatTarget, targetsOf, type Target } from './conditions'
import type { GeneratorSpec } from './generator'
import { nearest } from './nearest'
import { STAFF_PROFILE, type DrillProfile } from './profiles'
import { SEARCH_ORDER, shortestPathToScreen, shortestPathToState, shortestPathToTransition } from './shortest'

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

/** The way to a target found over the explored graphs, under which profile, or why there is none. */
export type Resolved = { steps: readonly ActionStep[]; profile: DrillProfile } | { reason: string }

/**
 * The shortest path to a target (shortest.ts): a screen, a state or a transition, searched over the explored graph of one
 * profile after another in SEARCH_ORDER (standard, staff on duty, then the drills' timings), kept to `profiles` when given;
 * or the reason there is none: allow-listed (with the list's reason), or not in the graphs explored.
 */
export async function resolveTarget(target: Target, profiles: readonly DrillProfile[] | undefined, allow?: AllowList): Promise<Resolved> {
  const searched = profiles ? SEARCH_ORDER.filter((p) => profiles.some((q) => q.name === p.name)) : SEARCH_ORDER
  // Service mode needs staff with PINs: its targets are searched under staff on duty first (the factory configuration has no PIN).
  const order = isStaffs(target) ? [...searched.filter((p) => p === STAFF_PROFILE), ...searched.filter((p) => p !== STAFF_PROFILE)] : searched
  const found =
    target.kind === 'screen'
      ? await shortestPathToScreen(target.name as ScreenName, order)
      : target.kind === 'state'
        ? await shortestPathToState(target.name, order, allow)
        : await shortestPathToTransition(target.name, order, allow)
  return 'reason' in found ? { reason: found.reason } : { steps: found.steps, profile: found.profile }
}

/** A screen, state or transition of service mode (or the kiosk closed by staff). */
const isStaffs = (target: Target): boolean =>
  target.kind === 'screen' ? target.name.startsWith('service') : /^kiosk\.(service|closedByStaff)\b/.test(target.name)
