/**
 * The scenario runner does a bounded amount of work per step, so a run takes time linear in its
 * length (the figures: docs/benchmarks.md): it reads the whole journal only when a kiosk starts and
 * for the final report, never per `expect`; and what an `expect` sees is what reading the whole
 * journal would have shown.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal, type JournalRecord } from '../../src/core/journal'
import { summarizeTransactions } from '../../src/core/report'
import { ScenarioRunner } from '../../src/core/scenario/runner'
import { waitsThroughCardWrite } from '../../src/core/scenario/runRules'
import { TransactionRecords } from '../../src/core/scenario/transactionRecords'
import { parseScenario, type Step } from '../../src/core/scenario/schema'
import { memoryRunner, SCENARIO_START } from '../../src/core/testing/play'
import { loadScenarioFile } from '../../src/cli/inputFiles'

/** A memory journal that counts how often it is read whole. */
class CountingJournal extends MemoryJournal {
  reads = 0
  override all(): JournalRecord[] {
    this.reads++
    return super.all()
  }
}

const CARD = '9398000011112222'

/** `sessions` cash top-ups, each followed by three expectations. */
function topUps(sessions: number) {
  const steps: unknown[] = []
  for (let i = 1; i <= sessions; i++) {
    steps.push(
      { do: 'tapCard', number: CARD },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCash' },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'confirm' },
      { do: 'wait', seconds: 17 }, // the done screen's 15 s and the goodbye
      { expect: { screen: 'idle' } },
      { expect: { transactionStatus: 'completed', creditedKzt: 1000, receiptPrinted: true } },
      { expect: { balanceKzt: 500 + 1000 * i } }
    )
  }
  return parseScenario({ cards: [{ number: CARD, balanceKzt: 500, status: 'active' }], steps })
}

async function readsFor(sessions: number): Promise<number> {
  const scenario = topUps(sessions)
  const journal = new CountingJournal()
  const runner = new ScenarioRunner(scenario, { clock: new VirtualClock(SCENARIO_START), journal, cards: new MemoryCardStore(scenario.cards!) })
  const report = await runner.run()
  runner.kiosk.stop()
  expect(report.ok, JSON.stringify(report.steps.find((s) => !s.ok))).toBe(true)
  return journal.reads
}

describe('the scenario runner reads the journal a fixed number of times', () => {
  it('the same for 3 and for 30 top-ups with their expectations (not once per expect)', async () => {
    const [few, many] = [await readsFor(3), await readsFor(30)]
    expect(many).toBe(few)
    // once for the runner, once for the kiosk's recovery at start, once for the report
    expect(few).toBeLessThanOrEqual(3)
  })
})

describe('what an expect sees is what the whole journal shows', () => {
  const ROOT = fileURLToPath(new URL('../scenarios', import.meta.url))
  const files = readdirSync(ROOT).filter((f) => f.endsWith('.json'))

  it.each(files)('%s: after every record, the latest transaction of the records kept equals that of the whole journal', async (file) => {
    const scenario = loadScenarioFile(join(ROOT, file))
    const runner = memoryRunner(scenario)
    await runner.run()
    const all = runner.journal.all()
    runner.kiosk.stop()
    const kept = new TransactionRecords()
    all.forEach((record, i) => {
      kept.add(record)
      expect(summarizeTransactions(kept.latest(), scenario.config).at(-1)).toEqual(summarizeTransactions(all.slice(0, i + 1), scenario.config).at(-1))
      const printed = (records: readonly JournalRecord[], id: string | undefined) =>
        records.some((r) => r.kind === 'receiptPrinted' && r.data.transactionId === id)
      const latestId = summarizeTransactions(kept.latest(), scenario.config).at(-1)?.id
      expect(printed(kept.latest(), latestId)).toBe(printed(all.slice(0, i + 1), latestId))
    })
  })
})

describe('waitsThroughCardWrite looks at the next action only', () => {
  const steps = (...verbs: string[]): Step[] => verbs.map((v) => (v === 'expect' ? { expect: { screen: 'idle' } } : ({ do: v } as Step)))

  it('not when the next action, past any expectations, pulls the card', () => {
    expect(waitsThroughCardWrite(steps('confirm', 'expect', 'expect', 'removeCard'), 0)).toBe(false)
    expect(waitsThroughCardWrite(steps('confirm', 'removeCard'), 0)).toBe(false)
  })

  it('when the next action is another, or there is none', () => {
    expect(waitsThroughCardWrite(steps('confirm', 'expect', 'done', 'removeCard'), 0)).toBe(true)
    expect(waitsThroughCardWrite(steps('confirm', 'expect'), 0)).toBe(true)
    expect(waitsThroughCardWrite(steps('confirm'), 0)).toBe(true)
  })
})
