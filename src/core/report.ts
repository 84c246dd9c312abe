/** Transaction summaries for reports, rebuilt from the journal: the durable record is the truth. */
import type { KioskConfig } from './config'
import type { JournalRecord } from './journal'
import { cashBreakdown, type Note, type RateQuote } from './money'
import type { ReturnReason } from './protocol'

export type TransactionStatus = 'completed' | 'cancelled' | 'pending' | 'flagged'

export interface TransactionSummary {
  id: string
  card: string
  status: TransactionStatus
  method: 'cash' | 'card'
  amountKzt: number
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
  const requested = new Set<string>()
  const flagged = new Set<string>()
  const cancelled = new Set<string>()
  for (const { kind, data } of records) {
    const id = data.transactionId as string | null | undefined
    if (kind === 'transactionStarted') {
      byId.set(id!, {
        id: id!,
        card: data.card as string,
        status: 'pending',
        method: data.method as 'cash' | 'card',
        amountKzt: data.amountKzt as number,
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
    const t = id ? byId.get(id) : undefined
    if (!t) continue
    if (kind === 'ratesQuoted') t.rates = data.rates as RateQuote
    else if (kind === 'noteStacked') t.stacked.push(data.note as Note)
    else if (kind === 'noteReturned') t.returned.push({ ...(data.note as Note), reason: data.reason as ReturnReason })
    else if (kind === 'creditRequested') {
      requested.add(t.id)
      t.grossKzt = data.grossKzt as number
      t.feeKzt = data.feeKzt as number
      t.bonusKzt = data.bonusKzt as number
      t.creditedKzt = data.creditedKzt as number
    } else if (kind === 'creditApplied') {
      t.balanceBeforeKzt = data.balanceBeforeKzt as number
      t.balanceAfterKzt = data.balanceAfterKzt as number
    } else if (kind === 'noteInDoubt') t.inDoubt.push(data.note as Note)
    else if (kind === 'cardWritten') t.writtenToCard = true
    else if (kind === 'transactionFlagged') flagged.add(t.id)
    else if (kind === 'transactionCancelled') cancelled.add(t.id)
  }
  for (const t of byId.values()) {
    t.status = flagged.has(t.id) ? 'flagged' : cancelled.has(t.id) ? 'cancelled' : t.writtenToCard ? 'completed' : 'pending'
    // A card payment moves no money before it is approved and sent for credit.
    if (requested.has(t.id) || t.method === 'card') continue
    const b = cashBreakdown(t.stacked, t.rates, config)
    Object.assign(t, { grossKzt: b.grossKzt, feeKzt: b.feeKzt, bonusKzt: b.bonusKzt, creditedKzt: b.creditedKzt })
  }
  return [...byId.values()]
}
