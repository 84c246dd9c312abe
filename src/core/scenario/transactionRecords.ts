/** What the runner keeps of the journal as the kiosk writes it, so an `expect` need not read the whole journal again. */
import { anyRecord, transactionIdOf, type Journal, type JournalKind, type JournalRecord, type JournalRecordOf, type RecordData } from '../journal'

/**
 * Each transaction's journal records, kept as they are appended. A transaction's summary depends
 * only on its own records, so `summarizeTransactions(latest())` is the last summary of the whole
 * journal, without reading the journal again.
 */
export class TransactionRecords {
  private readonly byId = new Map<string, JournalRecord[]>()
  /** The transaction whose first `transactionStarted` came last (the order summarizeTransactions lists them in). */
  private latestId: string | null = null

  add(record: JournalRecord): void {
    const id = transactionIdOf(record)
    if (id === null) return
    let records = this.byId.get(id)
    if (!records) this.byId.set(id, (records = []))
    if (record.kind === 'transactionStarted' && !records.some((r) => r.kind === 'transactionStarted')) this.latestId = id
    records.push(record)
  }

  /** The records of the latest transaction; none before the first one starts. */
  latest(): JournalRecord[] {
    return this.latestId === null ? [] : this.byId.get(this.latestId)!
  }
}

/** A journal passed through unchanged, telling `onRecord` of every record appended. */
export class WatchedJournal implements Journal {
  constructor(
    private readonly inner: Journal,
    private readonly onRecord: (record: JournalRecord) => void
  ) {}

  append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number): JournalRecordOf<K> {
    const record = this.inner.append(kind, data, time)
    this.onRecord(anyRecord(record))
    return record
  }

  flush(): void {
    this.inner.flush()
  }

  tail(count: number): JournalRecord[] {
    return this.inner.tail(count)
  }

  all(): JournalRecord[] {
    return this.inner.all()
  }

  stored(): ReturnType<Journal['stored']> {
    return this.inner.stored()
  }

  close(): void {
    this.inner.close()
  }

  anchoredHead(): ReturnType<NonNullable<Journal['anchoredHead']>> {
    return this.inner.anchoredHead?.() ?? null
  }

  holdHead(hold: boolean): void {
    this.inner.holdHead?.(hold)
  }

  repair(): void {
    this.inner.repair?.()
  }
}
