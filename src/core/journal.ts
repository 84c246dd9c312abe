/**
 * The electronic journal: every event a support person or auditor needs, in order.
 * The core only appends through this interface; the durable SQLite store lives in src/node.
 * An append must be durable when it returns: screens are updated only after it.
 */

export const JOURNAL_KINDS = [
  'kioskStarted',
  'rateChanged',
  'transactionStarted',
  'ratesQuoted',
  'noteEscrowed',
  'noteStacked',
  'noteReturned',
  'cardCharged',
  'cardDeclined',
  'cardTimedOut',
  'creditRequested',
  'creditFailed',
  'creditApplied',
  'cardReadFailed',
  'cardWritten',
  'cardWriteFailed',
  'noteInDoubt',
  'transactionFlagged',
  'deviceFault',
  'validatorCondition',
  'receiptPrinted',
  'receiptNotPrinted',
  'transactionCompleted',
  'transactionCancelled'
] as const
export type JournalKind = (typeof JOURNAL_KINDS)[number]

export interface JournalRecord {
  seq: number
  /** ISO 8601 instant. */
  time: string
  kind: JournalKind
  data: Record<string, unknown>
}

export interface Journal {
  /** Appends a record durably and returns it with its sequence number. */
  append(kind: JournalKind, data: Record<string, unknown>, time: number): JournalRecord
  /** The last `count` records, oldest first. */
  tail(count: number): JournalRecord[]
  /** Every record, oldest first. */
  all(): JournalRecord[]
  close(): void
}

/** An in-memory journal for tests (not durable). */
export class MemoryJournal implements Journal {
  private readonly records: JournalRecord[] = []

  append(kind: JournalKind, data: Record<string, unknown>, time: number): JournalRecord {
    const record: JournalRecord = { seq: this.records.length + 1, time: new Date(time).toISOString(), kind, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> }
    this.records.push(record)
    return record
  }

  tail(count: number): JournalRecord[] {
    return this.records.slice(-count)
  }

  all(): JournalRecord[] {
    return [...this.records]
  }

  close(): void {}
}

/** The highest transaction number in the journal, so numbering continues after a restart. */
export function lastTransactionNumber(records: readonly JournalRecord[]): number {
  let last = 0
  for (const r of records) if (r.kind === 'transactionStarted' && typeof r.data.number === 'number') last = Math.max(last, r.data.number)
  return last
}
