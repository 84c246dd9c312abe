/** The technician panel's view of a kiosk: its screen, its devices, what makes it untrustworthy now, its cards and the journal's tail. */
import type { ActorRefFrom } from 'xstate'
import { maskCardNumber } from './cards'
import type { CurrencyCode, KioskConfig } from './config'
import type { CardAsKnown, SimulatedHost } from './devices/host'
import type { SimulatedPos } from './devices/pos'
import type { SimulatedPrinter } from './devices/printer'
import type { CassetteLedger } from './domain/collections'
import type { Journal, JournalTrust } from './journal'
import type { StorageFault, StorageOutage } from './journalWriter'
import type { billValidatorMachine } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { ArmedFaultView, KioskView, TechnicianView } from './protocol'
import { chartViewOf, type ChartLog } from './training/statechart'
import { acceptedNotes, stateName, type KioskSnapshot } from './view'

/** How many of the last cash collections the panel shows. */
const SHOWN_COLLECTIONS = 5

/** The kiosk as the panel reads it (its public side). */
export interface TechnicianKiosk {
  readonly host: SimulatedHost
  readonly printer: SimulatedPrinter
  readonly pos: SimulatedPos
  snapshot(): KioskSnapshot
  /** The customer's screen (out of order when the core stopped). */
  view(): KioskView
  validator(): ActorRefFrom<typeof billValidatorMachine>
  cardReader(): ActorRefFrom<typeof cardReaderMachine>
  storageDrill(): StorageFault | null
  storageOutage(): StorageOutage | null
  error(): Error | null
}

/** What the panel reads beside the kiosk's public side. */
export interface TechnicianSources {
  config: KioskConfig
  journal: Journal
  trust: JournalTrust
  ledger: CassetteLedger
  /** Transactions whose receipt staff can print again, newest first. */
  reprintable: string[]
  /** The host's cards as this kiosk knows them (a remote host's balances as it last answered). */
  cards: readonly CardAsKnown[]
  cardRefOf: (number: string) => string
  /** Faults armed to fire on a kiosk event (training/armedFaults.ts). */
  armed: ArmedFaultView[]
  /** The statechart page's event log (none: no events listed). */
  chartLog?: ChartLog
}

/** Builds the technician panel's view. */
export function technicianViewOf(kiosk: TechnicianKiosk, s: TechnicianSources): TechnicianView {
  const snapshot = kiosk.snapshot()
  const validator = kiosk.validator().getSnapshot()
  const reader = kiosk.cardReader().getSnapshot()
  const { trust } = s
  const outage = kiosk.storageOutage()
  const failure = kiosk.error()
  let journal: TechnicianView['journal']
  let journalError: string | null = null
  try {
    journal = s.journal.tail(20)
  } catch (err) {
    // A disk that cannot be read must not stop the panel that tells staff about it.
    journal = []
    journalError = err instanceof Error ? err.message : String(err)
  }
  return {
    kiosk: kiosk.view(),
    state: stateName(snapshot),
    devices: {
      billValidator: {
        state: String(validator.value),
        noteInEscrow: validator.context.note,
        acceptedNotes: acceptedNotes(s.config),
        cashbox: validator.context.cashbox,
        condition: validator.context.condition,
        counterfeitNext: validator.context.counterfeitNext,
        jamNext: validator.context.jamNext,
        jammedNote: validator.context.jammedNote,
        stackerCapacity: validator.context.stackerCapacity
      },
      cardReader: {
        cardPresent: reader.context.card && maskCardNumber(reader.context.card),
        state: reader.value,
        readError: reader.context.readError,
        writingFor: reader.context.writeFor && maskCardNumber(reader.context.writeFor)
      },
      printer: {
        fault: kiosk.printer.fault,
        printed: kiosk.printer.printedCount,
        lastReceipt: kiosk.printer.printed.at(-1) ?? null,
        reprintable: s.reprintable
      },
      host: { fault: kiosk.host.fault, address: kiosk.host.remoteAddress, silent: kiosk.host.remoteSilent },
      pos: { fault: kiosk.pos.fault?.kind ?? null, declineReason: kiosk.pos.fault?.kind === 'decline' ? kiosk.pos.fault.reason : null },
      storage: { fault: kiosk.storageDrill() }
    },
    integrity: {
      journal: trust.ok ? null : { problem: trust.problem, message: trust.message },
      storage: outage && { failure: outage.failure, message: outage.message, since: new Date(outage.since).toISOString(), simulated: outage.simulated },
      stopped: failure?.message ?? null,
      journalUnreadable: journalError
    },
    cash: { ...s.ledger.counters(), collections: s.ledger.collections().slice(-SHOWN_COLLECTIONS) },
    marketRates: Object.entries(snapshot.context.marketRates).map(([currency, rate]) => ({ currency: currency as CurrencyCode, rate: rate! })),
    cards: s.cards.map((c) => ({ masked: maskCardNumber(c.number), cardRef: s.cardRefOf(c.number), balanceKzt: c.balanceKzt, status: c.status })),
    journal,
    armed: s.armed,
    chart: chartViewOf([snapshot, validator, reader], s.chartLog ?? null),
    training: null
  }
}
