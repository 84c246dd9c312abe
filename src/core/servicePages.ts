/**
 * The data of the service page staff have open (only that page's), from the journal, the cassette's
 * ledger and the devices: what the machine's view leaves to the runtime (issue 15).
 */
import type { ActorRefFrom } from 'xstate'
import type { CurrencyCode, KioskConfig } from './config'
import type { SimulatedPrinter } from './devices/printer'
import type { CassetteLedger } from './domain/collections'
import type { JournalRecord } from './journal'
import type { billValidatorMachine } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { FlaggedTransactionView, ServicePageView, ServiceSettingsView } from './protocol'
import type { ServicePage } from './service/roles'
import { SERVICE_ROLES } from './service/roles'
import { quoteRates, type RateQuote } from './money'

export interface PageSources {
  config: KioskConfig
  marketRates: RateQuote
  training: boolean
  closedReason: string | null
  ledger: CassetteLedger
  records: () => JournalRecord[]
  printer: SimulatedPrinter
  validator: ActorRefFrom<typeof billValidatorMachine>
  cardReader: ActorRefFrom<typeof cardReaderMachine>
  /** The pages whose data comes from the reports and the journal viewer (./serviceReports.ts). */
  reportsPage: () => Extract<ServicePageView, { page: 'reports' }>
  journalPage: () => Extract<ServicePageView, { page: 'journal' }>
  counters: () => Extract<ServicePageView, { page: 'collection' }>['counters']
}

/** How many collections the collection page lists (newest last). */
const SHOWN_COLLECTIONS = 10

export function servicePageView(page: ServicePage | 'menu', s: PageSources): ServicePageView {
  switch (page) {
    case 'menu':
      return { page }
    case 'collection':
      return {
        page,
        counters: s.counters(),
        collections: s.ledger.collections().slice(-SHOWN_COLLECTIONS),
        cassetteOut: s.validator.getSnapshot().context.condition === 'cassetteRemoved'
      }
    case 'reports':
      return s.reportsPage()
    case 'journal':
      return s.journalPage()
    case 'claims':
      return { page, flagged: flaggedTransactions(s.records()) }
    case 'devices': {
      const validator = s.validator.getSnapshot()
      const reader = s.cardReader.getSnapshot()
      return {
        page,
        printer: { fault: s.printer.fault },
        billValidator: { condition: validator.context.jammedNote ? 'jam' : validator.context.condition, state: String(validator.value) },
        cardReader: { state: reader.context.readError ? 'readError' : String(reader.value) },
        outOfServiceReason: s.closedReason
      }
    }
    case 'settings':
      return { page, settings: settingsView(s.config, s.marketRates), training: s.training }
  }
}

/** Every flagged transaction of the journal, newest first, with its resolution once staff made one. */
export function flaggedTransactions(records: readonly JournalRecord[]): FlaggedTransactionView[] {
  const flagged = new Map<string, FlaggedTransactionView>()
  const cards = new Map<string, string>()
  for (const r of records) {
    if (r.kind === 'transactionStarted') cards.set(r.data.transactionId, r.data.card)
    else if (r.kind === 'transactionFlagged') {
      const { transactionId, reasons, creditedKzt } = r.data
      flagged.set(transactionId, {
        transactionId,
        time: r.time,
        card: cards.get(transactionId) ?? null,
        reasons: [...reasons],
        amountKzt: creditedKzt ?? null,
        resolved: null
      })
    } else if (r.kind === 'flaggedResolved') {
      const entry = flagged.get(r.data.transactionId)
      if (entry) entry.resolved = r.data.resolution
    }
  }
  return [...flagged.values()].reverse()
}

/** The settings as an administrator edits them (PIN hashes never leave the core: only which roles have one). */
export function settingsView(config: KioskConfig, marketRates: RateQuote): ServiceSettingsView {
  const configured = quoteRates(config)
  const foreign = (Object.keys(configured) as Exclude<CurrencyCode, 'KZT'>[]).filter((c) => config.currencies[c])
  return {
    rates: foreign.map((currency) => ({ currency, rate: marketRates[currency] ?? configured[currency]! })),
    limits: { ...config.limits },
    fees: { cashKzt: { ...config.fees.cashKzt }, cashForeign: { ...config.fees.cashForeign }, bankCard: { ...config.fees.bankCard } },
    bonus: config.bonus.map((tier) => ({ ...tier })),
    pinRoles: SERVICE_ROLES.filter((role) => config.service.pins[role] !== undefined)
  }
}
