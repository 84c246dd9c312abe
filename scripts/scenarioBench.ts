/**
 * The scenario runner's speed against a scenario's length: the same top-up session (tap, amount,
 * cash, a note, confirm, wait, three expectations, a language press) repeated to 1 000, 5 000 and
 * 20 000 steps, run the way `kiosk-sim run` runs it (SQLite journal and host database in a
 * temporary folder) and the way `kiosk-sim coverage` and `paths` run it (in memory). Steps per
 * second that stay level as the scenario grows mean a run takes time linear in its length.
 * Run by `npm run bench` after the journal benchmark, or alone:
 * `npm run bench:scenario [-- --steps 1000,5000,20000]`. docs/benchmarks.md has the figures.
 */
import { parseScriptArgs } from './scriptArgs'
import { runScenarioFile } from '../src/cli/runCommand'
import type { CardRecord } from '../src/core/cards'
import { parseScenario, type Scenario } from '../src/core/scenario/schema'
import { memoryRunner } from '../src/core/testing/play'

const CARDS: CardRecord[] = Array.from({ length: 20 }, (_, i) => ({ number: `93980000${String(i).padStart(8, '0')}`, balanceKzt: 0, status: 'active' }))

/** `steps` steps of top-up sessions on 20 cards in turn, each checked by its expectations. */
export function benchScenario(steps: number): Scenario {
  const list: unknown[] = []
  const balances = new Map<string, number>()
  for (let session = 0; list.length < steps; session++) {
    const card = CARDS[session % CARDS.length]!.number
    balances.set(card, (balances.get(card) ?? 0) + 1000)
    list.push(
      { do: 'tapCard', number: card },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCash' },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'confirm' },
      { do: 'wait', seconds: 5 },
      { expect: { screen: 'idle' } },
      { expect: { transactionStatus: 'completed', creditedKzt: 1000 } },
      { expect: { balanceKzt: balances.get(card) } },
      { do: 'language', code: session % 2 ? 'en' : 'ru' }
    )
  }
  // A roomy balance cap and cassette: the bench measures the runner, not the cap or a full stacker.
  return parseScenario({
    name: `bench ${steps} steps`,
    config: { limits: { maxBalanceKzt: 100_000_000 }, devices: { billValidator: { stackerCapacity: 100_000 } } },
    cards: CARDS,
    steps: list.slice(0, steps)
  })
}

type Way = 'sqlite' | 'memory'

/** Runs the scenario one way; its wall time in seconds (throws if a step failed: the figures would mean nothing). */
async function timeRun(scenario: Scenario, way: Way): Promise<number> {
  const start = process.hrtime.bigint()
  let report
  if (way === 'sqlite') report = await runScenarioFile(scenario)
  else {
    const runner = memoryRunner(scenario)
    report = await runner.run()
    runner.kiosk.stop()
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (!report.ok) throw new Error(`${scenario.name} failed at step ${report.steps.at(-1)?.index}: ${report.steps.at(-1)?.error}`)
  return seconds
}

/** Prints steps per second for each length and way, after an untimed warm-up. */
export async function scenarioBench(lengths: readonly number[] = [1000, 5000, 20_000]): Promise<void> {
  await timeRun(benchScenario(500), 'memory')
  await timeRun(benchScenario(200), 'sqlite')
  console.log(`scenario runner: steps/s by scenario length (level = linear time)`)
  for (const way of ['sqlite', 'memory'] as const) {
    const cells: string[] = []
    for (const steps of lengths) {
      const seconds = await timeRun(benchScenario(steps), way)
      cells.push(`${steps} steps ${seconds.toFixed(2)} s → ${(steps / seconds).toFixed(0)}/s`)
    }
    console.log(`  ${way === 'sqlite' ? 'kiosk-sim run (SQLite)' : 'in memory (coverage) '}: ${cells.join(' | ')}`)
  }
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseScriptArgs({ options: { steps: { type: 'string', default: '1000,5000,20000' } } })
  const lengths = values.steps.split(',').map(Number)
  if (lengths.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(`--steps: expected whole numbers of at least 1, separated by commas, got "${values.steps}"`)
    process.exit(2)
  }
  await scenarioBench(lengths)
}
