/**
 * The soak's journal: chained and read back exactly as MemoryJournal's records are, but holding
 * only its last records in the heap, as a kiosk's SQLite journal holds the rest on disk. Without it
 * the soak would measure the in-memory journal's records (about 1 KB each, kept by design) rather
 * than what the kiosk itself keeps. Asking for every record once some were let go is an error: the
 * soak then shows that a customer session reads the whole journal.
 */
import { anyRecord, chainRecord, GENESIS_HASH, readRecord, toJournalRecord, transactionNumberIn } from '../src/core/journal'
import type { Journal, JournalHead, JournalKind, JournalRecord, JournalRecordOf, RecordData, StoredRecord } from '../src/core/journal'

export class WindowJournal implements Journal {
  private records: StoredRecord[] = []
  private lastSeq = 0
  private lastHash = GENESIS_HASH
  private lastNumber = 0
  private head: JournalHead | null = null

  /** `keep`: how many of the last records stay in the heap. */
  constructor(private readonly keep = 200) {}

  /** How many records were appended in all. */
  get appended(): number {
    return this.lastSeq
  }

  append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number): JournalRecordOf<K> {
    const record = chainRecord(this.lastSeq + 1, new Date(time).toISOString(), kind, data, this.lastHash)
    this.lastSeq = record.seq
    this.lastHash = record.hash
    this.records.push(record)
    // Always the same number held, so the samples compare like with like.
    if (this.records.length > this.keep) this.records.shift()
    const appended = readRecord(record, kind)
    this.lastNumber = Math.max(this.lastNumber, transactionNumberIn(anyRecord(appended)))
    return appended
  }

  flush(): void {
    this.head = { seq: this.lastSeq, hash: this.lastHash, lastTransactionNumber: this.lastNumber }
  }

  anchoredHead(): JournalHead | null {
    return this.head && { ...this.head }
  }

  tail(count: number): JournalRecord[] {
    if (count > this.records.length && this.lastSeq > this.records.length)
      throw new Error(`the soak's journal keeps its last ${this.records.length} records, ${count} were asked`)
    return this.records.slice(-count).map(toJournalRecord)
  }

  all(): JournalRecord[] {
    return this.stored().map(toJournalRecord)
  }

  stored(): StoredRecord[] {
    if (this.lastSeq > this.records.length)
      throw new Error(`the whole journal was read during the soak (its first ${this.lastSeq - this.records.length} records are no longer in memory)`)
    return this.records.map((r) => ({ ...r }))
  }

  close(): void {}
}
