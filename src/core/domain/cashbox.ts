/** The cassette's count, folded from the journal (the walk itself is the ledger's: ./collections). */
import type { JournalRecord } from '../journal'
import type { CashboxCount } from '../machines/billValidatorMachine'
import { CassetteLedger } from './collections'

/**
 * The cassette's notes per denomination: stacked since it was last emptied or put back, or since
 * staff accepted a journal that failed its check (what came before is not counted from it: the
 * cassette is counted by hand at the next collection).
 */
export function cashboxFromJournal(records: readonly JournalRecord[]): CashboxCount[] {
  return CassetteLedger.of(records).cassette()
}
