/** The durable journal: one SQLite row per record, written before the screen shows anything. */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { Journal, JournalKind, JournalRecord } from '../core/journal'
import { openDurableDatabase } from './sqlite'

interface Row {
  seq: number
  time: string
  kind: string
  data: string
}

const toRecord = (row: Row): JournalRecord => ({ seq: row.seq, time: row.time, kind: row.kind as JournalKind, data: JSON.parse(row.data) as Record<string, unknown> })

export class SqliteJournal implements Journal {
  private readonly db: DatabaseSync
  private readonly insert: StatementSync
  private readonly selectTail: StatementSync
  private readonly selectAll: StatementSync

  constructor(path: string) {
    this.db = openDurableDatabase(path)
    this.db.exec('CREATE TABLE IF NOT EXISTS journal (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL)')
    this.insert = this.db.prepare('INSERT INTO journal (time, kind, data) VALUES (?, ?, ?) RETURNING seq')
    this.selectTail = this.db.prepare('SELECT * FROM (SELECT seq, time, kind, data FROM journal ORDER BY seq DESC LIMIT ?) ORDER BY seq')
    this.selectAll = this.db.prepare('SELECT seq, time, kind, data FROM journal ORDER BY seq')
  }

  append(kind: JournalKind, data: Record<string, unknown>, time: number): JournalRecord {
    const iso = new Date(time).toISOString()
    const json = JSON.stringify(data)
    const { seq } = this.insert.get(iso, kind, json) as { seq: number }
    return { seq, time: iso, kind, data: JSON.parse(json) as Record<string, unknown> }
  }

  tail(count: number): JournalRecord[] {
    return (this.selectTail.all(count) as unknown as Row[]).map(toRecord)
  }

  all(): JournalRecord[] {
    return (this.selectAll.all() as unknown as Row[]).map(toRecord)
  }

  close(): void {
    if (this.db.isOpen) this.db.close()
  }
}
