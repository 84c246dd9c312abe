/**
 * The electronic journal: every event a support person or auditor needs, in order.
 * The core only appends through this interface; the durable SQLite store lives in src/node.
 *
 * Records appended are durable once `flush()` returns (a store may commit the records of one
 * step together: group commit, one fsync). The runtime flushes before any screen sees the new
 * state and before any device or host is asked to act on it: write-ahead, as docs/journal.md says.
 *
 * Records form a hash chain: each carries the SHA-256 of the previous record, and its own hash
 * covers its sequence number, time, kind, data and that previous hash. Changing, removing,
 * inserting or reordering any record breaks the chain at that record (`verifyChain`).
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  anyRecord,
  JOURNAL_KINDS,
  type AnyJournalRecord,
  type JournalHead,
  type JournalKind,
  type JournalProblem,
  type JournalRecordOf,
  type RecordData,
  type StorageFailure
} from './domain/journalRecords'

export { anyRecord, JOURNAL_KINDS, transactionIdOf } from './domain/journalRecords'
export type { JournalHead, JournalKind, JournalProblem, StorageFailure } from './domain/journalRecords'
export type { AnyJournalRecord, JournalEntry, JournalPayloads, JournalRecordOf, RecordData } from './domain/journalRecords'

/** Any journal record, its data typed by its kind (the map: ./domain/journalRecords). */
export type JournalRecord = AnyJournalRecord

/** A record as stored: its data exactly as the JSON text that was hashed. */
export interface StoredRecord {
  seq: number
  time: string
  kind: string
  /** The data as JSON text, byte for byte as hashed. */
  data: string
  prevHash: string
  hash: string
}

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * The hash of a record: SHA-256 over its fields joined by line feeds (no field can contain one:
 * the data is JSON, whose strings escape control characters), as lowercase hex.
 */
export function recordHash(record: Omit<StoredRecord, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes([record.seq, record.time, record.kind, record.data, record.prevHash].join('\n'))))
}

/** Builds the next stored record of a chain whose last record has `prevHash` and `seq - 1`. */
export function chainRecord(seq: number, time: string, kind: JournalKind, data: object, prevHash: string): StoredRecord {
  const record = { seq, time, kind, data: JSON.stringify(data), prevHash }
  return { ...record, hash: recordHash(record) }
}

/**
 * A stored record read back as its kind's record: the one place a record's JSON text is parsed.
 * The data is taken as its kind's payload without further checks (the chain vouches for it).
 */
export function readRecord<K extends JournalKind>(r: StoredRecord, kind: K): JournalRecordOf<K> {
  const data: RecordData<K> = JSON.parse(r.data)
  return { seq: r.seq, time: r.time, kind, data, prevHash: r.prevHash, hash: r.hash }
}

/** A stored record read back (its kind as stored: verifyChain names an unknown one). */
export const toJournalRecord = (r: StoredRecord): AnyJournalRecord => anyRecord(readRecord(r, r.kind as JournalKind))

export type ChainVerdict = { ok: true; records: number; head: string } | { ok: false; seq: number; problem: string }

/**
 * Checks a journal read in sequence order: numbers 1, 2, 3… without gaps or repeats, each
 * record's previous hash equal to the hash of the record before, each hash matching its content,
 * and each kind known. Names the first bad record. (A journal cut short at its end still verifies:
 * compare `head` with a copy kept elsewhere, e.g. the last hash in the host's records.)
 */
export function verifyChain(records: Iterable<StoredRecord>): ChainVerdict {
  let expectedSeq = 1
  let prev = GENESIS_HASH
  let count = 0
  for (const r of records) {
    if (r.seq !== expectedSeq)
      return { ok: false, seq: r.seq, problem: `found record ${r.seq} where record ${expectedSeq} should be: records were removed, repeated or reordered` }
    if (r.prevHash !== prev)
      return {
        ok: false,
        seq: r.seq,
        problem: `record ${r.seq} does not follow record ${r.seq - 1} (previous hash differs): a record was removed, inserted or changed before it`
      }
    if (recordHash(r) !== r.hash) return { ok: false, seq: r.seq, problem: `record ${r.seq} was changed (its hash does not match its content)` }
    if (!(JOURNAL_KINDS as readonly string[]).includes(r.kind)) return { ok: false, seq: r.seq, problem: `record ${r.seq} has an unknown kind "${r.kind}"` }
    prev = r.hash
    expectedSeq++
    count++
  }
  return { ok: true, records: count, head: prev }
}

export type JournalTrust =
  | { ok: true }
  | {
      ok: false
      problem: JournalProblem
      /** What is wrong, for staff and `journal verify`: names the record and the head. */
      message: string
      /** The head anchored outside the journal, when there is one. */
      anchored: JournalHead | null
      /** The journal's own last record (seq 0 when it is empty). */
      found: { seq: number; hash: string }
    }

/**
 * Checks a journal (as stored, oldest first) against the head anchored outside it: the chain must
 * verify, and the journal must reach the anchored head with the same record there. A journal that
 * goes past its head is fine (the head is written after the journal commits, so a crash can leave
 * it one commit behind). No anchored head (a new kiosk, or a journal from before heads were kept)
 * trusts the chain alone.
 */
export function checkJournal(stored: readonly StoredRecord[], anchored: JournalHead | null): JournalTrust {
  const last = stored.at(-1)
  const found = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH }
  const chain = verifyChain(stored)
  if (!chain.ok) return { ok: false, problem: 'chainBroken', message: chain.problem, anchored, found }
  if (!anchored || anchored.seq === 0) return { ok: true }
  if (found.seq < anchored.seq) {
    const message =
      found.seq === 0
        ? `the journal is empty, but its head (kept beside it) says it reached record ${anchored.seq}: it was deleted or replaced`
        : `the journal ends at record ${found.seq}, but its head (kept beside it) says it reached record ${anchored.seq}: it was restored from an older copy or cut short (records ${found.seq + 1}–${anchored.seq} are missing)`
    return { ok: false, problem: 'rolledBack', message, anchored, found }
  }
  const atHead = stored[anchored.seq - 1]!
  if (atHead.hash !== anchored.hash) {
    return {
      ok: false,
      problem: 'replaced',
      message: `record ${anchored.seq} is not the one its head (kept beside it) anchored: the journal was replaced by another one`,
      anchored,
      found
    }
  }
  return { ok: true }
}

/**
 * The journal's store refused a write. Nothing appended is lost: the records stay queued in the
 * process and are written, in order, at the next flush that succeeds.
 */
export class JournalWriteError extends Error {
  constructor(
    readonly failure: StorageFailure,
    message: string
  ) {
    super(message)
    this.name = 'JournalWriteError'
  }
}

export interface Journal {
  /** Appends a record (durable at the next flush) and returns it with its sequence number and hash. */
  append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number): JournalRecordOf<K>
  /** Makes every record appended so far durable, in one commit. */
  flush(): void
  /** The last `count` records, oldest first. */
  tail(count: number): JournalRecord[]
  /** Every record, oldest first. */
  all(): JournalRecord[]
  /** Every record as stored (data as the hashed JSON text), oldest first: for verification. */
  stored(): StoredRecord[]
  close(): void
  /** The head anchored outside the journal now (null: none is kept, e.g. in memory, or none yet). */
  anchoredHead?(): JournalHead | null
  /**
   * Holds the anchored head where it is (true) while the journal does not match it, so the evidence
   * outlasts a restart until staff accept the journal as it is; false lets it follow every commit again.
   */
  holdHead?(hold: boolean): void
  /**
   * A drill (scenario `restoreJournal`): the journal is replaced by an older copy of itself, its last
   * `dropLast` records gone, while its anchored head stays. Only for a journal no kiosk is running on
   * (after a power cut). Returns how many records went.
   */
  restoreOlderCopy?(dropLast: number): number
  /** Mends what a failed write left (a journal file deleted under the kiosk is written back): the kiosk's retry calls it before writing again. */
  repair?(): void
}

/** A record kept in memory: its hashes worked out when first read (`MemoryJournal.chained`). */
type UnchainedRecord = Omit<StoredRecord, 'prevHash' | 'hash'> & Partial<Pick<StoredRecord, 'prevHash' | 'hash'>>

/**
 * An in-memory journal for tests and headless runs (not durable), chained like the durable one; it
 * anchors its head at every flush as the durable one does in its head file, so a restored older
 * copy (`restoreOlderCopy`) is noticed the same way. The chain's hashes are worked out when first
 * read, not at every append: a generated walk appends hundreds of thousands of records and reads
 * almost none of them back (the same hashes, only later).
 */
export class MemoryJournal implements Journal {
  private records: UnchainedRecord[] = []
  /** How many records, from the first, have their hashes worked out. */
  private hashed = 0
  /** The head as of the last flush: its record, whose hash is worked out when asked for. */
  private head: { record: UnchainedRecord; lastTransactionNumber: number } | null = null
  private headHeld = false
  private lastNumber = 0

  append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number): JournalRecordOf<K> {
    const record: UnchainedRecord = { seq: this.records.length + 1, time: new Date(time).toISOString(), kind, data: JSON.stringify(data) }
    this.records.push(record)
    const parsed: RecordData<K> = JSON.parse(record.data)
    this.lastNumber = Math.max(this.lastNumber, transactionNumberIn({ kind, data: parsed } as JournalRecord))
    // Each record's hashes are its own once worked out (restoreOlderCopy works them all out before records go).
    const chained = (seq: number) => (record.hash === undefined ? this.chained(seq) : (record as StoredRecord))
    return {
      seq: record.seq,
      time: record.time,
      kind,
      data: parsed,
      get prevHash() {
        return chained(record.seq).prevHash
      },
      get hash() {
        return chained(record.seq).hash
      }
    }
  }

  /** Record `seq` with its hashes, worked out (with every record's before it) if not yet. */
  private chained(seq: number): StoredRecord {
    for (; this.hashed < seq; this.hashed++) {
      const r = this.records[this.hashed]!
      r.prevHash = this.hashed === 0 ? GENESIS_HASH : this.records[this.hashed - 1]!.hash!
      r.hash = recordHash(r as Omit<StoredRecord, 'hash'>)
    }
    return this.records[seq - 1] as StoredRecord
  }

  private chainedAll(): StoredRecord[] {
    if (this.records.length > 0) this.chained(this.records.length)
    return this.records as StoredRecord[]
  }

  anchoredHead(): JournalHead | null {
    const head = this.head
    if (!head) return null
    const { seq, hash } = head.record.hash === undefined ? this.chained(head.record.seq) : (head.record as StoredRecord)
    return { seq, hash, lastTransactionNumber: head.lastTransactionNumber }
  }

  holdHead(hold: boolean): void {
    this.headHeld = hold
    if (!hold) this.flush()
  }

  restoreOlderCopy(dropLast: number): number {
    const dropped = Math.min(dropLast, this.records.length)
    // Every hash worked out before records go: the head and the records handed out keep theirs.
    this.chainedAll()
    this.records = this.records.slice(0, this.records.length - dropped)
    this.hashed = Math.min(this.hashed, this.records.length)
    this.lastNumber = lastTransactionNumber(this.all())
    return dropped
  }

  tail(count: number): JournalRecord[] {
    return this.chainedAll().slice(-count).map(toJournalRecord)
  }

  all(): JournalRecord[] {
    return this.chainedAll().map(toJournalRecord)
  }

  stored(): StoredRecord[] {
    return this.chainedAll().map((r) => ({ ...r }))
  }

  flush(): void {
    const last = this.records.at(-1)
    if (!this.headHeld && last && this.head?.record !== last) this.head = { record: last, lastTransactionNumber: this.lastNumber }
  }

  close(): void {}
}

/**
 * The highest transaction number in the journal, so numbering continues after a restart; a
 * journal staff accepted after a rollback carries on from the number its head had reached.
 */
export function lastTransactionNumber(records: readonly JournalRecord[]): number {
  let last = 0
  for (const r of records) last = Math.max(last, transactionNumberIn(r))
  return last
}

/** The transaction number a record takes numbering to (a start's, or an accepted journal's carried one), or 0. */
export function transactionNumberIn(record: JournalRecord): number {
  const number = record.kind === 'transactionStarted' ? record.data.number : record.kind === 'journalAccepted' ? record.data.lastTransactionNumber : undefined
  // Checked all the same: a record's data is as its JSON was written, whatever its type says.
  return typeof number === 'number' ? number : 0
}
