/**
 * What the kiosk screen shows in service mode (issue 15, docs/service.md): the PIN pad, the lockout,
 * the menu of the role logged in, and the page open. The machine decides the screen and the role;
 * the runtime adds the page's data from the journal (counters, collections, reports, receipts).
 */
import type { CurrencyCode } from '../config'
import type { ServicePage, ServiceRole, SettingsSection } from '../service/roles'

export { SERVICE_PAGES, SERVICE_ROLES, PAGES_OF_ROLE, type ServicePage, type ServiceRole } from '../service/roles'

/** Notes of one denomination, counted. */
export type DenominationCount = { currency: CurrencyCode; value: number; count: number }

/** A cash collection: what the journal says the cassette held, and the collector's recount. */
export interface CollectionView {
  number: number
  removedAt: string
  replacedAt: string
  expected: DenominationCount[]
  counted: DenominationCount[] | null
  shortage: DenominationCount[]
  surplus: DenominationCount[]
}

/** The result of the last thing staff did, as the page tells it (the screen words it in the kiosk's language). */
export type ServiceNotice =
  | { kind: 'recountRecorded'; collectionNumber: number; shortage: DenominationCount[]; surplus: DenominationCount[] }
  | { kind: 'reportPrinted'; report: 'X' | 'Z' | 'collection'; number: number }
  | { kind: 'receiptReprinted'; transactionId: string }
  | { kind: 'deviceTested'; device: 'printer' | 'billValidator' | 'cardReader'; ok: boolean; detail: string }
  | { kind: 'settingsChanged'; section: SettingsSection }
  | { kind: 'flaggedResolved'; transactionId: string; resolution: 'credited' | 'refunded' }
  | { kind: 'outOfServiceSwitched'; reason: string | null }
  | { kind: 'trainingSwitched'; on: boolean }
  /** The journal's selected records written as CSV: how many, and the file's name in the kiosk's exports. */
  | { kind: 'journalExported'; records: number; file: string }
  /** A request the core refused: the message names what was wrong (never a stack trace). */
  | { kind: 'refused'; message: string }

export interface ServiceCountersView {
  sinceCollection: DenominationCount[]
  lifetime: DenominationCount[]
  /** Bank-card payments, top-ups, flagged and in-doubt transactions of the open period (since the last Z report), training left out. */
  period: { from: string; cardPayments: { count: number; amountKzt: number }; topUps: { count: number; creditedKzt: number }; flagged: number; inDoubt: number }
}

/** One report in the history (collection reports, X and Z reports): kept as HTML/SVG where the host has a disk. */
export interface ServiceReportEntry {
  report: 'X' | 'Z' | 'collection'
  number: number
  from: string
  to: string
}

/** A customer's receipt that can be printed again (from the journal and the receipt archive, also after a restart). */
export interface ReprintableReceipt {
  transactionId: string
  time: string
  creditedKzt: number | null
  card: string | null
}

/** One journal record as the viewer lists it (the card masked, never its reference). */
export interface JournalRowView {
  seq: number
  time: string
  /** The record's kind (docs/journal.md). */
  kind: string
  transactionId: string | null
  card: string | null
  summary: string
}

/** A flagged transaction a customer may claim: what staff can resolve. */
export interface FlaggedTransactionView {
  transactionId: string
  time: string
  card: string | null
  reasons: string[]
  amountKzt: number | null
  resolved: 'credited' | 'refunded' | null
}

/** A transaction a customer's reference names, as the journal has it: what staff tell the customer. */
export interface ClaimedTransactionView {
  transactionId: string
  time: string
  card: string | null
  status: 'completed' | 'cancelled' | 'pending' | 'flagged'
  creditedKzt: number
  /** Written onto the card (false: it activates at the card's next tap). */
  writtenToCard: boolean
  /** A flagged one staff resolved. */
  resolved: 'credited' | 'refunded' | null
}

/** The settings an administrator edits (the same schema as the configuration file checks them). */
export interface ServiceSettingsView {
  rates: { currency: Exclude<CurrencyCode, 'KZT'>; rate: string }[]
  limits: { minTopUpKzt: number; maxTopUpKzt: number; maxBalanceKzt: number }
  fees: Record<'cashKzt' | 'cashForeign' | 'bankCard', { percent: string; minKzt: number }>
  bonus: { fromKzt: number; percent: string; maxKzt: number }[]
  /** The roles that have a PIN (never a hash). */
  pinRoles: ServiceRole[]
}

/** The page open and its data: only the open page's data is sent. */
export type ServicePageView =
  | { page: 'menu' }
  | { page: 'collection'; counters: ServiceCountersView; collections: CollectionView[]; cassetteOut: boolean }
  | { page: 'reports'; counters: ServiceCountersView; history: ServiceReportEntry[]; receipts: ReprintableReceipt[] }
  | { page: 'journal'; rows: JournalRowView[]; total: number; nextBefore: number | null; error: string | null }
  | {
      page: 'claims'
      flagged: FlaggedTransactionView[]
      /** A customer's reference staff looked up, and the transactions it names (null: no look-up). */
      lookup: { reference: string; found: ClaimedTransactionView[] } | null
    }
  | {
      page: 'devices'
      printer: { fault: string | null }
      billValidator: { condition: string | null; state: string }
      cardReader: { state: string }
      outOfServiceReason: string | null
    }
  | { page: 'settings'; settings: ServiceSettingsView; training: boolean }

export interface ServiceView {
  /** Who is logged in; null at the PIN pad and while entry is locked. */
  role: ServiceRole | null
  /** The pages this role may open, in menu order (empty before login). */
  pages: ServicePage[]
  /** PIN pad: the last PIN was wrong, and how many wrong PINs are left before entry locks. */
  pinWrong: boolean
  attemptsLeft: number
  /** serviceLocked: when entry opens again (ISO instant). */
  lockedUntil: string | null
  /** The open page and its data, once logged in. */
  page: ServicePageView | null
  /** The result of staff's last action on this page, or null. */
  notice: ServiceNotice | null
  /** Training mode is on: customer screens and receipts say TRAINING. */
  training: boolean
}
