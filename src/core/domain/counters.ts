/** The kiosk's counters, folded from the journal: top-ups by outcome, notes stacked, bank-card payments. */
import type { KioskConfig } from '../config'
import type { JournalRecord } from '../journal'
import type { CashboxCount } from '../machines/billValidatorMachine'
import { CassetteLedger } from './collections'
import { trainingTransactions } from './training'
import { summarizeTransactions, type TransactionStatus } from './transactionSummaries'

export interface TopUpCounters {
  /** Transactions by their status now (see summarizeTransactions). */
  topUps: Record<TransactionStatus, number>
  /** Every note stacked in the journal, per currency and denomination (not only the cassette's since it was emptied). */
  stacked: CashboxCount[]
  /** Bank-card payments approved. */
  cardPayments: number
}

/**
 * Counts the journal's top-ups, stacked notes and bank-card payments. Training transactions are in
 * no top-up or card-payment count; their notes, physically in the cassette, stay in the notes'.
 */
export function countTopUps(records: readonly JournalRecord[], config: Pick<KioskConfig, 'fees' | 'bonus'>): TopUpCounters {
  const topUps: Record<TransactionStatus, number> = { completed: 0, flagged: 0, cancelled: 0, pending: 0 }
  const training = trainingTransactions(records)
  for (const t of summarizeTransactions(records, config)) if (!training.has(t.id)) topUps[t.status]++
  const cardPayments = records.filter((r) => r.kind === 'cardCharged' && !training.has(r.data.transactionId)).length
  // The notes are the cassette ledger's lifetime count: one walk of the journal counts notes.
  const stacked = CassetteLedger.of(records).counters().lifetime
  return { topUps, stacked, cardPayments }
}
