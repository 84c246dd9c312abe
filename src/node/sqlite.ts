/** Opens SQLite databases the way the kiosk needs them: WAL and fsync on every commit. */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

export interface DurableDatabaseOptions {
  /** How long a write waits for another process's lock before SQLite gives up with SQLITE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number | undefined
}

export function openDurableDatabase(path: string, options: DurableDatabaseOptions = {}): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new DatabaseSync(path)
  db.exec('PRAGMA journal_mode = WAL')
  // FULL: every commit is fsynced before it returns, so a record is durable when append() returns.
  db.exec('PRAGMA synchronous = FULL')
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  return db
}
