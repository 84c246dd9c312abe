/**
 * Writing the kiosk's journal ahead of what it shows and commands, and living through a disk that
 * refuses: the storage outage (out of service at once, records queued, a retry every few seconds,
 * back in service once a write succeeds). The storage drill makes the writes fail as a real disk's would.
 */
import type { KioskClock } from './clock'
import { anyRecord, protectRecordData, type AnyJournalRecord, type JournalEmittedOf } from './domain/journalRecords'
import { JournalWriteError, type Journal, type JournalKind, type RecordData, type StorageFailure } from './journal'

/** Why the journal cannot be written now, and since when (the technician panel names it). */
export interface StorageOutage {
  failure: StorageFailure
  message: string
  /** Kiosk-clock milliseconds when the first write failed. */
  since: number
  /** The technician's drill, not the disk. */
  simulated: boolean
}

/** The storage faults a trainer can drill (the journal's writes fail as a real disk's would). */
export type StorageFault = Extract<StorageFailure, 'diskFull' | 'readOnly' | 'locked'>

const SIMULATED_STORAGE_TEXT: Record<StorageFault, string> = {
  diskFull: 'the disk is full (simulated)',
  readOnly: 'the data folder is read-only (simulated)',
  locked: 'the journal is locked by another program (simulated)'
}

/** What the writer tells the kiosk. */
export interface JournalWriterHooks {
  /** The core stopped (a bug): nothing is written for it any more. */
  isStopped(): boolean
  /** An error that is not the disk's: a bug, the kiosk stops. */
  stop(err: unknown): void
  /** The journal cannot be written: the kiosk goes out of service at once. */
  outOfService(): void
  /** The retry's moment: the kiosk flushes (and tells its screens) again. */
  retry(): void
  /** A record was appended (queued for the next flush): the kiosk's running folds take it in. */
  appended(record: AnyJournalRecord): void
}

export class JournalWriter {
  /** The storage drill a trainer switched on, or null. */
  fault: StorageFault | null = null
  /** The journal can be written again: the kiosk restarts from it as soon as no note is on its way into the cassette. */
  restartDue = false
  private current: StorageOutage | null = null
  private retryTimer: unknown = null

  constructor(
    private readonly journal: Journal,
    private readonly clock: KioskClock,
    private readonly hooks: JournalWriterHooks,
    private readonly retryMs = 2000
  ) {}

  /** Why the journal cannot be written now, or null. */
  get outage(): StorageOutage | null {
    return this.current
  }

  /** Appends a record now (durable at the next flush). */
  append<K extends JournalKind>(kind: K, data: RecordData<K>): void {
    this.hooks.appended(anyRecord(this.journal.append(kind, data, this.clock.now())))
  }

  /** A record the machine emitted, stored with the card's number masked and referenced by `key` (durable at the step's flush). */
  store<K extends JournalKind>(e: JournalEmittedOf<K>, key: Uint8Array): void {
    this.hooks.appended(anyRecord(this.journal.append(e.kind, protectRecordData(e.data, key), this.clock.now())))
  }

  /**
   * Before a device or the host is asked to act: the journal must hold the step that asked. When it
   * cannot be written, the call is not made (the promise fails) and the kiosk goes out of service.
   */
  flushBeforeActing(): void {
    if (this.fault) throw new JournalWriteError(this.fault, SIMULATED_STORAGE_TEXT[this.fault])
    this.journal.flush()
  }

  /**
   * Makes the journal durable up to now. A disk that refuses takes the kiosk out of service at once
   * (the machine's `storageFailed`: no cash taken, the customer told what became of their money);
   * the records stay queued and the kiosk tries again every few seconds, and carries on once a write
   * succeeds. Any other error is a bug: the kiosk stops.
   */
  flush(): void {
    if (this.hooks.isStopped()) return
    try {
      this.flushBeforeActing()
    } catch (err) {
      if (err instanceof JournalWriteError) this.failed(err)
      else this.hooks.stop(err)
      return
    }
    if (this.current) this.restored()
  }

  /** Stops trying again (the kiosk stopped, or lost power). */
  cancelRetry(): void {
    if (this.retryTimer === null) return
    this.clock.clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private failed(err: JournalWriteError): void {
    if (this.current) {
      this.current = { ...this.current, failure: err.failure, message: err.message }
      return
    }
    this.current = { failure: err.failure, message: err.message, since: this.clock.now(), simulated: this.fault !== null }
    // Queued with the rest: the journal tells auditors when it could not be written, and why.
    this.append('storageFailed', { failure: err.failure, message: err.message })
    this.hooks.outOfService()
    this.scheduleRetry()
  }

  /**
   * The queued records are on disk again. The session the failure interrupted is finished from the
   * journal as after a power cut (stacked notes credited, or flagged with their reference), once the
   * validator has settled any note it was moving.
   */
  private restored(): void {
    const outage = this.current!
    this.current = null
    this.cancelRetry()
    this.append('storageRestored', { failure: outage.failure, outOfServiceMs: this.clock.now() - outage.since })
    this.restartDue = true
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null) return
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null
      if (!this.current) return
      try {
        this.journal.repair?.()
      } catch {
        // Not mended yet (the disk still refuses): the write below fails and says why.
      }
      this.hooks.retry()
      if (this.current) this.scheduleRetry()
    }, this.retryMs)
  }
}
