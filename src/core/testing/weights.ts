/**
 * weighted_random's weights from a file (`kiosk-sim paths --weights FILE`): `{ "weights": { "insertBill KZT 1000": 5, "powerCut": 0 } }`.
 * A key is an action as actionName prints it, or a bare verb for every action of that verb; an action the file does not name
 * keeps its default weight where the walk stands (defaultWeight: the `meta.weight` of the transition it would take, else actionWeight).
 */
import type { ActionStep } from '../scenario/schema'
import type { ScenarioRunner } from '../scenario/runner'
import { actionName, PATH_ACTIONS } from './actions'
import { defaultWeight } from './modelWeights'
import { nearest } from './nearest'

const NAMES = new Set(PATH_ACTIONS.map(actionName))
const VERBS = new Set<string>(PATH_ACTIONS.map((a) => a.do))

/** The weight function a weights file gives (WalkOptions.weight); throws naming each key or value that is not right. */
export function loadWeights(json: unknown): (step: ActionStep, runner: ScenarioRunner) => number {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isObject(json) || !isObject(json.weights))
    throw new Error('weights: expected { "weights": { "<action name or verb>": number, … } }, e.g. { "weights": { "insertBill": 3, "powerCut": 0 } }')
  const extra = Object.keys(json).filter((k) => k !== 'weights' && k !== '$comment')
  if (extra.length > 0) throw new Error(`weights file: unexpected key "${extra[0]}" (only "weights" and "$comment")`)
  const byName = new Map<string, number>()
  const byVerb = new Map<string, number>()
  const problems: string[] = []
  for (const [key, value] of Object.entries(json.weights)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(`weights["${key}"]: expected a number of at least 0, got ${JSON.stringify(value)}`)
      continue
    }
    if (NAMES.has(key)) byName.set(key, value)
    else if (VERBS.has(key)) byVerb.set(key, value)
    else {
      const near = nearest(key, [...VERBS, ...NAMES])
      problems.push(`weights["${key}"]: no such action or verb${near ? `; did you mean "${near}"?` : ''}`)
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '))
  // Walks ask at every step for every possible action: each action's place in the file is looked up once.
  const named = new WeakMap<ActionStep, number | null>()
  return (step, runner) => {
    let weight = named.get(step)
    if (weight === undefined) named.set(step, (weight = byName.get(actionName(step)) ?? byVerb.get(step.do) ?? null))
    return weight ?? defaultWeight(step, runner)
  }
}
