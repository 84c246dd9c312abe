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
import type { ActionStep, Scenario, Step } from '../scenario/schema'

/** Every scenario starts at this instant (a weekday morning in Almaty), so replays are identical. */
export const SCENARIO_START = Date.UTC(2026, 0, 15, 6, 0, 0)

export function memoryRunner(scenario: Scenario, inspect?: CoverageRecorder['inspect']): ScenarioRunner {
  return new ScenarioRunner(scenario, {
    clock: new VirtualClock(SCENARIO_START),
    journal: new MemoryJournal(),
    cards: new MemoryCardStore(scenario.cards ?? DEMO_CARDS),
    ...(inspect ? { inspect } : {})
  })
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

/** A fresh kiosk on the demo cards and the default configuration, playing `steps` as they are written: every generated path starts here. */
export function pathRunner(steps: Step[], inspect?: CoverageRecorder['inspect']): ScenarioRunner {
  return memoryRunner({ name: 'generated path', config: loadConfig(), steps } as Scenario, inspect)
}

/**
 * Takes a generated action on a path runner and writes it into the runner's `steps`, followed by
 * an `expect` of the screen it led to. Generators take only possible actions, so one that fails
 * is a bug of the generator: it throws.
 */
export async function takeAndRecord(runner: ScenarioRunner, steps: Step[], action: ActionStep): Promise<StepReport> {
  steps.push(action)
  const report = await runner.runStep(action, steps.length - 1)
  if (!report.ok) throw new Error(`generated step ${steps.filter((s) => 'do' in s).length} (${JSON.stringify(action)}) was not possible: ${report.error}`)
  steps.push({ expect: { screen: report.screen } })
  return report
}
