/**
 * Recovery on start: what the journal says the kiosk was doing when it stopped (power cut, crash,
 * kill). The journal is the truth: it is written before anything is shown or commanded.
 *
 * - A transaction that had not ended is handed back to the kiosk machine, which finishes it by the
 *   rules: stacked notes (or an approved bank-card payment) are credited with the transaction's
 *   idempotency key — the host answers a credit it already applied with its first result, so
 *   nothing is credited twice —, written onto the card if it is presented, and flagged when a
 *   note is in doubt or the host cannot say.
 * - A note that was in the validator's path is handled as a validator does at power-up: one the
 *   kiosk had decided to stack may or may not have reached the cassette — it is "in doubt"; one
 *   being returned is pushed back out.
 * - The cashbox count is rebuilt from the stacked notes since the cassette was last emptied.
 */
import type { CreditResult } from './devices/host'
import { cashboxFromJournal } from './audit'
import type { JournalKind, JournalRecord } from './journal'
import type { CashboxCount } from './machines/billValidatorMachine'
import type { PaymentMethod, RateLock, Transaction } from './machines/kioskContext'
import type { Note } from './money'
import type { Language, ReturnedNote, ReturnReason } from './protocol'

/** A transaction the kiosk was in the middle of when it stopped. */
export interface InterruptedTransaction {
  transaction: Transaction
  amountKzt: number
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

export interface Recovery {
  interrupted: InterruptedTransaction | null
  /** Notes in the cassette since it was last emptied or put back. */
  cashbox: CashboxCount[]
  /** Records the kiosk writes at start for what the power-up did (notes in the path). */
  powerUpRecords: { kind: JournalKind; data: Record<string, unknown> }[]
}

interface Tracked {
  interrupted: InterruptedTransaction
  /** Cancelled, flagged or completed: nothing left to do. */
  ended: boolean
  /** A note between escrow and its outcome: the decision taken, or null. */
  inPath: { note: Note; decision: 'stack' | 'return' } | null
}

const ENDING_KINDS: ReadonlySet<JournalKind> = new Set(['transactionCancelled', 'transactionFlagged', 'transactionCompleted'])

/** Reads the journal (oldest first) and says what to finish. */
export function recoverFromJournal(records: readonly JournalRecord[]): Recovery {
  const byId = new Map<string, Tracked>()
  let strayInPath: { note: Note; decision: 'stack' | 'return' } | null = null
  for (const { kind, data, time } of records) {
    const id = (data.transactionId as string | null | undefined) ?? null
    if (kind === 'transactionStarted') {
      byId.set(id!, {
        ended: false,
        inPath: null,
        interrupted: {
          transaction: {
            id: id!,
            number: data.number as number,
            // Journals from before e-receipt tokens: the id, as their receipts had it.
            receiptToken: (data.receiptToken as string | undefined) ?? encodeURIComponent(id!),
            method: data.method as PaymentMethod,
            quote: null,
            stacked: [],
            returned: [],
            inDoubt: [],
            cardPayment: null
          },
          amountKzt: data.amountKzt as number,
          cardRef: data.cardRef as string,
          creditAttempts: 0,
          language: (data.language as Language | undefined) ?? null,
          credit: null,
          written: false,
          writeFailed: false
        }
      })
      continue
    }
    const tracked = id ? byId.get(id) : undefined
    if (kind === 'noteEscrowed') {
      const inPath = { note: data.note as Note, decision: data.decision as 'stack' | 'return' }
      if (tracked) tracked.inPath = inPath
      else strayInPath = inPath
      continue
    }
    if (kind === 'noteStacked' || kind === 'noteReturned' || kind === 'noteInDoubt') {
      if (tracked) tracked.inPath = null
      else strayInPath = null
    }
    if (!tracked) continue
    const t = tracked.interrupted
    if (kind === 'ratesQuoted') t.transaction.quote = { rates: data.rates as RateLock['rates'], quotedAt: data.quotedAt as string, validUntil: data.validUntil as string }
    else if (kind === 'noteStacked') t.transaction.stacked.push(data.note as Note)
    else if (kind === 'noteReturned') t.transaction.returned.push({ note: data.note as Note, reason: data.reason as ReturnReason })
    else if (kind === 'noteInDoubt') t.transaction.inDoubt.push(data.note as Note)
    else if (kind === 'cardCharged') t.transaction.cardPayment = { maskedPan: data.maskedPan as string, authCode: data.authCode as string }
    else if (kind === 'creditRequested') t.creditAttempts = data.attempt as number
    else if (kind === 'creditApplied')
      t.credit = { idempotencyKey: t.transaction.id, balanceBeforeKzt: data.balanceBeforeKzt as number, balanceAfterKzt: data.balanceAfterKzt as number, appliedAt: time }
    else if (kind === 'cardWritten') t.written = true
    else if (kind === 'cardWriteFailed') t.writeFailed = true
    if (ENDING_KINDS.has(kind)) tracked.ended = true
  }

  const powerUpRecords: Recovery['powerUpRecords'] = []
  // A top-up written (or left pending) with nothing in doubt is done, whatever record was lost after it;
  // with a note in doubt it still has to be flagged.
  const open = [...byId.values()].filter(({ ended, interrupted: t, inPath }) => !ended && !((t.written || t.writeFailed) && t.transaction.inDoubt.length === 0 && !inPath))
  for (const tracked of open) if (tracked.inPath) powerUpRecords.push(...powerUp(tracked.inPath, tracked.interrupted.transaction.id, tracked.interrupted.transaction))
  if (strayInPath) powerUpRecords.push(...powerUp(strayInPath, null, null))
  // Only the last transaction can be open (the next starts after the previous ended); should an
  // older one be, it is flagged for an operator rather than guessed at.
  for (const { interrupted: t } of open.slice(0, -1)) {
    powerUpRecords.push({ kind: 'transactionFlagged', data: { transactionId: t.transaction.id, reasons: ['interrupted'], stacked: t.transaction.stacked, notesInDoubt: t.transaction.inDoubt, credited: t.credit !== null } })
  }
  return { interrupted: open.at(-1)?.interrupted ?? null, cashbox: cashboxFromJournal(records), powerUpRecords }
}

/** What a validator does at power-up with a note in its path, and the record of it. */
function powerUp(inPath: { note: Note; decision: 'stack' | 'return' }, transactionId: string | null, transaction: Transaction | null): Recovery['powerUpRecords'] {
  if (inPath.decision === 'return') {
    const returned: ReturnedNote = { note: inPath.note, reason: 'powerUp' }
    transaction?.returned.push(returned)
    return [{ kind: 'noteReturned', data: { transactionId, note: inPath.note, reason: 'powerUp' } }]
  }
  transaction?.inDoubt.push(inPath.note)
  return [{ kind: 'noteInDoubt', data: { transactionId, note: inPath.note, phase: 'powerUp' } }]
}
