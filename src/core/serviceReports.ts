/**
 * Shift (X/Z) and collection reports for service mode: printed on the receipt printer, kept, and
 * listed on the reports page. (Filled in from ./service/shiftReports and ./service/collectionReport.)
 */
import type { CassetteLedger } from './domain/collections'
import type { JournalRecord } from './journal'
import type { ServiceNotice, ServicePageView } from './protocol'
import type { SendResult } from './runtime'
import type { ServiceRole } from './service/roles'

export interface ReportSources {
  records: () => JournalRecord[]
  ledger: () => CassetteLedger
}

export class ServiceReports {
  constructor(private readonly s: ReportSources) {}

  counters(): Extract<ServicePageView, { page: 'collection' }>['counters'] {
    const { sinceCollection, lifetime } = this.s.ledger().counters()
    return { sinceCollection, lifetime, period: { from: '', cardPayments: { count: 0, amountKzt: 0 }, topUps: { count: 0, creditedKzt: 0 }, flagged: 0, inDoubt: 0 } }
  }

  reportsPage(): Extract<ServicePageView, { page: 'reports' }> {
    return { page: 'reports', counters: this.counters(), history: [], receipts: [] }
  }

  shiftReport(_report: 'X' | 'Z', _role: ServiceRole, _done: (notice: ServiceNotice) => void): SendResult {
    return { ok: false, error: 'shift reports are not wired yet' }
  }

  printCollectionReport(_number: number, _done: (notice: ServiceNotice) => void): SendResult {
    return { ok: false, error: 'collection reports are not wired yet' }
  }
}
