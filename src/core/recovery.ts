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
import { cashboxFromJournal } from './domain/cashbox'
import type { JournalEntry } from './domain/journalRecords'
import { openTransactions, type InterruptedTransaction, type NoteInPath } from './domain/openTransactions'
import type { Transaction } from './domain/transaction'
import type { JournalRecord } from './journal'
import type { CashboxCount } from './machines/billValidatorMachine'
import type { ReturnedNote } from './protocol'

export type { InterruptedTransaction } from './domain/openTransactions'

export interface Recovery {
  interrupted: InterruptedTransaction | null
  /** Notes in the cassette since it was last emptied or put back. */
  cashbox: CashboxCount[]
  /** Records the kiosk writes at start for what the power-up did (notes in the path). */
  powerUpRecords: JournalEntry[]
}

/** Reads the journal (oldest first) and says what to finish. */
export function recoverFromJournal(records: readonly JournalRecord[]): Recovery {
  const { open, strayInPath } = openTransactions(records)
  const powerUpRecords: JournalEntry[] = []
  for (const { interrupted, inPath } of open) if (inPath) powerUpRecords.push(powerUp(inPath, interrupted.transaction.id, interrupted.transaction))
  if (strayInPath) powerUpRecords.push(powerUp(strayInPath, null, null))
  // Only the last transaction can be open (the next starts after the previous ended); should an
  // older one be, it is flagged for an operator rather than guessed at.
  for (const { interrupted: t } of open.slice(0, -1)) {
    powerUpRecords.push({
      kind: 'transactionFlagged',
      data: {
        transactionId: t.transaction.id,
        reasons: ['interrupted'],
        stacked: t.transaction.stacked,
        notesInDoubt: t.transaction.inDoubt,
        credited: t.credit !== null
      }
    })
  }
  return { interrupted: open.at(-1)?.interrupted ?? null, cashbox: cashboxFromJournal(records), powerUpRecords }
}

/** What a validator does at power-up with a note in its path, and the record of it. */
function powerUp(inPath: NoteInPath, transactionId: string | null, transaction: Transaction | null): JournalEntry {
  if (inPath.decision === 'return') {
    const returned: ReturnedNote = { note: inPath.note, reason: 'powerUp' }
    transaction?.returned.push(returned)
    return { kind: 'noteReturned', data: { transactionId, note: inPath.note, reason: 'powerUp' } }
  }
  transaction?.inDoubt.push(inPath.note)
  return { kind: 'noteInDoubt', data: { transactionId, note: inPath.note, phase: 'powerUp' } }
}
