/**
 * What the money scenarios claim about time and about things the report does not show: the
 * bank-card timeout comes exactly timeouts.posSeconds after the payment starts, a decline keeps
 * its reason, a quote is taken when the cash screen opens and runs rateLockSeconds, and a fresh
 * one is taken only while nothing is stacked. The files run in process on the scenario runner
 * (the same code `kiosk-sim run` uses), with an in-memory journal whose record times we read.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { SCENARIO_START } from '../../src/cli/main'
import { loadScenarioFile } from '../../src/cli/inputFiles'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal, type JournalRecord } from '../../src/core/journal'
import { ScenarioRunner, type StepReport } from '../../src/core/scenario/runner'

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url))
const DEFAULT_RATES = { USD: '471.3725', EUR: '512.40', RUB: '5.1215', CNY: '65.08' }

const runners: ScenarioRunner[] = []
afterEach(() => {
  for (const r of runners.splice(0)) r.kiosk.stop()
})

/** Loads a scenario file and runs its steps one at a time, keeping the journal to inspect. */
function load(file: string) {
  const scenario = loadScenarioFile(join(SCENARIOS, file))
  const clock = new VirtualClock(SCENARIO_START)
  const journal = new MemoryJournal()
  const runner = new ScenarioRunner(scenario, { clock, journal, cards: new MemoryCardStore(scenario.cards ?? DEMO_CARDS) })
  runners.push(runner)
  let next = 0
  /** Runs the steps up to and including index `last` (all of them by default); every one must pass. */
  const runTo = async (last = scenario.steps.length - 1): Promise<StepReport[]> => {
    const reports: StepReport[] = []
    for (; next <= last; next++) {
      const report = await runner.runStep(scenario.steps[next]!, next)
      expect(report.ok, JSON.stringify(report)).toBe(true)
      reports.push(report)
    }
    return reports
  }
  const records = <K extends JournalRecord['kind']>(kind: K) => journal.all().filter((r): r is Extract<JournalRecord, { kind: K }> => r.kind === kind)
  const ms = (record: JournalRecord) => Date.parse(record.time) - SCENARIO_START
  const stepIndex = (predicate: (step: Record<string, unknown>) => boolean) => scenario.steps.findIndex((s) => predicate(s as Record<string, unknown>))
  return { scenario, runner, clock, journal, runTo, records, ms, stepIndex }
}

describe('bank-card scenarios', () => {
  it('money-bank-card-timeout.json: bankCardTimeout comes exactly 60 s (timeouts.posSeconds) after the payment starts, not before', async () => {
    const s = load('money-bank-card-timeout.json')
    expect(s.scenario.config.timeouts.posSeconds).toBe(60)
    const payCard = s.stepIndex((step) => step.do === 'payCard')
    await s.runTo(payCard)
    const [started] = s.records('transactionStarted')
    const [timedOut] = s.records('cardTimedOut')
    expect(s.ms(timedOut!) - s.ms(started!)).toBe(60_000)
    expect(s.records('cardDeclined')).toEqual([])
    expect(s.records('cardCharged')).toEqual([])
    expect(s.runner.kiosk.view().screen).toBe('bankCardTimeout')
    await s.runTo()
    expect(s.records('cardCharged')).toHaveLength(1)
  })

  it('money-bank-card-declined-then-cash.json: the decline keeps its reason (wrongPin) on screen and in the journal', async () => {
    const s = load('money-bank-card-declined-then-cash.json')
    await s.runTo(s.stepIndex((step) => step.do === 'payCard'))
    const view = s.runner.kiosk.view()
    expect(view.screen).toBe('bankCardDeclined')
    expect(view.bankCard?.declineReason).toBe('wrongPin')
    expect(s.records('cardDeclined').map((r) => r.data.reason)).toEqual(['wrongPin'])
    // declined after the simulated POS latency (devices.pos.latencyMs 1500)
    expect(s.ms(s.records('cardDeclined')[0]!) - s.ms(s.records('transactionStarted')[0]!)).toBe(1500)
    await s.runTo()
  })

  it('money-bank-card-fee.json: the POS is charged the chosen amount; the card credited amount − fee + bonus', async () => {
    const s = load('money-bank-card-fee.json')
    await s.runTo()
    expect(s.records('cardCharged').map((r) => r.data.amountKzt)).toEqual([12000])
    expect(s.records('creditApplied').map((r) => r.data.creditedKzt)).toEqual([12411])
  })
})

describe('rate-lock scenarios', () => {
  it('money-rate-lock-set-rate-before-cash.json: the market rate set before the cash screen is the one quoted', async () => {
    const s = load('money-rate-lock-set-rate-before-cash.json')
    await s.runTo()
    expect(s.records('rateChanged').map((r) => r.data)).toEqual([{ currency: 'USD', rate: '480', previous: '471.3725' }])
    expect(s.records('ratesQuoted').map((r) => r.data.rates)).toEqual([{ ...DEFAULT_RATES, USD: '480' }])
  })

  it('money-rate-lock-holds-after-stacked-note.json: one quote only, though the market moved and 130 s passed after the first note', async () => {
    const s = load('money-rate-lock-holds-after-stacked-note.json')
    await s.runTo()
    const quotes = s.records('ratesQuoted')
    expect(quotes.map((r) => r.data.rates)).toEqual([DEFAULT_RATES])
    expect(Date.parse(quotes[0]!.data.validUntil as string) - Date.parse(quotes[0]!.data.quotedAt as string)).toBe(120_000)
    const [firstStacked, lastStacked] = s.records('noteStacked')
    expect(s.ms(lastStacked!) - s.ms(firstStacked!)).toBeGreaterThan(120_000)
    expect(s.records('rateChanged').map((r) => r.data.rate)).toEqual(['500'])
  })

  it('money-rate-lock-requote.json: quoted when the cash screen opens, re-quoted at the new market rate exactly 120 s later', async () => {
    const s = load('money-rate-lock-requote.json')
    const wait = s.stepIndex((step) => step.do === 'wait')
    await s.runTo(wait - 1)
    // setRate changes the market, not the quote on screen
    expect(s.runner.kiosk.view().cash?.quote?.rates.find((r) => r.currency === 'USD')?.rate).toBe('471.3725')
    await s.runTo(wait)
    const [first, second, ...more] = s.records('ratesQuoted')
    expect(more).toEqual([])
    expect(first!.data.rates).toEqual(DEFAULT_RATES)
    expect(second!.data.rates).toEqual({ ...DEFAULT_RATES, USD: '490' })
    expect(s.ms(second!) - s.ms(first!)).toBe(120_000)
    expect(second!.data.quotedAt).toBe(new Date(SCENARIO_START + s.ms(first!) + 120_000).toISOString())
    expect(s.runner.kiosk.view().cash?.quote).toMatchObject({ quotedAt: second!.data.quotedAt, validUntil: second!.data.validUntil })
    await s.runTo()
  })
})
