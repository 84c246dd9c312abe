/** Service mode wired into a running kiosk: the desk that carries out staff's intents, and the open page's data. */
import type { Actor, ActorRefFrom } from 'xstate'
import type { KioskClock } from './clock'
import type { SimulatedHost } from './devices/host'
import type { SimulatedPrinter } from './devices/printer'
import type { CassetteLedger } from './domain/collections'
import type { Journal, JournalKind, RecordData } from './journal'
import type { KeptReceipts } from './keptReceipts'
import type { KioskDeps, KioskExports } from './kioskDeps'
import type { billValidatorMachine } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { kioskMachine } from './machines/kiosk/machine'
import type { KioskView } from './protocol'
import { collectCash } from './cashCollection'
import { ServiceDesk } from './serviceDesk'
import { servicePageView } from './servicePages'
import { ServiceReports, type ReportArchive } from './serviceReports'
import { reprintReceipt, resolveFlagged, testDevice, type TaskDevices } from './serviceTasks'
import { servicePageOf } from './view'

export interface ServiceWiring {
  /** The kiosk's devices (its public side). */
  kiosk: {
    readonly host: SimulatedHost
    readonly printer: SimulatedPrinter
    validator(): ActorRefFrom<typeof billValidatorMachine>
    cardReader(): ActorRefFrom<typeof cardReaderMachine>
  }
  actor: () => Actor<typeof kioskMachine>
  clock: KioskClock
  journal: Journal
  ledger: () => CassetteLedger
  receipts: KeptReceipts
  reportArchive?: ReportArchive | undefined
  exports?: KioskExports | undefined
  checkPin?: KioskDeps['checkPin'] | undefined
  record: <K extends JournalKind>(kind: K, data: RecordData<K>) => void
  notify: () => void
}

export class KioskService {
  readonly desk: ServiceDesk
  private readonly reports: ServiceReports

  constructor(private readonly w: ServiceWiring) {
    const records = () => w.journal.all()
    const context = () => w.actor().getSnapshot().context
    this.reports = new ServiceReports({
      clock: w.clock,
      records,
      ledger: w.ledger,
      printer: w.kiosk.printer,
      ...(w.reportArchive ? { archive: w.reportArchive } : {}),
      config: () => context().config,
      language: () => context().language,
      record: w.record,
      notify: w.notify
    })
    const devices: TaskDevices = {
      clock: w.clock,
      terminalId: () => w.actor().getSnapshot().context.config.terminal.id,
      host: w.kiosk.host,
      printer: w.kiosk.printer,
      receipts: w.receipts,
      validator: () => w.kiosk.validator(),
      cardReader: () => w.kiosk.cardReader(),
      records,
      record: w.record
    }
    this.desk = new ServiceDesk({
      journal: w.journal,
      exports: w.exports,
      checkPin: w.checkPin,
      actor: w.actor,
      clock: w.clock,
      ledger: w.ledger,
      record: w.record,
      notify: w.notify,
      tasks: {
        collectCassette: () => collectCash(w.kiosk.validator()),
        shiftReport: (report, role, done) => this.reports.shiftReport(report, role, done),
        printCollectionReport: (number, done) => this.reports.printCollectionReport(number, done),
        reprint: (transactionId, done) => reprintReceipt(devices, transactionId, done),
        deviceTest: (device, role, done) => testDevice(devices, device, role, done),
        resolveFlagged: (intent, role, done) => resolveFlagged(devices, intent, role, done)
      }
    })
  }

  private trainingHost: SimulatedHost | null = null

  /** The host the kiosk's machine talks to: in training mode a training host (the cards copied when training began). */
  host(): SimulatedHost {
    if (!this.w.actor().getSnapshot().context.training) return ((this.trainingHost = null), this.w.kiosk.host)
    return (this.trainingHost ??= this.w.kiosk.host.trainingCopy())
  }

  /** At each start: the collections in the journal so far had their reports printed. */
  started(): void {
    this.reports.started()
  }

  /** After each journal record: a collection that just finished gets its report printed and kept. */
  afterRecord(): void {
    this.reports.afterRecord((notice) => this.desk.tellAnyPage(notice))
  }

  /** The kiosk's view with the open service page's data and the notice of staff's last action. */
  withPage(view: KioskView): KioskView {
    if (!view.service) {
      this.desk.forgetStaff()
      return view
    }
    const snapshot = this.w.actor().getSnapshot()
    const page = servicePageOf(snapshot)
    if (page === null) {
      this.desk.forgetStaff()
      return view
    }
    const { context } = snapshot
    const data = servicePageView(page, {
      config: context.config,
      marketRates: context.marketRates,
      training: context.training,
      closedReason: context.closedReason,
      ledger: this.w.ledger(),
      records: () => this.w.journal.all(),
      printer: this.w.kiosk.printer,
      validator: this.w.kiosk.validator(),
      cardReader: this.w.kiosk.cardReader(),
      reportsPage: () => this.reports.reportsPage(),
      journalPage: () => this.desk.journalPage(() => this.w.journal.all()),
      counters: () => this.reports.counters(),
      claimReference: this.desk.claimReference
    })
    return { ...view, service: { ...view.service, page: data, notice: this.desk.currentNotice() } }
  }
}
