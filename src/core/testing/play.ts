/**
 * Scenarios played in memory the way `kiosk-sim run` and `kiosk-sim coverage` play them: a
 * virtual clock from the same start, an in-memory journal, the scenario's cards or the demo ones.
 */
import { VirtualClock } from '../clock'
import { DEMO_CARDS } from '../cards'
import type { CoverageRecorder } from '../coverage'
import { MemoryCardStore } from '../devices/host'
import { MemoryJournal } from '../journal'
import { ScenarioRunner } from '../scenario/runner'
import type { Scenario } from '../scenario/schema'

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
