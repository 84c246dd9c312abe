/**
 * Shrinking a failing scenario to the steps that matter (docs/testing.md, "Shrinking"): delta
 * debugging over its action steps — halves, then smaller chunks, then single steps — keeping each
 * cut while the shorter scenario still fails the same way. Deterministic: the same file shrinks to
 * the same steps.
 */
import { DEMO_CARDS } from '../cards'
import { auditKiosk } from '../kioskAudit'
import type { ActionStep, Expectation, Scenario, Step } from '../scenario/schema'
import { stepLabel } from '../training/player'
import { memoryRunner } from './play'

/** How a scenario fails: an expectation not met (the failing fields' messages), a step not possible, or the money audit after its last step. */
export type ScenarioFailure =
  | { kind: 'expectation'; index: number; expect: Expectation; failures: string[] }
  | { kind: 'notPossible'; index: number; step: ActionStep; error: string }
  | { kind: 'audit'; violations: string[] }

/** The most replays a shrink takes by default. */
export const SHRINK_REPLAYS = 500

export interface ShrinkOptions {
  /** How a candidate fails, or null when it passes (replayFailure by default: a fresh in-memory kiosk, then the money audit). */
  replay?: (scenario: Scenario) => Promise<ScenarioFailure | null>
  /** The most replays (SHRINK_REPLAYS when not given); the shrink stops there and says so. */
  maxReplays?: number
}

export interface ShrinkResult {
  /** The shrunk steps: the action steps that matter, then the failing expectation (only its failing fields) or the step not possible. */
  steps: Step[]
  /** The original's failure, which the shrunk steps reproduce. */
  failure: ScenarioFailure
  /** The original scenario's action steps before the failure, and those kept (with their 0-based places in the original). */
  actionsBefore: number
  kept: { index: number; step: ActionStep }[]
  replays: number
  /** The replay budget ran out before every cut was tried: the steps may not be minimal. */
  stoppedEarly: boolean
  /** Says what was shrunk, the steps that matter and how they fail. */
  description: string
}

/** Plays a scenario on a fresh in-memory kiosk (as `kiosk-sim coverage` does) and says how it fails, or null when it passes. */
export async function replayFailure(scenario: Scenario): Promise<ScenarioFailure | null> {
  const runner = memoryRunner(scenario)
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const report = await runner.runStep(step, index)
      if (report.ok) continue
      if ('do' in step) return { kind: 'notPossible', index, step, error: report.error ?? 'not possible' }
      // Each field on its own: the failure is the fields that do not hold, with what was seen.
      const failing: Expectation = {}
      const failures: string[] = []
      for (const [field, value] of Object.entries(step.expect)) {
        const one = await runner.runStep({ expect: { [field]: value } as Expectation }, index)
        if (one.ok) continue
        Object.assign(failing, { [field]: value })
        failures.push(one.error ?? field)
      }
      return { kind: 'expectation', index, expect: failing, failures }
    }
    const { violations } = auditKiosk(runner.kiosk, runner.journal, runner.cards, scenario.cards ?? DEMO_CARDS)
    return violations.length > 0 ? { kind: 'audit', violations } : null
  } finally {
    runner.kiosk.stop()
  }
}

/** An audit violation without the figures and ids that change when steps are dropped (a transaction's sequence number, a record's). */
const normalized = (violation: string) => violation.replace(/[0-9A-Z]{8}-\d{6}-[0-9A-Z]{8}/g, '<id>').replace(/\d+/g, '#')

/** Whether `candidate` fails the way `original` does: the same expectation messages, the same step refused the same way, or the same audit violation. */
export function failsTheSameWay(original: ScenarioFailure, candidate: ScenarioFailure | null): boolean {
  if (!candidate || candidate.kind !== original.kind) return false
  if (original.kind === 'expectation' && candidate.kind === 'expectation')
    return [...candidate.failures].sort().join('\n') === [...original.failures].sort().join('\n')
  if (original.kind === 'notPossible' && candidate.kind === 'notPossible') return candidate.step.do === original.step.do && candidate.error === original.error
  if (original.kind === 'audit' && candidate.kind === 'audit') return candidate.violations.map(normalized).includes(normalized(original.violations[0]!))
  return false
}

/** The failure in words, e.g. `step 12 (expect balanceKzt 2000) fails: balanceKzt is 1500, expected 2000`. */
export function describeFailure(failure: ScenarioFailure): string {
  if (failure.kind === 'audit') return `the money audit fails after the last step: ${failure.violations.join('; ')}`
  if (failure.kind === 'notPossible') return `step ${failure.index + 1} (${stepLabel(failure.step)}) is not possible: ${failure.error}`
  return `step ${failure.index + 1} (${stepLabel({ expect: failure.expect })}) fails: ${failure.failures.join('; ')}`
}

/**
 * Shrinks a failing scenario; null when it does not fail. The failing step is kept (an expectation
 * with only its failing fields), the expectations of the other steps are dropped, the steps after
 * the failure too, and action steps are cut (delta debugging) while the scenario still fails the same way.
 */
export async function shrinkScenario(scenario: Scenario, options: ShrinkOptions = {}): Promise<ShrinkResult | null> {
  const replay = options.replay ?? replayFailure
  const maxReplays = options.maxReplays ?? SHRINK_REPLAYS
  const failure = await replay(scenario)
  if (!failure) return null
  let replays = 1
  const end = failure.kind === 'audit' ? scenario.steps.length : failure.index
  const actions = scenario.steps
    .slice(0, end)
    .map((step, index) => ({ index, step }))
    .filter((s): s is { index: number; step: ActionStep } => 'do' in s.step)
  const last: Step[] = failure.kind === 'expectation' ? [{ expect: failure.expect }] : failure.kind === 'notPossible' ? [failure.step] : []
  const stepsOf = (kept: readonly { step: ActionStep }[]): Step[] => [...kept.map((k) => k.step), ...last]
  let exhausted = false
  const stillFails = async (kept: readonly { index: number; step: ActionStep }[]): Promise<boolean> => {
    if (replays >= maxReplays) {
      exhausted = true
      return false
    }
    replays++
    return failsTheSameWay(failure, await replay({ ...scenario, steps: stepsOf(kept) }))
  }
  // Without the other expectations it must still fail the same way (an expectation changes nothing); if not, the original up to its failure stands.
  const reproduces = await stillFails(actions)
  const kept = reproduces ? await deltaDebug(actions, stillFails) : actions
  const steps = reproduces ? stepsOf(kept) : scenario.steps.slice(0, failure.kind === 'audit' ? end : end + 1)
  const shrunk = { steps, failure, actionsBefore: actions.length, kept, replays, stoppedEarly: exhausted }
  return { ...shrunk, description: describeShrink(scenario, shrunk) }
}

/** ddmin: cut chunks (halves first, then ever smaller, down to single steps) while what is left still fails. */
async function deltaDebug<T>(items: readonly T[], stillFails: (kept: readonly T[]) => Promise<boolean>): Promise<T[]> {
  let kept = [...items]
  if (kept.length > 0 && (await stillFails([]))) return []
  let chunks = 2
  while (kept.length > 0) {
    const size = Math.ceil(kept.length / Math.min(chunks, kept.length))
    let cut = false
    for (let start = 0; start < kept.length; start += size) {
      const candidate = [...kept.slice(0, start), ...kept.slice(start + size)]
      if (await stillFails(candidate)) {
        kept = candidate
        chunks = Math.max(chunks - 1, 2)
        cut = true
        break
      }
    }
    if (cut) continue
    if (size === 1) break
    chunks = Math.min(kept.length, chunks * 2)
  }
  return kept
}

function describeShrink(scenario: Scenario, shrunk: Omit<ShrinkResult, 'description'>): string {
  const steps = shrunk.kept.map((k) => `${k.index + 1}. ${stepLabel(k.step)}`).join(', ')
  const matter = shrunk.kept.length === 0 ? 'none of its action steps matter' : `the ${shrunk.kept.length} that matter: ${steps}`
  const early = shrunk.stoppedEarly ? ` Stopped after ${shrunk.replays} replays: it may shrink further.` : ''
  return (
    `Shrunk from "${scenario.name}" (${shrunk.actionsBefore} action steps before the failure; steps numbered as there) to ${matter}. ` +
    `Then ${describeFailure(shrunk.failure)}.${early}`
  )
}
