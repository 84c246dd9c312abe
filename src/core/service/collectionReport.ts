/**
 * The cash collection report (issue 15) and the collection history, from the journal: the cassette's
 * collections come from the ledger (src/core/domain/collections.ts), the period's money from the
 * same fold as the shift reports (./shiftReports). The cash is what the ledger says the cassette
 * held; the period's other totals leave training transactions out.
 */
import type { CurrencyCode } from '../config'
import { cashCollections, type CashCollection } from '../domain/collections'
import type { JournalRecord } from '../journal'
import type { CashboxCount } from '../machines/billValidatorMachine'
import { cashByCurrency, idOf, inSpan, periodTotals, trainingTransactions, type CurrencyCash, type PeriodTotals, type TimeSpan } from './shiftReports'

export interface CollectionReport extends Omit<PeriodTotals, 'cash'> {
  /** The collection's number, from 1 in the journal. */
  number: number
  terminalId: string
  cassetteId: string
  /** The period: from the previous collection's replacement (or the journal's first record) to this removal (ISO instants). */
  from: string
  to: string
  /** When the cassette was taken out and put back. */
  removedAt: string
  replacedAt: string
  /** What the journal says the cassette held, per currency and denomination (the ledger's expected count). */
  cash: CurrencyCash[]
  /** Notes of training transactions among them (physically in the cassette, left out of the credited totals). */
  trainingNotes: CashboxCount[]
  /** The collector's recount, once entered. */
  recount: { counted: CurrencyCash[]; shortage: CashboxCount[]; surplus: CashboxCount[] } | null
}

/** One line of the collection history. */
export interface CollectionHistoryLine {
  number: number
  removedAt: string
  replacedAt: string
  /** The expected total per currency. */
  totals: { currency: CurrencyCode; total: number }[]
  recounted: boolean
  shortage: CashboxCount[]
  surplus: CashboxCount[]
}

/** The notes of training transactions stacked in a span of the journal. */
function trainingNotesIn(records: readonly JournalRecord[], span: TimeSpan): CashboxCount[] {
  const training = trainingTransactions(records)
  const count: CashboxCount[] = []
  for (const r of records) {
    if (r.kind !== 'noteStacked' || !training.has(r.data.transactionId) || !inSpan(r.time, span)) continue
    const entry = count.find((c) => c.currency === r.data.note.currency && c.value === r.data.note.value)
    if (entry) entry.count++
    else count.push({ currency: r.data.note.currency, value: r.data.note.value, count: 1 })
  }
  return count.sort((a, b) => a.currency.localeCompare(b.currency) || a.value - b.value)
}

/**
 * The report of collection `collectionNumber` (from 1), or null when the journal has no such
 * collection. Throws a RangeError naming the field for a number that is not a positive integer
 * or an empty terminal or cassette id.
 */
export function collectionReportOf(
  records: readonly JournalRecord[],
  collectionNumber: number,
  ids: { terminalId: string; cassetteId: string }
): CollectionReport | null {
  if (!Number.isSafeInteger(collectionNumber) || collectionNumber < 1)
    throw new RangeError(`collectionNumber: expected a whole number from 1, got ${collectionNumber}`)
  const terminalId = idOf(ids.terminalId, 'terminalId')
  const cassetteId = idOf(ids.cassetteId, 'cassetteId')
  const collections = cashCollections(records)
  const collection = collections[collectionNumber - 1]
  if (!collection) return null
  const previous = collections[collectionNumber - 2]
  const from = previous ? previous.replacedAt : (records[0]?.time ?? collection.removedAt)
  const span = { from: Date.parse(from), to: Date.parse(collection.removedAt), fromInclusive: previous === undefined }
  return {
    // The period's totals, but the cash is the ledger's (training notes included: they are in the cassette).
    ...periodTotals(records, span),
    number: collection.number,
    terminalId,
    cassetteId,
    from,
    to: collection.removedAt,
    removedAt: collection.removedAt,
    replacedAt: collection.replacedAt,
    cash: cashByCurrency(collection.expected),
    trainingNotes: trainingNotesIn(records, span),
    recount: recountOf(collection)
  }
}

function recountOf(collection: CashCollection): CollectionReport['recount'] {
  if (collection.counted === null) return null
  return { counted: cashByCurrency(collection.counted), shortage: collection.shortage, surplus: collection.surplus }
}

/** Every collection in the journal, newest first: number, when, expected total per currency, and the recount's outcome. */
export function collectionHistoryOf(records: readonly JournalRecord[]): CollectionHistoryLine[] {
  return cashCollections(records)
    .reverse()
    .map((c) => ({
      number: c.number,
      removedAt: c.removedAt,
      replacedAt: c.replacedAt,
      totals: cashByCurrency(c.expected).map(({ currency, total }) => ({ currency, total })),
      recounted: c.counted !== null,
      shortage: c.shortage,
      surplus: c.surplus
    }))
}
