/**
 * Scenarios played in memory the way `kiosk-sim run` and `kiosk-sim coverage` play them: a
 * virtual clock from the same start, an in-memory journal, the scenario's cards or the demo ones.
 */
import { VirtualClock } from '../clock'
import { loadConfig } from '../config'
import { DEMO_CARDS } from '../cards'
import type { CoverageRecorder } from '../coverage'
import { MemoryCardStore } from '../devices/host'
import { MemoryJournal } from '../journal'
import { ScenarioRunner, type StepReport } from '../scenario/runner'
import { rolesForPin, type ServicePins } from '../service/pins'
import type { ServiceRole } from '../service/roles'
import type { ActionStep, Scenario, Step } from '../scenario/schema'
import { STANDARD_PROFILE, type DrillProfile } from './profiles'
import { rolesOfPin } from './staff'
import type { WalkHooks } from './walkTypes'

/** Every scenario starts at this instant (a weekday morning in Almaty), so replays are identical. */
export const SCENARIO_START = Date.UTC(2026, 0, 15, 6, 0, 0)

const clocks = new WeakMap<ScenarioRunner, VirtualClock>()

/**
 * The roles a PIN opens: known at once for the walks' and the demo's hashes of STAFF_PINS (rolesOfPin), remembered per
 * PIN and configured hashes otherwise. A walk replays the same few logins thousands of times, and each scrypt check costs
 * 0.1–0.5 s. (Tests only: a kiosk never keeps a PIN.)
 */
const checkedPins = new Map<string, ServiceRole[]>()
export function memoizedRolesForPin(pin: string, pins: ServicePins): ServiceRole[] {
  const known = rolesOfPin(pin, pins)
  if (known) return known
  const key = `${pin}\u0000${JSON.stringify(pins)}`
  let roles = checkedPins.get(key)
  if (!roles) checkedPins.set(key, (roles = rolesForPin(pin, pins)))
  return [...roles]
}

export function memoryRunner(scenario: Scenario, inspect?: CoverageRecorder['inspect']): ScenarioRunner {
  const clock = new VirtualClock(SCENARIO_START)
  const runner = new ScenarioRunner(scenario, {
    clock,
    journal: new MemoryJournal(),
    cards: new MemoryCardStore(scenario.cards ?? DEMO_CARDS),
    checkPin: memoizedRolesForPin,
    ...(inspect ? { inspect } : {})
  })
  clocks.set(runner, clock)
  return runner
}

/** The virtual time of a runner made here (the `at` of the staff events a step would send). */
export function runnerNow(runner: ScenarioRunner): number {
  const clock = clocks.get(runner)
  if (!clock) throw new Error('runnerNow: a runner made by memoryRunner or pathRunner is needed')
  return clock.now()
}

/** Plays each scenario to its end with the recorder watching; whether each passed. */
export async function playForCoverage(scenarios: readonly Scenario[], recorder: CoverageRecorder): Promise<boolean[]> {
  const passed: boolean[] = []
  for (const scenario of scenarios) {
    const runner = memoryRunner(scenario, recorder.inspect)
    passed.push((await runner.run()).ok)
    runner.kiosk.stop()
  }
  return passed
}

/** A fresh kiosk on the demo cards and the profile's configuration, playing `steps` as they are written: every generated path starts here. */
export function pathRunner(steps: Step[], inspect?: CoverageRecorder['inspect'], profile: DrillProfile = STANDARD_PROFILE): ScenarioRunner {
  return memoryRunner({ name: 'generated path', config: loadConfig(profile.config), steps } as Scenario, inspect)
}

/**
 * Plays the action steps of a path a generator took on a fresh kiosk under the profile, each at its
 * place among `steps` (as `kiosk-sim run` does); throws when one was not possible, a bug of the
 * generator, since the path was possible when it was taken.
 */
export async function replayPath(steps: Step[], inspect: CoverageRecorder['inspect'] | undefined, profile: DrillProfile): Promise<ScenarioRunner> {
  const runner = pathRunner(steps, inspect, profile)
  for (const [index, step] of steps.entries()) {
    if (!('do' in step)) continue
    const report = await runner.runStep(step, index)
    if (!report.ok) throw new Error(`replaying a generated path: step ${index + 1} (${JSON.stringify(step)}) was not possible: ${report.error}`)
  }
  return runner
}

/**
 * Takes a generated action on a path runner and writes it into the runner's `steps`, followed by
 * an `expect` of the screen it led to. Generators take only possible actions, so one that fails
 * is a bug of the generator: it throws.
 */
export async function takeAndRecord(runner: ScenarioRunner, steps: Step[], action: ActionStep, hooks?: WalkHooks): Promise<StepReport> {
  await hooks?.beforeAction?.(runner, action)
  steps.push(action)
  const report = await runner.runStep(action, steps.length - 1)
  if (!report.ok) throw new Error(`generated step ${steps.filter((s) => 'do' in s).length} (${JSON.stringify(action)}) was not possible: ${report.error}`)
  steps.push({ expect: { screen: report.screen } })
  await hooks?.afterAction?.(runner, action, report)
  return report
}

/**
 * Takes a generated action with the card pulled right after it. Written as the two steps they
 * are, the runner does not wait through a card write the action starts (waitsThroughCardWrite):
 * the pull lands mid-write, in the generator as on every replay. With no card on the reader
 * after the action, only the action is taken.
 */
export async function takeAndPull(runner: ScenarioRunner, steps: Step[], action: ActionStep, hooks?: WalkHooks): Promise<StepReport> {
  const pull: ActionStep = { do: 'removeCard' }
  await hooks?.beforeAction?.(runner, action)
  // The pull is written after the action before the action runs, so the action's settling sees it.
  steps.push(action, pull)
  const report = await runner.runStep(action, steps.length - 2)
  steps.pop()
  if (!report.ok) throw new Error(`generated step ${steps.filter((s) => 'do' in s).length} (${JSON.stringify(action)}) was not possible: ${report.error}`)
  steps.push({ expect: { screen: report.screen } })
  await hooks?.afterAction?.(runner, action, report)
  if (!runner.kiosk.cardReader().getSnapshot().context.card) return report
  return takeAndRecord(runner, steps, pull, hooks)
}
