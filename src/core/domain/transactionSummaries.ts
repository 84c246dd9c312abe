/** Transaction summaries for reports, folded from the journal: the durable record is the truth. */
import type { KioskConfig } from '../config'
import type { JournalRecord } from '../journal'
import { cashBreakdown, type Note, type RateQuote } from '../money'
import type { ReturnReason } from '../protocol'
import { creditsByTransaction } from './credits'
import { transactionIdOf } from './journalRecords'
import type { PaymentMethod } from './transaction'

export type TransactionStatus = 'completed' | 'cancelled' | 'pending' | 'flagged'

export interface TransactionSummary {
  id: string
  card: string
  status: TransactionStatus
  method: PaymentMethod
  /** The amount chosen, as journaled when the transaction started. */
  amountKzt: number | null
  stacked: Note[]
  returned: (Note & { reason: ReturnReason })[]
  /** Notes the validator jammed on (maybe in the cashbox): an operator resolves them. */
  inDoubt: Note[]
  /** Whether the top-up is written onto the card (false: pending, it activates at the card's next tap). */
  writtenToCard: boolean
  grossKzt: number
  feeKzt: number
  bonusKzt: number
  creditedKzt: number
  balanceBeforeKzt: number | null
  balanceAfterKzt: number | null
  rates: RateQuote
}

/**
 * One summary per transaction in the journal, in the order they started. Amounts are those
 * journaled with the credit request; before it, what the money rules give for the stacked notes.
 * Status: flagged once flagged (an operator must act, whatever else happened); else cancelled;
 * else completed once credited and written onto the card; else pending.
 */
export function summarizeTransactions(records: readonly JournalRecord[], config: Pick<KioskConfig, 'fees' | 'bonus'>): TransactionSummary[] {
  const byId = new Map<string, TransactionSummary>()
  const flagged = new Set<string>()
  const cancelled = new Set<string>()
  for (const r of records) {
    if (r.kind === 'transactionStarted') {
      const { data } = r
      byId.set(data.transactionId, {
        id: data.transactionId,
        card: data.card,
        status: 'pending',
        method: data.method,
        amountKzt: data.amountKzt,
        stacked: [],
        returned: [],
        inDoubt: [],
        writtenToCard: false,
        grossKzt: 0,
        feeKzt: 0,
        bonusKzt: 0,
        creditedKzt: 0,
        balanceBeforeKzt: null,
        balanceAfterKzt: null,
        rates: {}
      })
      continue
    }
    const id = transactionIdOf(r)
    const t = id ? byId.get(id) : undefined
    if (!t) continue
    switch (r.kind) {
      case 'ratesQuoted':
        t.rates = r.data.rates
        break
      case 'noteStacked':
        t.stacked.push(r.data.note)
        break
      case 'noteReturned':
        t.returned.push({ ...r.data.note, reason: r.data.reason })
        break
      case 'noteInDoubt':
        t.inDoubt.push(r.data.note)
        break
      case 'cardWritten':
        t.writtenToCard = true
        break
      case 'transactionFlagged':
        flagged.add(t.id)
        break
      case 'transactionCancelled':
        cancelled.add(t.id)
        break
    }
  }
  const credits = creditsByTransaction(records)
  for (const t of byId.values()) {
    t.status = flagged.has(t.id) ? 'flagged' : cancelled.has(t.id) ? 'cancelled' : t.writtenToCard ? 'completed' : 'pending'
    const credit = credits.get(t.id)
    if (credit?.applied) Object.assign(t, { balanceBeforeKzt: credit.applied.balanceBeforeKzt, balanceAfterKzt: credit.applied.balanceAfterKzt })
    // A card payment moves no money before it is approved and sent for credit.
    const b = credit?.requested ?? (t.method === 'card' ? null : cashBreakdown(t.stacked, t.rates, config))
    if (b) Object.assign(t, { grossKzt: b.grossKzt, feeKzt: b.feeKzt, bonusKzt: b.bonusKzt, creditedKzt: b.creditedKzt })
  }
  return [...byId.values()]
}
