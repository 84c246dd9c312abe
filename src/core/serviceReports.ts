/**
 * Shift (X/Z) and cash collection reports in service mode: built from the journal
 * (./service/shiftReports, ./service/collectionReport), journaled first (a Z closes the period),
 * printed on the receipt printer at its paper's width, and kept where the host has a disk
 * (`ReportArchive`: SVG and printable HTML with a history). A collection's report prints on its own
 * when the cassette is back in.
 */
import type { KioskClock } from './clock'
import type { KioskConfig } from './config'
import type { SimulatedPrinter } from './devices/printer'
import type { CassetteLedger } from './domain/collections'
import type { JournalKind, JournalRecord, RecordData } from './journal'
import type { Language, ReprintableReceipt, ServiceNotice, ServicePageView, ServiceReportEntry } from './protocol'
import { collectionReportDocument, shiftReportDocument } from './receipt/reportDocument'
import { PAPER_COLUMNS, type Paper } from './receipt/width'
import type { SendResult } from './runtime'
import { collectionReportOf, type CollectionReport } from './service/collectionReport'
import type { ServiceRole } from './service/roles'
import { shiftReportOf, shiftReportRecord, type ShiftReport } from './service/shiftReports'

/** Where reports are kept (the node hosts: `<data dir>/reports`, SVG and HTML with an index). */
export interface ReportArchive {
  keepCollection(report: CollectionReport, options: { language: Language; paper: Paper; copy?: boolean }): unknown
  keepShift(report: ShiftReport, options: { language: Language; paper: Paper }): unknown
}

export interface ReportSources {
  clock: KioskClock
  records: () => JournalRecord[]
  ledger: () => CassetteLedger
  printer: SimulatedPrinter
  archive?: ReportArchive
  /** The configuration in force and the language staff see now. */
  config: () => KioskConfig
  language: () => Language
  record: <K extends JournalKind>(kind: K, data: RecordData<K>) => void
  notify: () => void
}

type Done = (notice: ServiceNotice) => void
type Counters = Extract<ServicePageView, { page: 'collection' }>['counters']

/** How many receipts and reports the reports page lists. */
const SHOWN = 30

export class ServiceReports {
  /** Collections whose report has been printed (those before this start are the journal's past). */
  private printedCollections = 0

  constructor(private readonly s: ReportSources) {}

  /** At a start: the collections already in the journal are the past (their reports were printed then). */
  started(): void {
    this.printedCollections = this.s.ledger().collections().length
  }

  private now(): string {
    return new Date(this.s.clock.now()).toISOString()
  }

  private paper(): Paper {
    return this.s.config().devices.printer.paper
  }

  /** The open period so far, training left out. */
  private periodSoFar(records: readonly JournalRecord[]): ShiftReport {
    return shiftReportOf(records, { report: 'X', at: this.now(), terminalId: this.s.config().terminal.id })
  }

  counters(records = this.s.records()): Counters {
    const { sinceCollection, lifetime } = this.s.ledger().counters()
    const period = this.periodSoFar(records)
    return {
      sinceCollection,
      lifetime,
      period: {
        from: period.from,
        cardPayments: { ...period.cardPayments },
        topUps: { ...period.topUps },
        flagged: period.flagged.length,
        inDoubt: period.notesInDoubt
      }
    }
  }

  reportsPage(): Extract<ServicePageView, { page: 'reports' }> {
    const records = this.s.records()
    const counters = this.counters(records)
    return { page: 'reports', counters, history: reportHistory(records), receipts: receiptsSince(records, counters.period.from) }
  }

  /** An X or Z report: journaled (a Z closes the period), printed, kept. */
  shiftReport(report: 'X' | 'Z', role: ServiceRole, done: Done): SendResult {
    const shift = shiftReportOf(this.s.records(), { report, at: this.now(), terminalId: this.s.config().terminal.id })
    this.s.record('shiftReport', shiftReportRecord(shift, role))
    const language = this.s.language()
    this.s.archive?.keepShift(shift, { language, paper: this.paper() })
    this.print(shiftReportDocument(shift, language, { columns: PAPER_COLUMNS[this.paper()] }), { kind: 'reportPrinted', report, number: shift.number }, done)
    return { ok: true }
  }

  /** A collection's report printed (again, marked a copy, when asked for from the collection page). */
  printCollectionReport(number: number, done: Done, copy = true): SendResult {
    const config = this.s.config()
    const ids = { terminalId: config.terminal.id, cassetteId: config.devices.billValidator.cassetteId }
    const report = collectionReportOf(this.s.records(), number, ids)
    if (!report) return { ok: false, error: `there is no cash collection number ${number} in the journal` }
    const language = this.s.language()
    this.s.archive?.keepCollection(report, { language, paper: this.paper(), ...(copy ? { copy } : {}) })
    this.print(
      collectionReportDocument(report, language, { columns: PAPER_COLUMNS[this.paper()], copy }),
      { kind: 'reportPrinted', report: 'collection', number },
      done
    )
    return { ok: true }
  }

  /** After each journal record: a collection just finished (the cassette is back) gets its report printed and kept. */
  afterRecord(done: Done): void {
    const collections = this.s.ledger().collections().length
    while (this.printedCollections < collections) this.printCollectionReport(++this.printedCollections, done, false)
  }

  private print(doc: string, printed: ServiceNotice, done: Done): void {
    this.s.printer.print(doc).then(
      () => done(printed),
      (err: { reason?: string }) => done({ kind: 'refused', message: `the printer did not print the report: ${err.reason ?? 'error'}` })
    )
  }
}

/** The X and Z reports and the collections of the journal, newest first. */
function reportHistory(records: readonly JournalRecord[]): ServiceReportEntry[] {
  const history: ServiceReportEntry[] = []
  let removedAt: string | null = null
  let number = 0
  let lastReplaced = records[0]?.time ?? ''
  for (const r of records) {
    if (r.kind === 'shiftReport') history.push({ report: r.data.report, number: r.data.number, from: r.data.from, to: r.data.to })
    else if (r.kind === 'validatorCondition' && r.data.condition === 'cassetteRemoved' && removedAt === null) removedAt = r.time
    else if (r.kind === 'validatorCondition' && r.data.condition === null && removedAt !== null) {
      history.push({ report: 'collection', number: ++number, from: lastReplaced, to: removedAt })
      lastReplaced = r.time
      removedAt = null
    }
  }
  return history.reverse().slice(0, SHOWN)
}

/** The customers' receipts printed since `from` (the open period), newest first: what staff can print again. */
function receiptsSince(records: readonly JournalRecord[], from: string): ReprintableReceipt[] {
  const since = Date.parse(from)
  const started = new Map<string, string>()
  const credited = new Map<string, number>()
  const receipts = new Map<string, ReprintableReceipt>()
  for (const r of records) {
    if (r.kind === 'transactionStarted') started.set(r.data.transactionId, r.data.card)
    else if (r.kind === 'creditApplied' && r.data.creditedKzt !== undefined) credited.set(r.data.transactionId, r.data.creditedKzt)
    // Printed or not (out of paper): either is one staff may print (again).
    else if (
      (r.kind === 'receiptPrinted' || r.kind === 'receiptNotPrinted') &&
      !r.data.reprint &&
      r.data.transactionId !== null &&
      Date.parse(r.time) >= since
    ) {
      const id = r.data.transactionId
      receipts.set(id, { transactionId: id, time: r.time, creditedKzt: credited.get(id) ?? null, card: started.get(id) ?? null })
    }
  }
  return [...receipts.values()].reverse().slice(0, SHOWN)
}
