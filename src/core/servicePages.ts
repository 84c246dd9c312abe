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
import type { ClaimedTransactionView, FlaggedTransactionView, ServicePageView, ServiceSettingsView } from './protocol'
import { summarizeTransactions } from './domain/transactionSummaries'
import { matchesReference } from './service/journalQuery'
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
  /** The reference staff looked up on the claims page, or null. */
  claimReference: string | null
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
    case 'claims': {
      const records = s.records()
      return { page, flagged: flaggedTransactions(records), lookup: s.claimReference === null ? null : lookUpClaim(records, s.config, s.claimReference) }
    }
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

/** How many transactions a look-up lists (a reference names one; a bare number may name a few over restored journals). */
const SHOWN_CLAIMS = 10

/** The transactions a customer's reference names, from the journal's summaries, newest first. */
export function lookUpClaim(records: readonly JournalRecord[], config: KioskConfig, reference: string): { reference: string; found: ClaimedTransactionView[] } {
  const resolved = new Map<string, 'credited' | 'refunded'>()
  const started = new Map<string, string>()
  for (const r of records) {
    if (r.kind === 'flaggedResolved') resolved.set(r.data.transactionId, r.data.resolution)
    else if (r.kind === 'transactionStarted') started.set(r.data.transactionId, r.time)
  }
  const found = summarizeTransactions(records, config)
    .filter((t) => matchesReference(t.id, reference))
    .reverse()
    .slice(0, SHOWN_CLAIMS)
    .map((t) => ({
      transactionId: t.id,
      time: started.get(t.id) ?? '',
      card: t.card,
      status: t.status,
      creditedKzt: t.creditedKzt,
      writtenToCard: t.writtenToCard,
      resolved: resolved.get(t.id) ?? null
    }))
  return { reference, found }
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
