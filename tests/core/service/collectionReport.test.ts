/**
 * The cash collection report and the collection history, folded from the journal of a real
 * kiosk: per denomination the report's cash is every note stacked in its period, its period runs
 * from the previous collection to this one, and the recount shows the collector's shortage.
 */
import { describe, expect, it } from 'vitest'
import { cashCollections } from '../../../src/core/domain/collections'
import type { JournalRecord } from '../../../src/core/journal'
import { collectionHistoryOf, collectionReportOf } from '../../../src/core/service/collectionReport'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach, type TestKiosk } from '../helpers'

moneyInvariantAfterEach()

const IDS = { terminalId: '00412783', cassetteId: 'CASSETTE-7' }
const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })
const EUR = (value: number) => ({ type: 'insertBill' as const, currency: 'EUR' as const, value })

async function cashTopUp(k: TestKiosk, kzt: number, notes: ReturnType<typeof KZT | typeof EUR>[]) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt })
  await k.act({ type: 'payCash' })
  for (const note of notes) await k.act(note)
  await k.act({ type: 'confirm' }, 4)
  await k.act({ type: 'done' }, 5)
  expect(k.screen()).toBe('idle')
}

async function cardTopUp(k: TestKiosk, kzt: number) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt })
  await k.act({ type: 'payCard' }, 5)
  await k.act({ type: 'done' }, 5)
}

/** The host stays down after two notes: the top-up is flagged (credit outcome unknown); then the host is back. */
async function flaggedTopUp(k: TestKiosk) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 3000 })
  await k.act({ type: 'payCash' })
  await k.act(KZT(1000))
  await k.act(KZT(2000))
  k.kiosk.send({ type: 'fault', device: 'host', fault: 'down' })
  await k.act({ type: 'confirm' }, 30)
  await k.act({ type: 'done' }, 5)
  k.kiosk.send({ type: 'clearFault', device: 'host' })
  await k.clock.advance(30_000)
  expect(k.screen()).toBe('idle')
}

/** Two collections: a mixed morning (cash, a euro note, a bank card, a flagged top-up), recounted one 1 000 ₸ note short; then an afternoon. */
async function twoCollections() {
  const k = makeKiosk()
  await cashTopUp(k, 3000, [KZT(2000), KZT(1000)])
  await cashTopUp(k, 5000, [EUR(10)])
  await cardTopUp(k, 4000)
  await flaggedTopUp(k)
  await k.clock.advance(60_000)
  expect(k.kiosk.send({ type: 'collectCash' })).toEqual({ ok: true })
  await k.clock.advance(60_000)
  const removal = k.journal.all().length
  await cashTopUp(k, 2000, [KZT(2000)])
  await cardTopUp(k, 1000)
  await k.clock.advance(60_000)
  expect(k.kiosk.send({ type: 'collectCash' })).toEqual({ ok: true })
  return { k, removal }
}

type Count = { currency: string; value: number; count: number }
function stackedIn(records: readonly JournalRecord[]): Count[] {
  const counts: Count[] = []
  for (const r of records) {
    if (r.kind !== 'noteStacked') continue
    const entry = counts.find((c) => c.currency === r.data.note.currency && c.value === r.data.note.value)
    if (entry) entry.count++
    else counts.push({ ...r.data.note, count: 1 })
  }
  const order = ['KZT', 'USD', 'EUR', 'RUB', 'CNY']
  return counts.sort((a, b) => order.indexOf(a.currency) - order.indexOf(b.currency) || a.value - b.value)
}
const reportCounts = (cash: { currency: string; denominations: { value: number; count: number }[] }[]): Count[] =>
  cash.flatMap((c) => c.denominations.map((d) => ({ currency: c.currency, value: d.value, count: d.count })))

describe('the cash collection report', () => {
  it('lists every note stacked since the journal began, per denomination, with the credited tenge, bank cards and flagged top-ups', async () => {
    const { k, removal } = await twoCollections()
    const records = k.journal.all()
    const report = collectionReportOf(records, 1, IDS)!
    const [first] = cashCollections(records)
    expect(report).toMatchObject({
      number: 1,
      ...IDS,
      from: records[0]!.time,
      to: first!.removedAt,
      removedAt: first!.removedAt,
      replacedAt: first!.replacedAt
    })
    expect(reportCounts(report.cash)).toEqual(stackedIn(records.slice(0, removal)))
    expect(reportCounts(report.cash)).toEqual([
      { currency: 'KZT', value: 1000, count: 2 },
      { currency: 'KZT', value: 2000, count: 2 },
      { currency: 'EUR', value: 10, count: 1 }
    ])
    expect(report.cash.map((c) => [c.currency, c.total])).toEqual([
      ['KZT', 6000],
      ['EUR', 10]
    ])
    const flagged = records.find((r) => r.kind === 'transactionFlagged')
    expect(flagged?.kind).toBe('transactionFlagged')
    if (flagged?.kind !== 'transactionFlagged') return
    expect(report.flagged).toEqual([{ transactionId: flagged.data.transactionId, reasons: ['creditOutcomeUnknown'], amountKzt: 3000, resolution: null }])
    const credited = records.slice(0, removal).flatMap((r) => (r.kind === 'creditApplied' ? [r.data.creditedKzt!] : []))
    expect(report.topUps).toEqual({ count: 3, creditedKzt: credited.reduce((a, b) => a + b, 0) })
    expect(report.cardPayments).toEqual({ count: 1, amountKzt: 4000 })
    expect(report.cashCreditedKzt).toBe(report.topUps.creditedKzt - 4000)
    expect(report).toMatchObject({ notesInDoubt: 0, trainingExcluded: 0, trainingNotes: [], recount: null })
  })

  it('runs the next period from the cassette put back to its next removal', async () => {
    const { k, removal } = await twoCollections()
    const records = k.journal.all()
    const [first, second] = cashCollections(records)
    const report = collectionReportOf(records, 2, IDS)!
    expect(report).toMatchObject({ number: 2, from: first!.replacedAt, to: second!.removedAt })
    expect(reportCounts(report.cash)).toEqual(stackedIn(records.slice(removal)))
    expect(reportCounts(report.cash)).toEqual([{ currency: 'KZT', value: 2000, count: 1 }])
    expect(report).toMatchObject({ cashCreditedKzt: 2000, cardPayments: { count: 1, amountKzt: 1000 }, topUps: { count: 2, creditedKzt: 3000 }, flagged: [] })
    expect(collectionReportOf(records, 3, IDS)).toBeNull()
  })

  it('carries the recount with the shortage of exactly the missing denomination', async () => {
    const { k } = await twoCollections()
    k.journal.append(
      'recountRecorded',
      {
        collectionNumber: 1,
        counted: [
          { currency: 'KZT', value: 1000, count: 1 },
          { currency: 'KZT', value: 2000, count: 2 },
          { currency: 'EUR', value: 10, count: 1 }
        ],
        shortage: [{ currency: 'KZT', value: 1000, count: 1 }],
        surplus: []
      },
      k.clock.now()
    )
    const report = collectionReportOf(k.journal.all(), 1, IDS)!
    expect(report.recount).toEqual({
      counted: [
        {
          currency: 'KZT',
          denominations: [
            { value: 1000, count: 1, sum: 1000 },
            { value: 2000, count: 2, sum: 4000 }
          ],
          total: 5000
        },
        { currency: 'EUR', denominations: [{ value: 10, count: 1, sum: 10 }], total: 10 }
      ],
      shortage: [{ currency: 'KZT', value: 1000, count: 1 }],
      surplus: []
    })
    expect(collectionReportOf(k.journal.all(), 2, IDS)!.recount).toBeNull()
  })

  it('keeps training notes in the cassette’s cash, names them, and leaves their credit out', async () => {
    const { k, removal } = await twoCollections()
    const records = k.journal.all()
    const euroTopUp = records.find((r) => r.kind === 'noteStacked' && r.data.note.currency === 'EUR')
    const trainingId = euroTopUp?.kind === 'noteStacked' ? euroTopUp.data.transactionId : ''
    const trainingDay = records.map((r) =>
      r.kind === 'transactionStarted' && r.data.transactionId === trainingId ? { ...r, data: { ...r.data, training: true as const } } : r
    )
    const full = collectionReportOf(records, 1, IDS)!
    const report = collectionReportOf(trainingDay, 1, IDS)!
    expect(report.cash).toEqual(full.cash)
    expect(reportCounts(report.cash)).toEqual(stackedIn(records.slice(0, removal)))
    expect(report.trainingNotes).toEqual([{ currency: 'EUR', value: 10, count: 1 }])
    expect(report.trainingExcluded).toBe(1)
    const credit = records.find((r) => r.kind === 'creditApplied' && r.data.transactionId === trainingId)
    const credited = credit?.kind === 'creditApplied' ? credit.data.creditedKzt! : 0
    expect(credited).toBeGreaterThan(0)
    expect(report.cashCreditedKzt).toBe(full.cashCreditedKzt - credited)
    expect(report.topUps.count).toBe(full.topUps.count - 1)
  })

  it('names the field of bad input', () => {
    const records = makeKiosk().journal.all()
    expect(() => collectionReportOf(records, 0, IDS)).toThrow(/^collectionNumber: /)
    expect(() => collectionReportOf(records, 1.5, IDS)).toThrow(/^collectionNumber: /)
    expect(() => collectionReportOf(records, 1, { ...IDS, cassetteId: ' ' })).toThrow(/^cassetteId: /)
    expect(() => collectionReportOf(records, 1, { ...IDS, terminalId: '' })).toThrow(/^terminalId: /)
    expect(collectionReportOf(records, 1, IDS)).toBeNull()
  })
})

describe('the collection history', () => {
  it('lists the collections newest first with their totals and the recount’s outcome', async () => {
    const { k } = await twoCollections()
    expect(collectionHistoryOf(makeKiosk().journal.all())).toEqual([])
    k.journal.append(
      'recountRecorded',
      {
        collectionNumber: 1,
        counted: [
          { currency: 'KZT', value: 1000, count: 1 },
          { currency: 'KZT', value: 2000, count: 2 },
          { currency: 'EUR', value: 10, count: 1 }
        ],
        shortage: [{ currency: 'KZT', value: 1000, count: 1 }],
        surplus: []
      },
      k.clock.now()
    )
    const [first, second] = cashCollections(k.journal.all())
    expect(collectionHistoryOf(k.journal.all())).toEqual([
      {
        number: 2,
        removedAt: second!.removedAt,
        replacedAt: second!.replacedAt,
        totals: [{ currency: 'KZT', total: 2000 }],
        recounted: false,
        shortage: [],
        surplus: []
      },
      {
        number: 1,
        removedAt: first!.removedAt,
        replacedAt: first!.replacedAt,
        totals: [
          { currency: 'KZT', total: 6000 },
          { currency: 'EUR', total: 10 }
        ],
        recounted: true,
        shortage: [{ currency: 'KZT', value: 1000, count: 1 }],
        surplus: []
      }
    ])
  })
})
