/**
 * The durable journal: one SQLite row per record, hash-chained (src/core/journal.ts), written
 * and synced before the screen shows anything; its head (last record and transaction number)
 * anchored in a small file beside it after every commit, so that a journal restored from an older
 * copy, cut short or replaced is noticed at start (docs/reliability.md).
 *
 * A failing disk never loses a record: the records of a flush that fails stay queued and are
 * written, in order, by the next flush that succeeds (the kiosk retries while it is out of service).
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import {
  anyRecord,
  GENESIS_HASH,
  JournalWriteError,
  readRecord,
  recordHash,
  toJournalRecord,
  transactionNumberIn,
  type Journal,
  type JournalHead,
  type JournalKind,
  type JournalRecord,
  type JournalRecordOf,
  type RecordData,
  type StorageFailure,
  type StoredRecord
} from '../core/journal'
import { openDurableDatabase } from './sqlite'

interface Row {
  seq: number
  time: string
  kind: string
  data: string
  prev_hash: string
  hash: string
}

const toStored = (row: Row): StoredRecord => ({ seq: row.seq, time: row.time, kind: row.kind, data: row.data, prevHash: row.prev_hash, hash: row.hash })

const COLUMNS = 'seq, time, kind, data, prev_hash, hash'

/** Where the head of the journal at `journalPath` is anchored. */
export const headPathOf = (journalPath: string): string => `${journalPath}-head`

/** The head's size on disk: always the same, so each write overwrites the whole of the last one in place. */
const HEAD_BYTES = 256

/** The checksum of a head's fields: a head torn by a power cut mid-write does not match it. */
const headCheck = (head: JournalHead): string =>
  createHash('sha256').update(`${head.seq}\n${head.hash}\n${head.lastTransactionNumber}`).digest('hex').slice(0, 16)

/** A head as stored: its fields and their checksum, padded to HEAD_BYTES. */
function headRecord(head: JournalHead): Buffer {
  return Buffer.from(
    JSON.stringify({ seq: head.seq, hash: head.hash, lastTransactionNumber: head.lastTransactionNumber, check: headCheck(head) }).padEnd(HEAD_BYTES, ' ')
  )
}

/**
 * The anchored head of the journal at `journalPath`, or null when none is kept or it cannot be read
 * (a head torn by a power cut mid-write fails its checksum: the chain is then checked alone).
 */
export function readJournalHead(journalPath: string): JournalHead | null {
  let text: string
  try {
    text = readFileSync(headPathOf(journalPath), 'utf8')
  } catch {
    return null
  }
  try {
    const { check, ...head } = JSON.parse(text) as Partial<JournalHead> & { check?: string }
    if (!Number.isSafeInteger(head.seq) || typeof head.hash !== 'string' || !Number.isSafeInteger(head.lastTransactionNumber)) return null
    const valid = { seq: head.seq, hash: head.hash, lastTransactionNumber: head.lastTransactionNumber } as JournalHead
    return check === headCheck(valid) ? valid : null
  } catch {
    // A damaged head anchors nothing: the chain is checked alone (docs/journal.md).
    return null
  }
}

export interface SqliteJournalOptions {
  /** How long a write waits for a lock another process holds before it fails (default 5000 ms). */
  busyTimeoutMs?: number
  /** Caps the database's size in pages: a full disk, for tests. */
  maxPageCount?: number
}

/** The storage failure behind a SQLite or file-system error (docs/reliability.md). */
export function storageFailureOf(err: unknown): { failure: StorageFailure; detail: string } {
  const e = err as { errcode?: number; code?: string; message?: string }
  const detail = e?.message ?? String(err)
  const primary = typeof e?.errcode === 'number' ? e.errcode & 0xff : null
  if (primary === 13 || e?.code === 'ENOSPC' || e?.code === 'EDQUOT') return { failure: 'diskFull', detail }
  if (primary === 8 || e?.code === 'EROFS' || e?.code === 'EACCES' || e?.code === 'EPERM') return { failure: 'readOnly', detail }
  if (primary === 5 || primary === 6) return { failure: 'locked', detail }
  return { failure: 'ioError', detail }
}

const FAILURE_TEXT: Record<StorageFailure, string> = {
  diskFull: 'the disk is full',
  readOnly: 'the data folder is read-only',
  locked: 'the journal is locked by another process',
  fileDeleted: 'the journal file was deleted or replaced while the kiosk was running',
  ioError: 'the disk reported an error'
}

export class SqliteJournal implements Journal {
  private db: DatabaseSync
  private insert!: StatementSync
  private last: { seq: number; hash: string }
  private lastNumber: number
  /** Appended, not yet committed: written together at the next flush (kept when a flush fails). */
  private pending: StoredRecord[] = []
  private anchored: JournalHead | null
  /** The head file lags the journal (its write failed, or it is held): write it at the next flush. */
  private headStale = false
  private headHeld = false
  /** The head file, kept open while the journal is (its inode: a head file deleted under the kiosk is made again). */
  private headFd: number | null = null
  private headIno: number | null = null
  /** The journal file's identity when opened: a file deleted or swapped under the kiosk is noticed. */
  private fileId: number | null

  constructor(
    private readonly path: string,
    private readonly options: SqliteJournalOptions = {}
  ) {
    this.db = this.open()
    this.chainUnchainedRecords()
    this.prepareInsert()
    const last = this.db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
    this.last = last ?? { seq: 0, hash: GENESIS_HASH }
    this.lastNumber = this.numberInJournal()
    this.anchored = path === ':memory:' ? null : readJournalHead(path)
    this.fileId = this.currentFileId()
    // A journal older than heads (or a new one) gets its head now; a mismatching head is left for the kiosk to judge.
    if (path !== ':memory:' && this.anchored === null && this.last.seq > 0) this.headStale = true
  }

  private open(): DatabaseSync {
    const db = openDurableDatabase(this.path, { busyTimeoutMs: this.options.busyTimeoutMs })
    if (this.options.maxPageCount !== undefined) db.exec(`PRAGMA max_page_count = ${Math.trunc(this.options.maxPageCount)}`)
    db.exec(
      "CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '')"
    )
    return db
  }

  private prepareInsert(): void {
    this.insert = this.db.prepare('INSERT INTO journal (seq, time, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
  }

  private currentFileId(): number | null {
    if (this.path === ':memory:') return null
    return statSync(this.path, { throwIfNoEntry: false })?.ino ?? null
  }

  /** The last transaction number the journal holds (started, or carried on from an accepted rollback). */
  private numberInJournal(): number {
    const row = this.db
      .prepare(
        "SELECT max(coalesce(CASE kind WHEN 'transactionStarted' THEN json_extract(data, '$.number') ELSE json_extract(data, '$.lastTransactionNumber') END, 0)) AS n FROM journal WHERE kind IN ('transactionStarted', 'journalAccepted') AND json_valid(data)"
      )
      .get() as { n: number | null }
    return typeof row.n === 'number' ? row.n : 0
  }

  /** Journals written before the hash chain existed (no hash columns): chain their records once, in order. */
  private chainUnchainedRecords(): void {
    const columns = this.db.prepare('PRAGMA table_info(journal)').all() as { name: string }[]
    if (!columns.some((c) => c.name === 'hash')) {
      this.db.exec("ALTER TABLE journal ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''; ALTER TABLE journal ADD COLUMN hash TEXT NOT NULL DEFAULT ''")
    }
    const unchained = this.db.prepare("SELECT count(*) AS n FROM journal WHERE hash = ''").get() as { n: number }
    if (unchained.n === 0) return
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM journal ORDER BY seq`).all() as unknown as Row[]
    const update = this.db.prepare('UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?')
    this.db.exec('BEGIN IMMEDIATE')
    let prev = GENESIS_HASH
    for (const row of rows) {
      const hash = row.hash !== '' ? row.hash : recordHash({ seq: row.seq, time: row.time, kind: row.kind, data: row.data, prevHash: prev })
      if (row.hash === '') update.run(prev, hash, row.seq)
      prev = hash
    }
    this.db.exec('COMMIT')
  }

  append<K extends JournalKind>(kind: K, data: RecordData<K>, time: number): JournalRecordOf<K> {
    const seq = this.last.seq + 1
    const iso = new Date(time).toISOString()
    const json = JSON.stringify(data)
    // The same SHA-256 as recordHash (a test checks they agree), with Node's native hashing: the hot path.
    const hash = createHash('sha256').update(`${seq}\n${iso}\n${kind}\n${json}\n${this.last.hash}`).digest('hex')
    const stored: StoredRecord = { seq, time: iso, kind, data: json, prevHash: this.last.hash, hash }
    this.pending.push(stored)
    const record = readRecord(stored, kind)
    this.last = { seq, hash }
    this.lastNumber = Math.max(this.lastNumber, transactionNumberIn(anyRecord(record)))
    return record
  }

  /**
   * Commits the pending records in one transaction (one fsync for all the records of one step),
   * then moves the anchored head. Throws JournalWriteError when the store refuses; the records stay
   * queued for the next flush.
   */
  flush(): void {
    if (this.pending.length === 0 && !this.headStale) return
    try {
      this.checkFile()
      if (this.pending.length > 0) this.commit(this.pending)
      this.pending = []
      this.headStale = true
      this.writeHead()
    } catch (err) {
      if (err instanceof JournalWriteError) throw err
      const { failure, detail } = storageFailureOf(err)
      throw new JournalWriteError(failure, `${FAILURE_TEXT[failure]}: ${detail}`)
    }
  }

  private commit(batch: readonly StoredRecord[]): void {
    if (batch.length === 1) {
      const r = batch[0]!
      this.insert.run(r.seq, r.time, r.kind, r.data, r.prevHash, r.hash)
      return
    }
    this.db.exec('BEGIN IMMEDIATE')
    try {
      for (const r of batch) this.insert.run(r.seq, r.time, r.kind, r.data, r.prevHash, r.hash)
      this.db.exec('COMMIT')
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
  }

  /**
   * A journal file deleted (or swapped) under the running kiosk would take every later record with
   * it: SQLite would go on writing to the deleted file. Every flush fails while it is so; `repair`
   * (the kiosk's retry) writes this connection's whole journal back to the path.
   */
  private checkFile(): void {
    if (this.path === ':memory:') return
    const id = this.currentFileId()
    if (id !== null && id === this.fileId) return
    throw new JournalWriteError('fileDeleted', `${FAILURE_TEXT.fileDeleted}: ${this.path}`)
  }

  /**
   * Writes the journal back to its path from the open database when its file was deleted or swapped
   * under the kiosk (whatever file was put there is kept aside as `<path>.found-<time>`). Nothing to
   * do otherwise.
   */
  repair(): void {
    if (this.path === ':memory:') return
    const id = this.currentFileId()
    if (id !== null && id === this.fileId) return
    const restored = `${this.path}.restoring`
    rmSync(restored, { force: true })
    this.db.prepare('VACUUM INTO ?').run(restored)
    this.db.close()
    if (existsSync(this.path)) renameSync(this.path, `${this.path}.found-${Date.now()}`)
    // The deleted file's -wal and -shm (if left at the path) belong to the deleted database.
    for (const suffix of ['-wal', '-shm']) rmSync(this.path + suffix, { force: true })
    renameSync(restored, this.path)
    this.db = this.open()
    this.prepareInsert()
    this.fileId = this.currentFileId()
    this.headStale = true
  }

  /**
   * Writes the head in place (one fixed-size write into the head file kept open, no rename, no
   * fsync: a second fsync, or a rename per commit, halved the journal's throughput —
   * docs/benchmarks.md). A head that lags the journal is harmless: it is written after the commit,
   * so it is never ahead; a process killed at any point leaves it in the page cache, and only a power
   * loss within the system's writeback delay can leave it behind. A write torn by a power cut fails
   * the head's checksum and anchors nothing. A head file deleted under the kiosk is made again.
   */
  private writeHead(): void {
    if (this.path === ':memory:' || this.headHeld || !this.headStale) return
    const head: JournalHead = { seq: this.last.seq, hash: this.last.hash, lastTransactionNumber: this.lastNumber }
    const target = headPathOf(this.path)
    if (this.headFd === null || statSync(target, { throwIfNoEntry: false })?.ino !== this.headIno) {
      if (this.headFd !== null) closeSync(this.headFd)
      this.headFd = null
      const fd = openSync(target, 'w', 0o600)
      this.headFd = fd
      this.headIno = statSync(target).ino
    }
    writeSync(this.headFd, headRecord(head), 0, HEAD_BYTES, 0)
    this.anchored = head
    this.headStale = false
  }

  anchoredHead(): JournalHead | null {
    return this.anchored && { ...this.anchored }
  }

  holdHead(hold: boolean): void {
    this.headHeld = hold
    if (!hold) this.headStale = true
  }

  restoreOlderCopy(dropLast: number): number {
    this.pending = []
    const keep = Math.max(0, this.last.seq - dropLast)
    const dropped = this.last.seq - keep
    this.db.prepare('DELETE FROM journal WHERE seq > ?').run(keep)
    const last = this.db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
    this.last = last ?? { seq: 0, hash: GENESIS_HASH }
    this.lastNumber = this.numberInJournal()
    // The head file stays as it was: the older copy does not reach it.
    this.headStale = false
    return dropped
  }

  /** Records appended but not yet durable (a flush failed): what a failing disk holds back. */
  queued(): number {
    return this.pending.length
  }

  tail(count: number): JournalRecord[] {
    const durable = (
      this.db.prepare(`SELECT * FROM (SELECT ${COLUMNS} FROM journal ORDER BY seq DESC LIMIT ?) ORDER BY seq`).all(count) as unknown as Row[]
    ).map(toStored)
    // Records still queued behind a failing disk are part of the journal too: shown, marked by nothing but their order.
    return [...durable, ...this.pending].slice(-count).map(toJournalRecord)
  }

  all(): JournalRecord[] {
    return this.stored().map(toJournalRecord)
  }

  stored(): StoredRecord[] {
    const durable = (this.db.prepare(`SELECT ${COLUMNS} FROM journal ORDER BY seq`).all() as unknown as Row[]).map(toStored)
    return [...durable, ...this.pending]
  }

  close(): void {
    if (!this.db.isOpen) return
    try {
      this.flush()
    } finally {
      this.db.close()
      if (this.headFd !== null) closeSync(this.headFd)
      this.headFd = null
    }
  }
}
