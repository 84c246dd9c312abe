/**
 * Reading a kiosk journal file for audits (`kiosk-sim journal verify | export`): read-only, as
 * stored, without migrating or writing anything.
 */
import { existsSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import type { StoredRecord } from '../core/journal'

/** The CSV writer is pure: it lives in the core, beside the service mode's journal viewer. */
export { journalCsv } from '../core/service/journalCsv'

export class JournalFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JournalFileError'
  }
}

/** Every record of the journal at `path` in sequence order; throws JournalFileError when it is not a readable kiosk journal. */
export function readJournalFile(path: string): StoredRecord[] {
  if (!existsSync(path)) throw new JournalFileError(`${path}: no such file`)
  let db: DatabaseSync
  try {
    db = new DatabaseSync(path, { readOnly: true })
  } catch (err) {
    throw new JournalFileError(`${path}: cannot open it as a SQLite database: ${(err as Error).message}`)
  }
  try {
    const columns = (db.prepare('PRAGMA table_info(journal)').all() as { name: string }[]).map((c) => c.name)
    if (columns.length === 0) throw new JournalFileError(`${path}: not a kiosk journal (no journal table)`)
    if (!columns.includes('hash')) throw new JournalFileError(`${path}: written before the journal was hash-chained; start the kiosk on it once to chain it`)
    const rows = db.prepare('SELECT seq, time, kind, data, prev_hash, hash FROM journal ORDER BY rowid').all() as {
      seq: number
      time: string
      kind: string
      data: string
      prev_hash: string
      hash: string
    }[]
    return rows.map((r) => ({ seq: r.seq, time: r.time, kind: r.kind, data: r.data, prevHash: r.prev_hash, hash: r.hash }))
  } catch (err) {
    if (err instanceof JournalFileError) throw err
    throw new JournalFileError(`${path}: cannot read the journal: ${(err as Error).message}`)
  } finally {
    db.close()
  }
}
