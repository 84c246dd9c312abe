/** Cash collections and the cash counters, folded from the journal. */
import type { JournalRecord } from '../journal'
import type { CashboxCount } from '../machines/billValidatorMachine'
import { countNote, walkCassette } from './cashbox'

/** One emptying of the cassette by staff, numbered from 1 in the journal, with its recount once entered. */
export interface CashCollection {
  number: number
  /** When the cassette was taken out (or reported full), and when it was back (ISO instants). */
  removedAt: string
  replacedAt: string
  /** The notes the journal says it held, per denomination. */
  expected: CashboxCount[]
  /** What the collector counted (the last recount entered), or null before one is entered. */
  counted: CashboxCount[] | null
  /** Counted minus expected per denomination: fewer notes than the journal's (shortage), more (surplus). */
  shortage: CashboxCount[]
  surplus: CashboxCount[]
}

export interface CashCounters {
  /** Notes in the cassette since it was last emptied: the audit's count (`cashboxFromJournal`). */
  sinceCollection: CashboxCount[]
  /** Every note the journal has seen stacked; never restarts. */
  lifetime: CashboxCount[]
}

const byDenomination = (a: CashboxCount, b: CashboxCount) => a.currency.localeCompare(b.currency) || a.value - b.value
const sorted = (count: readonly CashboxCount[]): CashboxCount[] => count.filter((c) => c.count > 0).sort(byDenomination)

/** Where a recount differs from the journal's count, per denomination (no entry where they agree). */
export function recountDifference(expected: readonly CashboxCount[], counted: readonly CashboxCount[]): Pick<CashCollection, 'shortage' | 'surplus'> {
  const shortage: CashboxCount[] = []
  const surplus: CashboxCount[] = []
  const key = (c: CashboxCount) => `${c.currency} ${c.value}`
  const denominations = new Map([...expected, ...counted].map((c) => [key(c), { currency: c.currency, value: c.value }]))
  for (const [k, denomination] of denominations) {
    const sum = (list: readonly CashboxCount[]) => list.filter((c) => key(c) === k).reduce((n, c) => n + c.count, 0)
    const difference = sum(counted) - sum(expected)
    if (difference < 0) shortage.push({ ...denomination, count: -difference })
    if (difference > 0) surplus.push({ ...denomination, count: difference })
  }
  return { shortage: sorted(shortage), surplus: sorted(surplus) }
}

/** Every collection in the journal, oldest first, each with the last recount entered for it. */
export function cashCollections(records: readonly JournalRecord[]): CashCollection[] {
  const collections: CashCollection[] = []
  walkCassette(records, ({ held, removedAt, replacedAt }) =>
    collections.push({ number: collections.length + 1, removedAt, replacedAt, expected: sorted(held), counted: null, shortage: [], surplus: [] })
  )
  for (const r of records) {
    if (r.kind !== 'recountRecorded') continue
    const collection = collections[r.data.collectionNumber - 1]
    if (!collection) continue
    collection.counted = sorted(r.data.counted)
    Object.assign(collection, recountDifference(collection.expected, collection.counted))
  }
  return collections
}

/** The cash counters: the cassette since its last emptying, and every note over the journal's life. */
export function cashCounters(records: readonly JournalRecord[]): CashCounters {
  const lifetime: CashboxCount[] = []
  for (const r of records) if (r.kind === 'noteStacked') countNote(lifetime, r.data.note)
  return { sinceCollection: sorted(walkCassette(records)), lifetime: sorted(lifetime) }
}
