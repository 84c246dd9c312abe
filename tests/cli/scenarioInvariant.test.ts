/** Every scenario file, fault drills included, keeps the money invariant (tests/core/helpers.ts) when it ends. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { ScenarioRunner } from '../../src/core/scenario/runner'
import { loadScenarioFile } from '../../src/cli/inputFiles'
import { expectMoneyInvariant, START } from '../core/helpers'

const dir = join(__dirname, '..', 'scenarios')
const files = readdirSync(dir).filter((f) => f.endsWith('.json'))

describe.each(files)('%s', (file) => {
  it('loses and doubles no tenge', async () => {
    const scenario = loadScenarioFile(join(dir, file))
    const clock = new VirtualClock(START)
    const journal = new MemoryJournal()
    const initialCards = (scenario.cards ?? DEMO_CARDS).map((c) => ({ ...c }))
    const cards = new MemoryCardStore(initialCards)
    const runner = new ScenarioRunner(scenario, { clock, journal, cards })
    await runner.run()
    expect(runner.kiosk.error()).toBeNull()
    expectMoneyInvariant({ kiosk: runner.kiosk, journal, cards, initialCards })
  })
})
