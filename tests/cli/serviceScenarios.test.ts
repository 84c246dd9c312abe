/**
 * Issue 15's scenarios, run as `kiosk-sim run` runs them, checked against the journal they leave:
 * the collection's sums are the journal's per denomination, the lockout, the waiting entry, the
 * reprint after a restart, the rate change applied to the next quote only, training left out of Z.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadScenarioFile } from '../../src/cli/inputFiles'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal, type JournalRecord } from '../../src/core/journal'
import { ScenarioRunner, type ScenarioReport } from '../../src/core/scenario/runner'

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url))

/** Runs a scenario file headless and keeps its journal for the checks. */
async function run(name: string): Promise<{ report: ScenarioReport; records: JournalRecord[] }> {
  const scenario = loadScenarioFile(join(SCENARIOS, `${name}.json`))
  const journal = new MemoryJournal()
  const cards = new MemoryCardStore(scenario.cards ?? [])
  const runner = new ScenarioRunner(scenario, { clock: new VirtualClock(Date.UTC(2026, 0, 15, 6)), journal, cards })
  const report = await runner.run()
  expect(report.steps.filter((s) => !s.ok)).toEqual([])
  return { report, records: journal.all() }
}

type Count = { currency: string; value: number; count: number }
function stackedPerDenomination(records: readonly JournalRecord[]): Count[] {
  const count: Count[] = []
  for (const r of records) {
    if (r.kind !== 'noteStacked') continue
    const entry = count.find((c) => c.currency === r.data.note.currency && c.value === r.data.note.value)
    if (entry) entry.count++
    else count.push({ ...r.data.note, count: 1 })
  }
  return count.sort((a, b) => a.currency.localeCompare(b.currency) || a.value - b.value)
}

describe('issue 15 scenarios', () => {
  it("a collection after a mixed day: the report's sums per denomination are the journal's, and the Z report's cash the same", async () => {
    const { report, records } = await run('service-collection-after-mixed-day')
    const stacked = stackedPerDenomination(records)
    expect(stacked).toEqual([
      { currency: 'KZT', value: 1000, count: 1 },
      { currency: 'KZT', value: 2000, count: 2 },
      { currency: 'USD', value: 10, count: 1 }
    ])
    expect(report.collections).toEqual([expect.objectContaining({ number: 1, expected: stacked, counted: stacked, shortage: [], surplus: [] })])
    expect(report.counters).toEqual({ sinceCollection: [], lifetime: stacked })
    const [z] = report.shiftReports
    expect(z).toMatchObject({ report: 'Z', number: 1, cardPayments: { count: 1, amountKzt: 2000 }, topUps: { count: 3 } })
    expect(z!.cash.map((c) => ({ currency: c.currency, total: c.total }))).toEqual([
      { currency: 'KZT', total: 5000 },
      { currency: 'USD', total: 10 }
    ])
    expect(records.filter((r) => r.kind === 'shiftReport').map((r) => r.data)).toEqual([expect.objectContaining({ report: 'Z', number: 1, role: 'collector' })])
  })

  it('lockout after three wrong PINs: three failures journaled (never a PIN), then the login once it ended', async () => {
    const { records } = await run('service-pin-lockout')
    expect(records.filter((r) => r.kind === 'serviceLoginFailed').map((r) => r.data)).toEqual([
      { attemptsLeft: 2, locked: false },
      { attemptsLeft: 1, locked: false },
      { attemptsLeft: 0, locked: true }
    ])
    const failedAt = Date.parse(records.filter((r) => r.kind === 'serviceLoginFailed').at(-1)!.time)
    const login = records.find((r) => r.kind === 'serviceLogin')!
    expect(Date.parse(login.time) - failedAt).toBeGreaterThanOrEqual(300_000)
    expect(JSON.stringify(records)).not.toMatch(/"(9999|0000|12345|1111)"/)
  })

  it('service entry during a session waits: the login comes after the session completed', async () => {
    const { records } = await run('service-entry-waits-for-session')
    const completed = records.findIndex((r) => r.kind === 'transactionCompleted')
    const login = records.findIndex((r) => r.kind === 'serviceLogin')
    expect(completed).toBeGreaterThan(-1)
    expect(login).toBeGreaterThan(completed)
  })

  it('reprint after a restart: the copy is printed after the second start, from the archive', async () => {
    const { records } = await run('service-reprint-after-restart')
    const secondStart = records.filter((r) => r.kind === 'kioskStarted')[1]!
    const printed = records.filter((r) => r.kind === 'receiptPrinted' || r.kind === 'receiptNotPrinted')
    expect(printed.map((r) => [r.kind, r.data.reprint ?? false])).toEqual([
      ['receiptNotPrinted', false],
      ['receiptPrinted', true]
    ])
    expect(printed[1]!.seq).toBeGreaterThan(secondStart.seq)
  })

  it('a rate change is journaled with before, after and role, and only the next quote uses it', async () => {
    const { report, records } = await run('service-rate-change-next-quote')
    expect(records.filter((r) => r.kind === 'settingsChanged').map((r) => r.data)).toEqual([
      { role: 'administrator', section: 'rates', before: { USD: expect.any(String) }, after: { USD: '500.00' } }
    ])
    const before = records.find((r) => r.kind === 'settingsChanged')!.data.before as { USD: string }
    const [first, second] = report.transactions
    expect(first!.rates.USD).toBe(before.USD)
    expect(second!.rates.USD).toBe('500.00')
    expect(second!.grossKzt).toBe(5000)
    expect(first!.grossKzt).toBe(Math.floor(10 * Number(before.USD)))
  })

  it('training transactions are absent from the Z report (and say so), and from the real card', async () => {
    const { report, records } = await run('service-training-excluded-from-z-report')
    const training = records.filter((r) => r.kind === 'transactionStarted' && r.data.training === true)
    expect(training).toHaveLength(1)
    expect(report.shiftReports).toEqual([expect.objectContaining({ report: 'Z', trainingExcluded: 1, topUps: { count: 1, creditedKzt: 1000 } })])
    expect(report.shiftReports[0]!.cash).toEqual([{ currency: 'KZT', denominations: [{ value: 1000, count: 1, sum: 1000 }], total: 1000 }])
    expect(report.cards['9398000011112222']).toEqual({ balanceKzt: 1500 })
  })
})
