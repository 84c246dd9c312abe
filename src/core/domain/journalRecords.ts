/**
 * Every journal record kind and the payload it is stored with: one map, `JournalPayloads`. Readers
 * `switch (record.kind)` on an `AnyJournalRecord` and the compiler narrows `record.data`.
 *
 * Payloads are what is STORED: the kiosk machine emits a card's full number (`cardNumber`), which
 * the runtime replaces by the masked number (`card`) and its keyed reference (`cardRef`) before
 * the record is written (src/core/cards.ts, protectCardNumber). Fields added after journals were
 * already kept (an older journal's record lacks them) are optional.
 */
import { protectCardNumber } from '../cards'
import type { CurrencyCode } from '../config'
import type { DeclineReason } from '../devices/pos'
import type { CashboxCount, JamPhase, ValidatorCondition } from '../machines/billValidatorMachine'
import type { CashBreakdown, Note } from '../money'
import type { Device, Language, ReturnReason } from '../protocol'
import type { ServiceRole, SettingsSection } from '../service/roles'
import type { PaymentMethod, RateLock } from './transaction'

export type { SettingsSection } from '../service/roles'

import type { JournalKind } from './journalKinds'
export { JOURNAL_KINDS, type JournalKind } from './journalKinds'

/**
 * The journal's head as kept outside the journal file (src/node: a small file written with every
 * commit): its last record and the last transaction number. A journal restored from an older copy,
 * cut short or replaced no longer reaches this head, and says so at start (`checkJournal`).
 */
export interface JournalHead {
  seq: number
  hash: string
  lastTransactionNumber: number
}

/** Why a journal is not trusted: its own chain is broken, or it does not reach the head anchored outside it. */
export type JournalProblem = 'chainBroken' | 'rolledBack' | 'replaced'

/** Why the journal could not be written: what staff see on the technician panel. */
export type StorageFailure = 'diskFull' | 'readOnly' | 'locked' | 'fileDeleted' | 'ioError'

/**
 * Why a host reloaded a window's page: its renderer process went away (Electron's
 * render-process-gone reasons, in camel case) or stopped answering (`unresponsive`: main ended it).
 */
export type ScreenLossReason =
  'crashed' | 'killed' | 'oom' | 'launchFailed' | 'integrityFailure' | 'abnormalExit' | 'cleanExit' | 'memoryEviction' | 'unresponsive'

/** The card as the journal keeps it: masked, and a keyed hash an operator with the key can search by. */
export type StoredCard = { card: string; cardRef: string }

/** Why a transaction was flagged for an operator. */
export type FlagReason = 'noteInDoubt' | 'creditOutcomeUnknown' | 'creditConflict' | 'interrupted'

/** An interface's fields as a plain object type (a record's data must fit `Record<string, unknown>`, e.g. the technician's journal view). */
type Fields<T> = { [P in keyof T]: T[P] }

export type JournalPayloads = {
  kioskStarted: {
    terminalId: string
    /** The interrupted transaction this start finishes. */
    resuming?: string
    /** The journal failed its start-up check. */
    journalProblem?: { problem: JournalProblem; message: string }
  }
  rateChanged: { currency: Exclude<CurrencyCode, 'KZT'>; rate: string; previous: string | null }
  transactionStarted: StoredCard & {
    transactionId: string
    number: number
    /** Absent in journals from before e-receipt tokens (their receipts used the id). */
    receiptToken?: string
    amountKzt: number | null
    method: PaymentMethod
    /** Absent in journals from before the language was recorded. */
    language?: Language
    /** Started in training mode: a training host, receipts marked TRAINING, left out of every total. */
    training?: true
  }
  ratesQuoted: Fields<RateLock> & { transactionId: string }
  /** A note in escrow and the kiosk's decision on it (a refused note carries why). */
  noteEscrowed: { transactionId: string | null; note: Note; decision: 'stack' | 'return'; reason: ReturnReason | null }
  noteStacked: { transactionId: string; note: Note }
  noteReturned: { transactionId: string | null; note: Note; reason: ReturnReason }
  cardCharged: { transactionId: string; amountKzt: number | null; authCode: string; maskedPan: string }
  cardDeclined: { transactionId: string; reason: DeclineReason }
  cardTimedOut: { transactionId: string }
  creditRequested: StoredCard & Fields<CashBreakdown> & { transactionId: string; attempt: number }
  creditFailed: { transactionId: string; attempt: number; reason: 'noAnswer' | 'refused' | 'conflict' }
  /** creditedKzt: absent in the earliest journals. */
  creditApplied: { transactionId: string; balanceBeforeKzt: number; balanceAfterKzt: number; creditedKzt?: number }
  cardReadFailed: Record<string, never>
  cardWritten: StoredCard & {
    transactionId: string
    amountKzt: number
    /** An earlier pending top-up written at this tap, not the session's own. */
    activatedAtTap?: true
  }
  cardWriteFailed: { transactionId: string; reason: 'cardRemoved' | 'notPresented' }
  noteInDoubt: { transactionId: string | null; note: Note; phase: JamPhase | 'powerUp' | null }
  transactionFlagged: Partial<Fields<CashBreakdown>> & {
    transactionId: string
    reasons: FlagReason[]
    stacked: Note[]
    notesInDoubt: Note[]
    /** Absent when a jam flags a cancelled transaction at once (nothing was credited). */
    credited?: boolean
    /** Credit requests sent (the machine's flag after crediting). */
    attempts?: number
  }
  deviceFault: { device: Device; fault: string | null }
  validatorCondition: { condition: ValidatorCondition | null }
  receiptPrinted: { transactionId: string | null; reprint?: true }
  receiptNotPrinted: { transactionId: string | null; reason: string; reprint?: true }
  transactionCompleted: { transactionId: string }
  transactionCancelled: { transactionId: string; reason?: 'kioskRestarted' }
  /** The collector's count of a collected cassette, and where it differs from the journal's (cashCollections). */
  recountRecorded: { collectionNumber: number; counted: CashboxCount[]; shortage: CashboxCount[]; surplus: CashboxCount[] }
  journalAccepted: {
    problem: JournalProblem
    message: string
    anchored: JournalHead | null
    found: { seq: number; hash: string }
    /** Where numbering carries on after the acceptance. */
    lastTransactionNumber: number
  }
  storageFailed: { failure: StorageFailure; message: string }
  storageRestored: { failure: StorageFailure; outOfServiceMs: number }
  /** Staff entered service mode (never the PIN: only the role it opened). */
  serviceLogin: { role: ServiceRole }
  /** A wrong PIN (never the PIN itself); `locked`: this one locked entry for the configured time. */
  serviceLoginFailed: { attemptsLeft: number; locked: boolean }
  serviceLogout: { role: ServiceRole; reason: 'staff' | 'inactivity' }
  /** A setting changed in service mode, applied from the next quote on. PINs: the roles whose PIN changed, never a hash. */
  settingsChanged: { role: ServiceRole; section: SettingsSection; before: unknown; after: unknown }
  /** Staff took the kiosk out of service (with why) or put it back (reason null). */
  outOfServiceSwitched: { role: ServiceRole; reason: string | null }
  /** Training mode on or off: transactions started while it is on are marked `training` and left out of every total. */
  trainingSwitched: { role: ServiceRole; on: boolean }
  /** An X report (the period so far) or a Z report (closes the period: the next one starts here). */
  shiftReport: { report: 'X' | 'Z'; number: number; from: string; to: string; role: ServiceRole }
  /** A flagged transaction resolved by staff: credited (with its own idempotency key) or refunded to the customer. */
  flaggedResolved: { transactionId: string; resolution: 'credited' | 'refunded'; role: ServiceRole; amountKzt: number; idempotencyKey?: string; note?: string }
  /** A device test from the service menu and its outcome. */
  deviceTested: { device: 'printer' | 'billValidator' | 'cardReader'; ok: boolean; detail: string; role: ServiceRole }
  /** A window's page reloaded by the Electron host after its renderer crashed or hung (the kiosk's state was never in it). */
  screenRecovered: { window: 'kiosk' | 'technician' | 'statechart'; reason: ScreenLossReason; exitCode?: number }
}

// Compile-time check: the map names exactly the kinds of JOURNAL_KINDS, no more, no fewer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const mapCoversEveryKind: Same<keyof JournalPayloads, JournalKind> = true
void mapCoversEveryKind

/** The data a record of kind K is stored with. */
export type RecordData<K extends JournalKind> = JournalPayloads[K]

/** A journal record of one kind. */
export interface JournalRecordOf<K extends JournalKind> {
  seq: number
  /** ISO 8601 instant. */
  time: string
  kind: K
  data: RecordData<K>
  /** SHA-256 (hex) of the previous record; GENESIS_HASH for the first. */
  prevHash: string
  /** SHA-256 (hex) of this record: see recordHash. */
  hash: string
}

/** Any journal record: `switch (r.kind)` narrows `r.data`. */
export type AnyJournalRecord = { [K in JournalKind]: JournalRecordOf<K> }[JournalKind]

/** A record of one kind seen as any record: the compiler cannot follow a generic kind into the union by itself. */
export const anyRecord = <K extends JournalKind>(record: JournalRecordOf<K>): AnyJournalRecord => record as AnyJournalRecord

/** The kinds whose data names a card: the machine emits its number, the journal keeps `card` and `cardRef`. */
type CardKind = 'transactionStarted' | 'creditRequested' | 'cardWritten'

/** The data the kiosk machine emits for a record of kind K (the card by its full number; see protectRecordData). */
export type EmittedData<K extends JournalKind> = EmittedPayloads[K]
type EmittedPayloads = { [K in JournalKind]: K extends CardKind ? Omit<JournalPayloads[K], keyof StoredCard> & { cardNumber: string } : JournalPayloads[K] }

/** A record's data as the machine emits it, made what the journal stores: the card's number masked and referenced by key. */
export function protectRecordData<K extends JournalKind>(data: EmittedData<K>, key: Uint8Array): RecordData<K> {
  // The one place emitted data becomes stored data: protectCardNumber swaps `cardNumber` for `card` and `cardRef`.
  return protectCardNumber(data, key) as RecordData<K>
}

/** A record the machine emits, before the runtime stores it (write-ahead: before the state is shown). */
export interface JournalEmittedOf<K extends JournalKind> {
  type: 'journal'
  kind: K
  data: EmittedData<K>
}

/** Any record the machine emits. */
export type JournalEmitted = { [K in JournalKind]: JournalEmittedOf<K> }[JournalKind]

/** A record to append: its kind and its data as stored (recovery's power-up records). */
export type JournalEntry = { [K in JournalKind]: { kind: K; data: RecordData<K> } }[JournalKind]

/** The transaction a record belongs to, or null (a kiosk-wide record, or a note that belongs to none). */
export function transactionIdOf(record: AnyJournalRecord): string | null {
  return 'transactionId' in record.data ? record.data.transactionId : null
}
