/**
 * The durable journal: one SQLite row per record, hash-chained (src/core/journal.ts), written
 * and synced before the screen shows anything.
 */
import { createHash } from 'node:crypto'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { GENESIS_HASH, recordHash, toJournalRecord, type Journal, type JournalKind, type JournalRecord, type StoredRecord } from '../core/journal'
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

export class SqliteJournal implements Journal {
  private readonly db: DatabaseSync
  private readonly insert: StatementSync
  private readonly selectTail: StatementSync
  private readonly selectAll: StatementSync
  private last: { seq: number; hash: string }
  /** Appended, not yet committed: written together at the next flush. */
  private pending: StoredRecord[] = []

  constructor(path: string) {
    this.db = openDurableDatabase(path)
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '')"
    )
    this.chainUnchainedRecords()
    this.insert = this.db.prepare('INSERT INTO journal (seq, time, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
    this.selectTail = this.db.prepare(`SELECT * FROM (SELECT ${COLUMNS} FROM journal ORDER BY seq DESC LIMIT ?) ORDER BY seq`)
    this.selectAll = this.db.prepare(`SELECT ${COLUMNS} FROM journal ORDER BY seq`)
    const last = this.db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
    this.last = last ?? { seq: 0, hash: GENESIS_HASH }
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

  append(kind: JournalKind, data: Record<string, unknown>, time: number): JournalRecord {
    const seq = this.last.seq + 1
    const iso = new Date(time).toISOString()
    const json = JSON.stringify(data)
    // The same SHA-256 as recordHash (a test checks they agree), with Node's native hashing: the hot path.
    const hash = createHash('sha256').update(`${seq}\n${iso}\n${kind}\n${json}\n${this.last.hash}`).digest('hex')
    this.pending.push({ seq, time: iso, kind, data: json, prevHash: this.last.hash, hash })
    const record: JournalRecord = { seq, time: iso, kind, data: JSON.parse(json) as Record<string, unknown>, prevHash: this.last.hash, hash }
    this.last = { seq, hash }
    return record
  }

  /** Commits the pending records in one transaction: one fsync for all the records of one step. */
  flush(): void {
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
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

  tail(count: number): JournalRecord[] {
    this.flush()
    return (this.selectTail.all(count) as unknown as Row[]).map((r) => toJournalRecord(toStored(r)))
  }

  all(): JournalRecord[] {
    return this.stored().map(toJournalRecord)
  }

  stored(): StoredRecord[] {
    this.flush()
    return (this.selectAll.all() as unknown as Row[]).map(toStored)
  }

  close(): void {
    if (!this.db.isOpen) return
    this.flush()
    this.db.close()
  }
}
