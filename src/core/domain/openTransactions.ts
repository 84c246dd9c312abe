/** The transactions the journal leaves open (not ended), folded from its records: what recovery finishes at start. */
import type { CreditResult } from '../devices/host'
import type { JournalRecord } from '../journal'
import type { Note } from '../money'
import type { Language } from '../protocol'
import { creditsByTransaction } from './credits'
import { transactionIdOf } from './journalRecords'
import { newTransaction, type Transaction } from './transaction'

/** A transaction the kiosk was in the middle of when it stopped. */
export interface InterruptedTransaction {
  transaction: Transaction
  /** The amount chosen, as journaled at the start. */
  amountKzt: number | null
  /** The card's keyed reference (the host resolves it to the card; the journal has no card numbers). */
  cardRef: string
  /** Credit requests already sent (the next one carries the same key). */
  creditAttempts: number
  /** The host's answer, when it had come. */
  credit: CreditResult | null
  /** The language the customer chose (null in journals from before it was recorded). */
  language: Language | null
  /** The top-up was written onto the card. */
  written: boolean
  /** Writing it onto the card failed (it stays pending at the host). */
  writeFailed: boolean
}

/** A note between escrow and its outcome, and the decision taken on it. */
export interface NoteInPath {
  note: Note
  decision: 'stack' | 'return'
}

/** An open transaction and the note its validator was moving when the kiosk stopped, if any. */
export interface OpenTransaction {
  interrupted: InterruptedTransaction
  inPath: NoteInPath | null
}

export interface OpenTransactions {
  /** Oldest first: only the last can rightly be open (the next starts after the previous ended). */
  open: OpenTransaction[]
  /** A note of no transaction (pushed in outside the cash screen) still in the validator's path. */
  strayInPath: NoteInPath | null
}

interface Tracked extends OpenTransaction {
  /** Cancelled, flagged or completed: nothing left to do. */
  ended: boolean
}

/**
 * The transactions not ended in the journal (oldest first), as far as their records go. A top-up
 * written (or left pending) with nothing in doubt is done, whatever record was lost after it; with
 * a note in doubt it still has to be flagged.
 */
export function openTransactions(records: readonly JournalRecord[]): OpenTransactions {
  const byId = new Map<string, Tracked>()
  let strayInPath: NoteInPath | null = null
  for (const r of records) {
    if (r.kind === 'transactionStarted') {
      const { data } = r
      const transaction = newTransaction({
        id: data.transactionId,
        number: data.number,
        // Journals from before e-receipt tokens: the id, as their receipts had it.
        receiptToken: data.receiptToken ?? encodeURIComponent(data.transactionId),
        method: data.method
      })
      const { amountKzt, cardRef } = data
      const interrupted = {
        transaction,
        amountKzt,
        cardRef,
        creditAttempts: 0,
        language: data.language ?? null,
        credit: null,
        written: false,
        writeFailed: false
      }
      byId.set(data.transactionId, { ended: false, inPath: null, interrupted })
      continue
    }
    const id = transactionIdOf(r)
    const tracked = id ? byId.get(id) : undefined
    if (r.kind === 'noteEscrowed') {
      const inPath = { note: r.data.note, decision: r.data.decision }
      if (tracked) tracked.inPath = inPath
      else strayInPath = inPath
      continue
    }
    if (r.kind === 'noteStacked' || r.kind === 'noteReturned' || r.kind === 'noteInDoubt') {
      if (tracked) tracked.inPath = null
      else strayInPath = null
    }
    if (!tracked) continue
    const t = tracked.interrupted
    switch (r.kind) {
      case 'ratesQuoted':
        t.transaction.quote = { rates: r.data.rates, quotedAt: r.data.quotedAt, validUntil: r.data.validUntil }
        break
      case 'noteStacked':
        t.transaction.stacked.push(r.data.note)
        break
      case 'noteReturned':
        t.transaction.returned.push({ note: r.data.note, reason: r.data.reason })
        break
      case 'noteInDoubt':
        t.transaction.inDoubt.push(r.data.note)
        break
      case 'cardCharged':
        t.transaction.cardPayment = { maskedPan: r.data.maskedPan, authCode: r.data.authCode }
        break
      case 'cardWritten':
        t.written = true
        break
      case 'cardWriteFailed':
        t.writeFailed = true
        break
      case 'transactionCancelled':
      case 'transactionFlagged':
      case 'transactionCompleted':
        tracked.ended = true
        break
    }
  }
  const credits = creditsByTransaction(records)
  for (const { interrupted: t } of byId.values()) {
    const credit = credits.get(t.transaction.id)
    t.creditAttempts = credit?.attempts ?? 0
    t.credit = credit?.applied ? { idempotencyKey: t.transaction.id, ...credit.applied } : null
  }
  const open = [...byId.values()].filter(
    ({ ended, interrupted: t, inPath }) => !ended && !((t.written || t.writeFailed) && t.transaction.inDoubt.length === 0 && !inPath)
  )
  return { open: open.map(({ interrupted, inPath }) => ({ interrupted, inPath })), strayInPath }
}
