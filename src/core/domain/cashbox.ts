/** The cassette's count, folded from the journal. */
import type { JournalRecord } from '../journal'
import type { CashboxCount, ValidatorCondition } from '../machines/billValidatorMachine'

/**
 * The cassette's notes per denomination: stacked since it was last emptied or put back, or since
 * staff accepted a journal that failed its check (what came before is not counted from it: the
 * cassette is counted by hand at the next collection).
 */
export function cashboxFromJournal(records: readonly JournalRecord[]): CashboxCount[] {
  let cashbox: CashboxCount[] = []
  let last: ValidatorCondition | null = null
  for (const r of records) {
    switch (r.kind) {
      case 'journalAccepted':
        cashbox = []
        break
      case 'validatorCondition':
        if (r.data.condition === null && (last === 'stackerFull' || last === 'cassetteRemoved')) cashbox = []
        last = r.data.condition
        break
      case 'noteStacked': {
        const note = r.data.note
        const entry = cashbox.find((c) => c.currency === note.currency && c.value === note.value)
        if (entry) entry.count++
        else cashbox.push({ currency: note.currency, value: note.value, count: 1 })
        break
      }
    }
  }
  return cashbox
}
