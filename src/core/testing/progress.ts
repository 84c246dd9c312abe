/**
 * What the stop conditions read of the coverage beyond the percentages: the states and transitions covered as ids and the
 * requirements met. Worked out again only once something new is covered, as walks ask at every step.
 */
import { COVERED_MACHINES, machineGraph, type AllowList, type CoverageRecorder } from '../coverage'

export interface CoverageDetails {
  statesCovered: ReadonlySet<string>
  transitionsCovered: ReadonlySet<string>
  /** Percent of the requirement ids met (tenths, rounded down; 100 when none is left outside the allow-list). */
  requirementsPercent: number
  requirementsUnmet: string[]
}

const ALL_IDS = new Map(
  COVERED_MACHINES.map((m) => {
    const { graph } = machineGraph(m)
    return [m.id, { states: graph.states, transitions: graph.transitions.map((t) => t.id) }]
  })
)

const details = new WeakMap<CoverageRecorder, Map<AllowList | undefined, { size: number; details: CoverageDetails }>>()

/** The recorder's covered states and transitions and its requirements met (an element the allow-list names is left out of its requirement). */
export function coverageDetails(recorder: CoverageRecorder, allow: AllowList | undefined): CoverageDetails {
  const byAllowList = details.get(recorder) ?? new Map()
  details.set(recorder, byAllowList)
  const last = byAllowList.get(allow)
  if (last?.size === recorder.size) return last.details
  const now = measure(recorder, allow)
  byAllowList.set(allow, { size: recorder.size, details: now })
  return now
}

function measure(recorder: CoverageRecorder, allow: AllowList | undefined): CoverageDetails {
  const statesCovered = new Set<string>()
  const transitionsCovered = new Set<string>()
  /** Requirement id → met in every machine that tags it. */
  const requirements = new Map<string, boolean>()
  const allowed = new Set(
    [...(allow?.unreachable ?? []), ...(allow?.notYetCovered ?? [])].map((a) => ('state' in a ? `state ${a.state}` : `transition ${a.transition}`))
  )
  for (const machine of recorder.report()) {
    const ids = ALL_IDS.get(machine.machine)
    if (ids) {
      const notEntered = new Set(machine.states.uncovered)
      const notTaken = new Set(machine.transitions.uncovered)
      for (const state of ids.states) if (!notEntered.has(state)) statesCovered.add(state)
      for (const transition of ids.transitions) if (!notTaken.has(transition)) transitionsCovered.add(transition)
    }
    for (const requirement of machine.requirements) {
      // Wholly allow-listed (no path can cover it): left out, as 100 % means everything a path can take.
      if (requirement.uncovered.length > 0 && requirement.uncovered.length === requirement.total && requirement.uncovered.every((e) => allowed.has(e))) continue
      const met = requirement.uncovered.every((e) => allowed.has(e))
      requirements.set(requirement.requirement, (requirements.get(requirement.requirement) ?? true) && met)
    }
  }
  const unmet = [...requirements.entries()].filter(([, met]) => !met).map(([id]) => id)
  const total = requirements.size
  const requirementsPercent = total === 0 ? 100 : Math.floor(((total - unmet.length) / total) * 1000) / 10
  return { statesCovered, transitionsCovered, requirementsPercent, requirementsUnmet: unmet }
}
