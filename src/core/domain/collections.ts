/**
 * The cassette's ledger, folded from the journal: its count now, every note over the journal's life,
 * and each cash collection with its recount. One walk, used record by record by the running kiosk
 * (the technician view) and over a whole journal by the audit, recovery and the reports.
 */
import type { JournalRecord } from '../journal'
import type { CashboxCount, ValidatorCondition } from '../machines/billValidatorMachine'
import type { Note } from '../money'

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
const sorted = (count: readonly CashboxCount[]): CashboxCount[] =>
  count
    .filter((c) => c.count > 0)
    .map((c) => ({ ...c }))
    .sort(byDenomination)

/** Adds a note to a count per denomination (in place). */
function countNote(count: CashboxCount[], note: Note): void {
  const entry = count.find((c) => c.currency === note.currency && c.value === note.value)
  if (entry) entry.count++
  else count.push({ currency: note.currency, value: note.value, count: 1 })
}

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

/**
 * The cassette as the journal lived it: notes stacked into it; emptied when the condition clears
 * after `stackerFull` or `cassetteRemoved` (a collection); restarted from zero when staff accept a
 * journal that failed its check (what came before is not counted from it: the cassette is counted by
 * hand at the next collection).
 */
export class CassetteLedger {
  private cashbox: CashboxCount[] = []
  private readonly lifetime: CashboxCount[] = []
  private readonly collected: CashCollection[] = []
  private last: ValidatorCondition | null = null
  private removedAt: string | null = null

  /** Takes the next record of the journal into account. */
  apply(r: JournalRecord): void {
    switch (r.kind) {
      case 'journalAccepted':
        this.cashbox = []
        break
      case 'validatorCondition':
        // Reported again at power-up while still out: it was taken out at the first report.
        if ((r.data.condition === 'stackerFull' || r.data.condition === 'cassetteRemoved') && this.removedAt === null) this.removedAt = r.time
        if (r.data.condition === null && (this.last === 'stackerFull' || this.last === 'cassetteRemoved')) {
          const number = this.collected.length + 1
          this.collected.push({
            number,
            removedAt: this.removedAt ?? r.time,
            replacedAt: r.time,
            expected: sorted(this.cashbox),
            counted: null,
            shortage: [],
            surplus: []
          })
          this.cashbox = []
        }
        if (r.data.condition === null) this.removedAt = null
        this.last = r.data.condition
        break
      case 'noteStacked':
        countNote(this.cashbox, r.data.note)
        countNote(this.lifetime, r.data.note)
        break
      case 'recountRecorded': {
        const collection = this.collected[r.data.collectionNumber - 1]
        if (!collection) break
        collection.counted = sorted(r.data.counted)
        Object.assign(collection, recountDifference(collection.expected, collection.counted))
        break
      }
    }
  }

  /** The cassette's notes per denomination now, in the order first stacked. */
  cassette(): CashboxCount[] {
    return this.cashbox.map((c) => ({ ...c }))
  }

  counters(): CashCounters {
    return { sinceCollection: sorted(this.cashbox), lifetime: sorted(this.lifetime) }
  }

  /** Every collection so far, oldest first. */
  collections(): CashCollection[] {
    return this.collected.map((c) => ({
      ...c,
      expected: sorted(c.expected),
      counted: c.counted && sorted(c.counted),
      shortage: sorted(c.shortage),
      surplus: sorted(c.surplus)
    }))
  }

  static of(records: readonly JournalRecord[]): CassetteLedger {
    const ledger = new CassetteLedger()
    for (const r of records) ledger.apply(r)
    return ledger
  }
}

/** Every collection in the journal, oldest first, each with the last recount entered for it. */
export const cashCollections = (records: readonly JournalRecord[]): CashCollection[] => CassetteLedger.of(records).collections()

/** The cash counters: the cassette since its last emptying, and every note over the journal's life. */
export const cashCounters = (records: readonly JournalRecord[]): CashCounters => CassetteLedger.of(records).counters()
