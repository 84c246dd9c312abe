/**
 * weighted_random's weights from a file (`kiosk-sim paths --weights FILE`): `{ "weights": { "insertBill KZT 1000": 5, "powerCut": 0 } }`.
 * A key is an action as actionName prints it, or a bare verb for every action of that verb; an action the file does not name
 * keeps its default weight (actionWeight). (The machines carry no `meta.weight` to derive weights from: an action's weight
 * cannot be read off the transitions it takes without the kiosk it is taken on, so the file and actionWeight are the sources.)
 */
import type { ActionStep } from '../scenario/schema'
import { actionName, actionWeight, PATH_ACTIONS } from './actions'
import { nearest } from './nearest'

const NAMES = new Set(PATH_ACTIONS.map(actionName))
const VERBS = new Set<string>(PATH_ACTIONS.map((a) => a.do))

/** The weight function a weights file gives (WalkOptions.weight); throws naming each key or value that is not right. */
export function loadWeights(json: unknown): (step: ActionStep) => number {
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
  // Walks ask at every step for every possible action: each action's weight is looked up once.
  const known = new WeakMap<ActionStep, number>()
  return (step) => {
    let weight = known.get(step)
    if (weight === undefined) known.set(step, (weight = byName.get(actionName(step)) ?? byVerb.get(step.do) ?? actionWeight(step)))
    return weight
  }
}
