/** Training mode's transactions, folded from the journal: every total (reports, counters, the audit's credits) leaves them out. */
import type { JournalRecord } from '../journal'

/** The ids of the transactions started in training mode. */
export function trainingTransactions(records: readonly JournalRecord[]): Set<string> {
  const ids = new Set<string>()
  for (const r of records) if (r.kind === 'transactionStarted' && r.data.training === true) ids.add(r.data.transactionId)
  return ids
}
