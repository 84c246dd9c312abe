/** The cassette's count, folded from the journal. */
import type { JournalRecord } from '../journal'
import type { CashboxCount, ValidatorCondition } from '../machines/billValidatorMachine'
import type { Note } from '../money'

/** What the cassette walk reports when staff emptied it (put the cassette back, or cleared a full stacker). */
export interface CassetteEmptied {
  /** The notes it held when it was taken out. */
  held: CashboxCount[]
  /** When it was taken out (or reported full), and when it was back in service (ISO instants). */
  removedAt: string
  replacedAt: string
}

/** Adds a note to a count per denomination (in place). */
export function countNote(count: CashboxCount[], note: Note): void {
  const entry = count.find((c) => c.currency === note.currency && c.value === note.value)
  if (entry) entry.count++
  else count.push({ currency: note.currency, value: note.value, count: 1 })
}

/**
 * Walks the journal as the cassette lived it: notes stacked into it, emptied when the condition
 * clears after `stackerFull` or `cassetteRemoved` (reported to `onEmptied`), restarted from zero when
 * staff accept a journal that failed its check. Returns what it holds at the end.
 */
export function walkCassette(records: readonly JournalRecord[], onEmptied?: (emptied: CassetteEmptied) => void): CashboxCount[] {
  let cashbox: CashboxCount[] = []
  let last: ValidatorCondition | null = null
  let removedAt: string | null = null
  for (const r of records) {
    switch (r.kind) {
      case 'journalAccepted':
        cashbox = []
        break
      case 'validatorCondition':
        // Reported again at power-up while still out: it was taken out at the first report.
        if ((r.data.condition === 'stackerFull' || r.data.condition === 'cassetteRemoved') && removedAt === null) removedAt = r.time
        if (r.data.condition === null && (last === 'stackerFull' || last === 'cassetteRemoved')) {
          onEmptied?.({ held: cashbox, removedAt: removedAt ?? r.time, replacedAt: r.time })
          cashbox = []
        }
        if (r.data.condition === null) removedAt = null
        last = r.data.condition
        break
      case 'noteStacked':
        countNote(cashbox, r.data.note)
        break
    }
  }
  return cashbox
}

/**
 * The cassette's notes per denomination: stacked since it was last emptied or put back, or since
 * staff accepted a journal that failed its check (what came before is not counted from it: the
 * cassette is counted by hand at the next collection).
 */
export function cashboxFromJournal(records: readonly JournalRecord[]): CashboxCount[] {
  return walkCassette(records)
}
