/**
 * A cash collection and its recount (issue 15's scenario contract): `collectCash` empties the
 * cassette, `recount` records what the collector counted, and the report's `collections` and
 * `counters` are folded from the journal, so they agree with the notes its top-ups stacked.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadScenarioFile } from '../../src/cli/inputFiles'
import { runScenarioFile } from '../../src/cli/runCommand'
import { cashCollections, cashCounters, recountDifference } from '../../src/core/domain/collections'
import { parseScenario } from '../../src/core/scenario/schema'
import { atCashScreen, DEMO_CARD, loginAs, makeKiosk, SERVICE_TEST_CONFIG } from '../core/helpers'

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url))
type Count = { currency: string; value: number; count: number }
const byDenomination = (list: Count[]) => [...list].sort((a, b) => a.currency.localeCompare(b.currency) || a.value - b.value)

describe('a cash collection after a mixed morning', () => {
  it('expects every note the top-ups stacked, and the recount one 1 000 ₸ note short shows exactly that shortage', async () => {
    const report = await runScenarioFile(loadScenarioFile(join(SCENARIOS, 'cash-collection-recount-shortage.json')))
    expect(report.ok).toBe(true)
    const stacked: Count[] = []
    for (const note of report.transactions.flatMap((t) => t.stacked)) {
      const entry = stacked.find((c) => c.currency === note.currency && c.value === note.value)
      if (entry) entry.count++
      else stacked.push({ ...note, count: 1 })
    }
    expect(report.collections).toHaveLength(1)
    const [collection] = report.collections
    expect(collection).toMatchObject({ number: 1, shortage: [{ currency: 'KZT', value: 1000, count: 1 }], surplus: [] })
    expect(collection!.expected).toEqual(byDenomination(stacked))
    expect(report.counters).toEqual({ sinceCollection: [], lifetime: byDenomination(stacked) })
    expect(report.cashbox).toEqual([])
  })
})

describe('the recount', () => {
  it('names a surplus and a shortage per denomination, nothing where the count agrees', () => {
    const expected = [
      { currency: 'KZT' as const, value: 1000, count: 3 },
      { currency: 'USD' as const, value: 10, count: 1 }
    ]
    const counted = [
      { currency: 'KZT' as const, value: 1000, count: 2 },
      { currency: 'USD' as const, value: 10, count: 1 },
      { currency: 'EUR' as const, value: 5, count: 1 }
    ]
    expect(recountDifference(expected, counted)).toEqual({
      shortage: [{ currency: 'KZT', value: 1000, count: 1 }],
      surplus: [{ currency: 'EUR', value: 5, count: 1 }]
    })
    expect(recountDifference(expected, expected)).toEqual({ shortage: [], surplus: [] })
  })

  it('is refused before any collection, and the refusal says what to do', () => {
    const { kiosk, journal } = makeKiosk({ config: SERVICE_TEST_CONFIG })
    loginAs(kiosk, '1111')
    expect(kiosk.send({ type: 'recount', notes: [] })).toEqual({ ok: false, error: 'no cash collection to recount yet: collect the cassette first' })
    expect(journal.all().some((r) => r.kind === 'recountRecorded')).toBe(false)
  })

  it('counts after a collection, and is journaled with the collection it belongs to', async () => {
    const { kiosk, journal, act } = makeKiosk({ config: SERVICE_TEST_CONFIG })
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCash' })
    await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await act({ type: 'confirm' }, 4)
    await act({ type: 'done' }, 8)
    expect(kiosk.send({ type: 'collectCash' })).toEqual({ ok: true })
    loginAs(kiosk, '1111')
    expect(kiosk.send({ type: 'recount', notes: [{ currency: 'KZT', value: 1000, count: 2 }] })).toEqual({ ok: true })
    // The running kiosk's ledger, kept record by record, is the fold over the whole journal.
    expect(kiosk.technicianView().cash).toEqual({ ...cashCounters(journal.all()), collections: cashCollections(journal.all()) })
    expect(kiosk.technicianView().cash.collections[0]).toMatchObject({ number: 1, surplus: [{ currency: 'KZT', value: 1000, count: 1 }] })
    const recount = journal.all().find((r) => r.kind === 'recountRecorded')
    expect(recount?.data).toEqual({
      collectionNumber: 1,
      counted: [{ currency: 'KZT', value: 1000, count: 2 }],
      shortage: [],
      surplus: [{ currency: 'KZT', value: 1000, count: 1 }]
    })
  })
})

describe('collecting the cassette', () => {
  it('waits for a jam to be cleared', async () => {
    const { kiosk, act } = await atCashScreen(5000)
    await act({ type: 'fault', device: 'billValidator', fault: 'jam' })
    await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    expect(kiosk.validator().getSnapshot().context.condition).toBe('jam')
    expect(kiosk.send({ type: 'collectCash' })).toEqual({ ok: false, error: 'the bill validator is jammed: clear the jam before collecting the cassette' })
  })

  it('takes a recount in a scenario only with whole counts, naming the field', () => {
    const scenario = { name: 'bad recount', steps: [{ do: 'recount', notes: [{ currency: 'KZT', value: 1000, count: 1.5 }] }] }
    expect(() => parseScenario(scenario)).toThrow(/steps\[0\]\.notes\[0\]\.count/)
  })
})
