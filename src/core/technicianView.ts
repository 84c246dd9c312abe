/** The technician panel's view of a kiosk: its screen, its devices, what makes it untrustworthy now, its cards and the journal's tail. */
import type { SnapshotFrom } from 'xstate'
import type { CardRecord } from './cards'
import { maskCardNumber } from './cards'
import type { CurrencyCode, KioskConfig } from './config'
import type { SimulatedHost } from './devices/host'
import type { SimulatedPos } from './devices/pos'
import type { SimulatedPrinter } from './devices/printer'
import type { Journal, JournalTrust } from './journal'
import type { StorageFault, StorageOutage } from './journalWriter'
import type { billValidatorMachine } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { KioskView, TechnicianView } from './protocol'
import { acceptedNotes, stateName, type KioskSnapshot } from './view'

/** What the panel is made from: the kiosk's machines, devices and journal as they are now. */
export interface TechnicianSources {
  config: KioskConfig
  journal: Journal
  snapshot: KioskSnapshot
  /** The customer's screen (out of order when the core stopped). */
  view: KioskView
  validator: SnapshotFrom<typeof billValidatorMachine>
  reader: SnapshotFrom<typeof cardReaderMachine>
  printer: SimulatedPrinter
  host: SimulatedHost
  pos: SimulatedPos
  storageFault: StorageFault | null
  trust: JournalTrust
  outage: StorageOutage | null
  failure: Error | null
  /** Transactions whose receipt staff can print again, newest first. */
  reprintable: string[]
  cards: readonly CardRecord[]
  cardRefOf: (number: string) => string
}

/** Builds the technician panel's view. */
export function technicianViewOf(s: TechnicianSources): TechnicianView {
  const { snapshot, validator, reader, trust, outage } = s
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
    kiosk: s.view,
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
      printer: { fault: s.printer.fault, printed: s.printer.printed.length, lastReceipt: s.printer.printed.at(-1) ?? null, reprintable: s.reprintable },
      host: { fault: s.host.fault },
      pos: { fault: s.pos.fault?.kind ?? null, declineReason: s.pos.fault?.kind === 'decline' ? s.pos.fault.reason : null },
      storage: { fault: s.storageFault }
    },
    integrity: {
      journal: trust.ok ? null : { problem: trust.problem, message: trust.message },
      storage: outage && { failure: outage.failure, message: outage.message, since: new Date(outage.since).toISOString(), simulated: outage.simulated },
      stopped: s.failure?.message ?? null,
      journalUnreadable: journalError
    },
    marketRates: Object.entries(snapshot.context.marketRates).map(([currency, rate]) => ({ currency: currency as CurrencyCode, rate: rate! })),
    cards: s.cards.map((c) => ({ masked: maskCardNumber(c.number), cardRef: s.cardRefOf(c.number), balanceKzt: c.balanceKzt, status: c.status })),
    journal
  }
}
