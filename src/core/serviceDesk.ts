/**
 * Service mode's runtime side (issue 15, docs/service.md): what staff ask for from the kiosk screen,
 * the technician panel or a scenario, checked against the role the machine has logged in. The
 * machine owns the state (PIN pad, lockout, role, page); this desk checks PINs against the
 * configured hashes (the PIN never enters the machine or its inspector), carries out what needs the
 * journal, the printer or the host (recount, reports, reprints, device tests, claims), journals it,
 * and tells staff the outcome on the page (`notice`).
 */
import type { Actor } from 'xstate'
import type { KioskClock } from './clock'
import type { CassetteLedger } from './domain/collections'
import { recountOf } from './cashCollection'
import type { Journal, JournalKind, RecordData } from './journal'
import type { KioskDeps, KioskExports } from './kioskDeps'
import type { kioskMachine } from './machines/kiosk/machine'
import type { KioskEvent } from './machines/kioskContext'
import type { AnyJournalRecord } from './domain/journalRecords'
import type { ServiceNotice, ServicePageView, StaffIntent } from './protocol'
import { journalCsv } from './service/journalCsv'
import { parseJournalFilter, parseJournalQuery, queryJournal, selectJournal, type JournalQuery } from './service/journalQuery'
import type { SendResult } from './runtime'
import { rolesForPin } from './service/pins'
import { isLocked, mayOpen, type ServicePage, type ServiceRole } from './service/roles'
import { changeSettings } from './service/settings'
import { screenOf, servicePageOf } from './view'

export interface ServiceDeskDeps {
  actor: () => Actor<typeof kioskMachine>
  clock: KioskClock
  ledger: () => CassetteLedger
  record: <K extends JournalKind>(kind: K, data: RecordData<K>) => void
  notify: () => void
  journal: Journal
  /** Checks a PIN (rolesForPin unless a memoized one is given: KioskDeps.checkPin). */
  checkPin?: KioskDeps['checkPin'] | undefined
  /** Where exports go (a data folder's `exports`); none: the kiosk cannot export. */
  exports?: KioskExports | undefined
  /** What the desk hands to other parts of the runtime (reports, reprints, tests, claims). */
  tasks: ServiceTasks
}

/** Staff tasks carried out elsewhere in the runtime; each answers at once and tells the outcome through `done`. */
export interface ServiceTasks {
  /** The cassette out and back empty (its report prints once it is back). */
  collectCassette(): SendResult
  shiftReport(report: 'X' | 'Z', role: ServiceRole, done: (notice: ServiceNotice) => void): SendResult
  printCollectionReport(number: number, done: (notice: ServiceNotice) => void): SendResult
  reprint(transactionId: string, done: (notice: ServiceNotice) => void): SendResult
  deviceTest(device: 'printer' | 'billValidator' | 'cardReader', role: ServiceRole, done: (notice: ServiceNotice) => void): SendResult
  resolveFlagged(intent: Extract<StaffIntent, { type: 'resolveFlagged' }>, role: ServiceRole, done: (notice: ServiceNotice) => void): SendResult
}

/** The page each staff task belongs to: the role must be allowed to open it. */
const PAGE_OF_TASK = {
  recount: 'collection',
  collectCassette: 'collection',
  printCollectionReport: 'collection',
  shiftReport: 'reports',
  serviceReprint: 'reports',
  resolveFlagged: 'claims',
  lookUpClaim: 'claims',
  deviceTest: 'devices',
  setOutOfService: 'devices',
  setTraining: 'settings',
  changeSettings: 'settings'
} as const satisfies Partial<Record<StaffIntent['type'], ServicePage>>

const ROLE_NAMES: Record<ServiceRole, string> = { collector: 'a collector', technician: 'a technician', administrator: 'an administrator' }

export class ServiceDesk {
  /** The outcome of staff's last action, shown on the page until they open another or leave. */
  notice: ServiceNotice | null = null
  private noticePage: string | null = null

  constructor(private readonly deps: ServiceDeskDeps) {}

  private send(event: KioskEvent): void {
    this.deps.actor().send(event)
  }

  private role(): ServiceRole | null {
    return this.deps.actor().getSnapshot().context.staff?.role ?? null
  }

  /** The notice, while staff stay on the page it was given on. */
  currentNotice(): ServiceNotice | null {
    const page = servicePageOf(this.deps.actor().getSnapshot())
    return page !== null && page === this.noticePage ? this.notice : null
  }

  /** A notice from the kiosk itself (a collection's report printed): shown on whatever page staff have open. */
  tellAnyPage(notice: ServiceNotice): void {
    this.tell(notice)
  }

  /** The reference staff looked up on the claims page (kept until they look up another or log out). */
  claimReference: string | null = null

  /** Staff left: the next one starts with no look-up and the journal viewer's first page. */
  forgetStaff(): void {
    this.claimReference = null
    this.journalQuery = { limit: 50 }
    this.journalError = null
  }

  /** The journal viewer's last query (staff's filters and page), or its error. */
  private journalQuery: JournalQuery = { limit: 50 }
  private journalError: string | null = null

  journalPage(records: () => AnyJournalRecord[]): Extract<ServicePageView, { page: 'journal' }> {
    const page = queryJournal(records(), this.journalQuery)
    return { page: 'journal', rows: page.rows, total: page.total, nextBefore: page.nextBefore, error: this.journalError }
  }

  private tell = (notice: ServiceNotice): void => {
    this.notice = notice
    this.noticePage = servicePageOf(this.deps.actor().getSnapshot())
    this.deps.notify()
  }

  /** The service door's switch: opening it asks for service mode; closing it logs staff out (or forgets a waiting entry). */
  door(open: boolean): SendResult {
    this.send(open ? { type: 'service.entryRequested', via: 'door', at: this.deps.clock.now() } : { type: 'service.doorClosed' })
    return { ok: true }
  }

  handle(intent: StaffIntent): SendResult {
    const screen = screenOf(this.deps.actor().getSnapshot())
    const now = this.deps.clock.now()
    switch (intent.type) {
      case 'serviceEntry':
        if (screen.startsWith('service')) return { ok: false, error: `service mode is open already (the ${screen} screen)` }
        this.send({ type: 'service.entryRequested', via: 'gesture', at: now })
        return { ok: true }
      case 'servicePin':
        return this.checkPin(intent.pin, screen, now)
      case 'serviceCancel':
        return this.forward({ type: 'staff.cancel' }, screen)
      case 'serviceLogout':
        return this.forward({ type: 'staff.logout' }, screen)
      case 'journalQuery': {
        const role = this.role()
        if (role === null || !mayOpen(role, 'journal')) return { ok: false, error: '"journalQuery" needs a staff login that may open the journal' }
        const query = parseJournalQuery(intent.query)
        this.journalError = query.ok ? null : query.errors.map((e) => `query.${e}`).join('; ')
        if (query.ok) this.journalQuery = query.value
        this.send({ type: 'staff.activity' })
        return query.ok ? { ok: true } : { ok: false, error: this.journalError! }
      }
      case 'exportJournal':
        return this.exportJournal(intent.query)
      case 'serviceOpen': {
        const role = this.role()
        if (role === null) return { ok: false, error: `"serviceOpen" needs a staff login (the ${screen} screen)` }
        if (intent.page !== 'menu' && !mayOpen(role, intent.page)) return { ok: false, error: `${ROLE_NAMES[role]} may not open ${intent.page}` }
        return this.forward({ type: 'staff.open', page: intent.page }, screen)
      }
    }
    const role = this.role()
    const page = PAGE_OF_TASK[intent.type]
    if (role === null) return { ok: false, error: `"${intent.type}" needs a staff login: enter service mode first` }
    if (!mayOpen(role, page)) return { ok: false, error: `${ROLE_NAMES[role]} may not do "${intent.type}" (it belongs to ${page})` }
    let result: SendResult
    try {
      result = this.carryOut(intent, role)
    } catch (err) {
      // A report asked for at a time the journal cannot have (a clock set back before the last Z): refused, named.
      if (!(err instanceof RangeError)) throw err
      result = { ok: false, error: err.message }
    }
    if (!result.ok) this.tell({ kind: 'refused', message: result.error })
    // Staff are at the kiosk: their inactivity time starts again.
    this.send({ type: 'staff.activity' })
    return result
  }

  private carryOut(
    intent: Exclude<
      StaffIntent,
      { type: 'serviceEntry' | 'servicePin' | 'serviceCancel' | 'serviceLogout' | 'serviceOpen' | 'journalQuery' | 'exportJournal' }
    >,
    role: ServiceRole
  ): SendResult {
    const { tasks } = this.deps
    switch (intent.type) {
      case 'recount': {
        const recount = recountOf(this.deps.ledger(), intent.notes)
        if (!recount.ok) return recount
        this.deps.record('recountRecorded', recount.data)
        const { collectionNumber, shortage, surplus } = recount.data
        this.tell({ kind: 'recountRecorded', collectionNumber, shortage, surplus })
        return { ok: true }
      }
      case 'collectCassette':
        return tasks.collectCassette()
      case 'shiftReport':
        return tasks.shiftReport(intent.report, role, this.tell)
      case 'printCollectionReport':
        return tasks.printCollectionReport(intent.number, this.tell)
      case 'serviceReprint':
        return tasks.reprint(intent.transactionId, this.tell)
      case 'deviceTest':
        return tasks.deviceTest(intent.device, role, this.tell)
      case 'resolveFlagged':
        return tasks.resolveFlagged(intent, role, this.tell)
      case 'lookUpClaim':
        this.claimReference = intent.reference
        return { ok: true }
      case 'setOutOfService':
        this.send({ type: 'staff.setOutOfService', reason: intent.reason })
        this.tell({ kind: 'outOfServiceSwitched', reason: intent.reason })
        return { ok: true }
      case 'setTraining':
        this.send({ type: 'staff.setTraining', on: intent.on })
        this.tell({ kind: 'trainingSwitched', on: intent.on })
        return { ok: true }
      case 'changeSettings': {
        const { context } = this.deps.actor().getSnapshot()
        const change = changeSettings(context.config, context.marketRates, intent.section, intent.value)
        if (!change.ok) return change
        const { config, marketRates, before, after } = change
        this.send({ type: 'staff.changeSettings', section: intent.section, config, marketRates, before, after })
        this.tell({ kind: 'settingsChanged', section: intent.section })
        return { ok: true }
      }
    }
  }

  /** The records the filters select, as CSV in the kiosk's exports (a USB stick on a real kiosk): the notice names the file. */
  private exportJournal(query: unknown): SendResult {
    const role = this.role()
    if (role === null || !mayOpen(role, 'journal')) return { ok: false, error: '"exportJournal" needs a staff login that may open the journal' }
    const { exports, journal } = this.deps
    if (!exports) return { ok: false, error: 'this kiosk has nowhere to export to' }
    // The viewer's page and its size are not the export's business: the whole selection goes.
    const { limit: _limit, before: _before, ...filters } = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>
    const filter = parseJournalFilter(filters, (field) => `query.${field}`)
    if (!filter.ok) return { ok: false, error: filter.errors.join('; ') }
    const selected = new Set(selectJournal(journal.all(), filter.value).map((r) => r.seq))
    const rows = journal.stored().filter((r) => selected.has(r.seq))
    const file = exports.write(`journal-${new Date(this.deps.clock.now()).toISOString().replace(/[:.]/g, '-')}.csv`, journalCsv(rows))
    this.tell({ kind: 'journalExported', records: rows.length, file })
    this.send({ type: 'staff.activity' })
    return { ok: true }
  }

  /** Sends a staff event the screen must take; says so when it cannot. */
  private forward(event: KioskEvent, screen: string): SendResult {
    const snapshot = this.deps.actor().getSnapshot()
    if (!snapshot.can(event)) return { ok: false, error: `"${event.type.replace('staff.', 'service ')}" is not possible on the ${screen} screen` }
    this.send(event)
    return { ok: true }
  }

  /**
   * Checks a PIN against every role's hash (not while entry is locked: the PIN is then refused
   * unchecked) and reports the roles it opens; the machine logs in, or counts the failure and locks.
   */
  private checkPin(pin: string, screen: string, now: number): SendResult {
    if (screen !== 'servicePin') return { ok: false, error: `"servicePin" is not possible on the ${screen} screen` }
    const { context } = this.deps.actor().getSnapshot()
    const roles = isLocked(context.pinAttempts, now) ? [] : (this.deps.checkPin ?? rolesForPin)(pin, context.config.service.pins)
    this.send({ type: 'staff.pinChecked', roles, at: now })
    return { ok: true }
  }
}
