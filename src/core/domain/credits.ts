/** Each transaction's credit at the host, folded from the journal. */
import type { JournalRecord } from '../journal'
import type { CashBreakdown } from '../money'

export interface TransactionCredit {
  /** Credit requests sent so far (all with the transaction's id as the idempotency key). */
  attempts: number
  /** What the last request asked the host to credit, or null before the first. */
  requested: CashBreakdown | null
  /** The host's answer, once it applied the credit (appliedAt: the record's time). */
  applied: { balanceBeforeKzt: number; balanceAfterKzt: number; appliedAt: string } | null
}

/**
 * The credit of every transaction the journal started, by transaction id: its records from its
 * start on (a record of a transaction not started yet belongs to none).
 */
export function creditsByTransaction(records: readonly JournalRecord[]): Map<string, TransactionCredit> {
  const byId = new Map<string, TransactionCredit>()
  for (const r of records) {
    if (r.kind === 'transactionStarted') byId.set(r.data.transactionId, { attempts: 0, requested: null, applied: null })
    else if (r.kind === 'creditRequested') {
      const credit = byId.get(r.data.transactionId)
      if (!credit) continue
      const { tengeGrossKzt, foreignGrossKzt, grossKzt, feeKzt, netKzt, bonusKzt, creditedKzt } = r.data
      credit.attempts = r.data.attempt
      credit.requested = { tengeGrossKzt, foreignGrossKzt, grossKzt, feeKzt, netKzt, bonusKzt, creditedKzt }
    } else if (r.kind === 'creditApplied') {
      const credit = byId.get(r.data.transactionId)
      if (credit) credit.applied = { balanceBeforeKzt: r.data.balanceBeforeKzt, balanceAfterKzt: r.data.balanceAfterKzt, appliedAt: r.time }
    }
  }
  return byId
}
