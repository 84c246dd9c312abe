/**
 * One kiosk per data folder. Two processes writing one journal would interleave two hash chains
 * and two sets of transaction numbers, so a kiosk holds an exclusive lock on `kiosk.lock` in its
 * data folder for as long as it runs, and a second one refuses to start with one clear line.
 *
 * The lock is SQLite's own (a POSIX advisory lock on the file, taken by an exclusive transaction
 * that is never committed): the operating system drops it when the process ends, however it ends —
 * a kiosk killed mid-transaction leaves no stale lock behind to clear by hand.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

/** Another kiosk already runs on this data folder. */
export class DataDirBusyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataDirBusyError'
  }
}

export interface DataDirLock {
  /** Lets the next kiosk start on this folder (also done by the operating system when the process ends). */
  release(): void
}

interface Holder {
  pid: number
  host: string
  since: string
}

/** Takes the data folder for this process; throws DataDirBusyError naming who holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const lockPath = join(dataDir, 'kiosk.lock')
  const holderPath = join(dataDir, 'kiosk.lock.json')
  const db = new DatabaseSync(lockPath)
  try {
    db.exec('PRAGMA busy_timeout = 0')
    db.exec('BEGIN EXCLUSIVE')
  } catch (err) {
    db.close()
    const busy = (err as { errcode?: number }).errcode !== undefined && ((err as { errcode: number }).errcode & 0xff) === 5
    if (!busy) throw err
    throw new DataDirBusyError(
      `another kiosk${describeHolder(holderPath)} is running on the data folder ${dataDir}: stop it first, or give this one another folder (--data DIR)`
    )
  }
  // Who holds it, for the message the next one prints (written once the lock is ours).
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
  writeFileSync(holderPath, JSON.stringify(holder))
  let held = true
  return {
    release() {
      if (!held) return
      held = false
      db.close()
    }
  }
}

function describeHolder(holderPath: string): string {
  try {
    const holder = JSON.parse(readFileSync(holderPath, 'utf8')) as Partial<Holder>
    if (typeof holder.pid === 'number')
      return ` (process ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}${holder.since ? `, since ${holder.since}` : ''})`
  } catch {
    // No holder file (yet): the lock alone says enough.
  }
  return ''
}
