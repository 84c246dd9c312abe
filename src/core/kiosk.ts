/**
 * The kiosk runtime: the kiosk machine wired to its journal, host, printer and card reader.
 * Every host (Electron main, the web host, the CLI, tests) runs exactly this.
 */
import { type Actor, type ActorRefFrom } from 'xstate'
import { SimulatedHost } from './devices/host'
import { SimulatedPos } from './devices/pos'
import { SimulatedPrinter } from './devices/printer'
import { switchFault } from './faultSwitch'
import { DEMO_CARD_KEY, type CardRecord } from './cards'
import { CardTaps } from './cardTaps'
import { CassetteLedger } from './domain/collections'
import { collectCash } from './cashCollection'
import { KioskService } from './kioskService'
import { KeptReceipts } from './keptReceipts'
import type { KioskDeps } from './kioskDeps'
import { kioskActor } from './kioskActors'
import { Listeners } from './listeners'
import { lastOfWith } from './memo'
import { acceptanceOf, applyFaultsAtPowerUp, faultsOn, NO_DEVICE_FAULTS, readJournalAtPowerUp, startRecords, type DeviceFaults } from './powerUp'
import { randomBootNonce } from './domain/transaction'
import type { AnyJournalRecord, JournalKind, JournalTrust, RecordData } from './journal'
import { JournalWriter, type StorageFault, type StorageOutage } from './journalWriter'
import type { billValidatorMachine } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { kioskMachine } from './machines/kiosk/machine'
import type { KioskEvent } from './machines/kioskContext'
import { quoteRates } from './money'
import {
  DEVICE_FAULTS,
  isCustomerIntent,
  isFaultOf,
  isStaffIntent,
  type Intent,
  type KioskView,
  type ReceiptView,
  type ScreenName,
  type TechnicianControl,
  type TechnicianView
} from './protocol'
import type { KioskRuntime, SendResult } from './runtime'
import { technicianViewOf } from './technicianView'
import { ArmedFaults } from './training/armedFaults'
import { ChartLog } from './training/statechart'
import { hasFlowTransition, screenOf, toKioskView, type KioskSnapshot } from './view'

export { NO_DEVICE_FAULTS, type DeviceFaults } from './powerUp'
export type { KioskDeps } from './kioskDeps'
export { fixedBootNonce, randomBootNonce } from './domain/transaction'
export type { StorageFault, StorageOutage } from './journalWriter'

export class Kiosk implements KioskRuntime {
  readonly host: SimulatedHost
  readonly printer: SimulatedPrinter
  readonly pos: SimulatedPos
  private actor!: Actor<typeof kioskMachine>
  private readonly listeners = new Listeners()
  private failure: Error | null = null
  /** The journal as checked at the last start: a broken or rolled-back journal keeps the kiosk out of service. */
  private trust: JournalTrust = { ok: true }
  /** Writes the journal ahead of every screen and device; out of service while the disk refuses (a failing disk, or the storage drill). */
  private readonly writer: JournalWriter
  private readonly cardKey: Uint8Array
  /** Card references by number, and the card a tap names. */
  private readonly taps: CardTaps
  /** The cassette's count, collections and counters, kept up to date record by record. */
  private ledger = new CassetteLedger()
  /** Receipts of this run: printed, kept for staff reprints. */
  private readonly receipts: KeptReceipts
  /** Service mode: staff's intents carried out, the open page's data. */
  private readonly service: KioskService
  private readonly armed: ArmedFaults
  /** The statechart page's last events (an inspector of the kiosk's actor system). */
  private readonly chart = new ChartLog(() => this.deps.clock.now())
  /**
   * The machine's part of the view, built once per snapshot and card-reader snapshot (the view reads which card lies on the
   * reader; each screen asks after every actor's step); copied for each caller.
   */
  private readonly machineView = lastOfWith<KioskSnapshot, unknown, KioskView>(toKioskView)

  constructor(private readonly deps: KioskDeps) {
    const { config, clock } = deps
    this.cardKey = deps.cardKey ?? DEMO_CARD_KEY
    this.taps = new CardTaps(deps.cards, this.cardKey)
    const [{ latencyMs, slowLatencyMs }, remote, heartbeatMs] = [config.devices.host, deps.hostLink, deps.hostHeartbeatMs]
    const onLinkChange = (down: boolean) => this.actor.send({ type: down ? 'host.down' : 'host.up' })
    this.host = new SimulatedHost({ store: deps.cards, clock, latencyMs, slowLatencyMs, cardKey: this.cardKey, remote, heartbeatMs, onLinkChange })
    this.printer = new SimulatedPrinter(clock, config.devices.printer.printMs)
    this.pos = new SimulatedPos(clock, config.devices.pos.latencyMs)
    const record = <K extends JournalKind>(kind: K, data: RecordData<K>) => this.record(kind, data)
    const printing = { printer: this.printer, paper: config.devices.printer.paper, archive: deps.receiptArchive, record, notify: () => this.notify() }
    this.receipts = new KeptReceipts(printing)
    const outOfService = () => this.actor.send({ type: 'storage.failed' })
    const appended = (record: AnyJournalRecord) => {
      this.ledger.apply(record)
      this.service.afterRecord()
    }
    const hooks = { isStopped: () => this.failure !== null, stop: (err: unknown) => this.stopWith(err), retry: () => this.notify(), outOfService, appended }
    this.writer = new JournalWriter(deps.journal, clock, hooks, deps.storageRetryMs ?? 2000)
    const [actor, ledger, notify] = [() => this.actor, () => this.ledger, () => this.notify()]
    const { journal, reportArchive, exports, checkPin } = deps
    this.service = new KioskService({ kiosk: this, actor, clock, journal, ledger, receipts: this.receipts, reportArchive, exports, checkPin, record, notify })
    this.armed = new ArmedFaults({ fire: (intent) => this.send(intent), changed: notify, pos: this.pos })
    this.boot({ ...NO_DEVICE_FAULTS, ...deps.faultsAtPowerUp })
  }

  /**
   * Starts the kiosk machine on the journal as it stands: checked against its anchored head, then
   * recovered (an interrupted top-up is finished first). Runs at power-up, and again when staff
   * accept a journal that did not match its head, and when the journal can be written again after a
   * storage failure: the session in progress then is finished from the journal, as after a power cut.
   */
  private boot(faults: DeviceFaults): void {
    const { config, clock, journal } = this.deps
    // Before the machine starts: the recovery's first card lookup, a bank-card charge or a receipt
    // printed at power-up already meet them.
    this.host.fault = faults.host
    this.pos.fault = faults.pos
    this.printer.fault = faults.printer
    this.writer.fault = faults.storage
    const { pos, writer } = this
    const printReceipt = (receipt: ReceiptView) => (this.armed.saw('receiptPrinting'), this.receipts.print(receipt, this.snapshot().context.language))
    const devices = { clock, host: () => this.service.host(), pos, flushBeforeActing: () => writer.flushBeforeActing(), printReceipt }
    const start = readJournalAtPowerUp(journal, config)
    this.trust = start.trust
    this.ledger = start.ledger
    this.service.started()
    const { trust, recovery, service } = start
    const input = {
      // The configuration file's with staff's settings since (journaled), wrong PINs, out-of-service switch, training.
      ...service,
      marketRates: quoteRates(service.config),
      lastTransactionNumber: start.lastTransactionNumber,
      bootNonce: (this.deps.bootNonce ?? randomBootNonce)(),
      interrupted: recovery?.interrupted ?? null,
      cashbox: recovery?.cashbox ?? [],
      journalProblem: trust.ok ? null : { problem: trust.problem, message: trust.message },
      ...(this.deps.language ? { language: this.deps.language } : {})
    }
    const actor = kioskActor(devices, { input, clock, inspect: this.chart.inspectWith(this.deps.inspect) })
    this.actor = actor
    const notifyIfCurrent = (): void => void (actor === this.actor && this.notify())
    // Journal before acknowledge: emitted records are written before observers see the snapshot.
    actor.on('journal', (e) => {
      try {
        this.writer.store(e, this.cardKey)
      } catch (err) {
        // XState would rethrow a listener's error outside any call stack the host can catch: stop here instead.
        this.stopWith(err)
      }
    })
    actor.subscribe({
      // Journal before acknowledge: the step's records are durable before any screen sees its state.
      next: notifyIfCurrent,
      error: (err) => this.stopWith(err)
    })
    for (const r of startRecords(config.terminal.id, start)) journal.append(r.kind, r.data, clock.now())
    actor.start()
    applyFaultsAtPowerUp(faults, this.actor, this.validator(), this.cardReader(), this.host.linkDown)
    this.armed.watch(actor, this.validator(), this.cardReader())
    this.validator().subscribe(notifyIfCurrent)
    this.cardReader().subscribe(notifyIfCurrent)
    // The start's records are durable before anything is shown; a disk that refuses puts the kiosk out of service.
    this.notify()
  }

  /** The simulated device faults on now, for the kiosk that starts after a power cut (`KioskDeps.faultsAtPowerUp`). */
  deviceFaults(): DeviceFaults {
    return faultsOn(this)
  }

  /** The storage drill on now (the journal's writes fail as a real disk's would), or null. */
  storageDrill(): StorageFault | null {
    return this.writer.fault
  }

  /** The kiosk machine's current snapshot (for tests and the scenario runner). */
  snapshot(): KioskSnapshot {
    return this.actor.getSnapshot()
  }

  /** A fatal error of the core (a bug: the machine threw), or null. Storage failures are not fatal: see `storageOutage`. */
  error(): Error | null {
    return this.failure
  }

  /** Why the journal cannot be written now, or null. */
  storageOutage(): StorageOutage | null {
    const outage = this.writer.outage
    return outage && { ...outage }
  }

  validator(): ActorRefFrom<typeof billValidatorMachine> {
    return this.actor.system.get('billValidator') as ActorRefFrom<typeof billValidatorMachine>
  }

  cardReader(): ActorRefFrom<typeof cardReaderMachine> {
    return this.actor.system.get('cardReader') as ActorRefFrom<typeof cardReaderMachine>
  }

  /** The host's cards as they stand, each with the reference a tap may name it by (the scenario recorder writes numbers). */
  hostCards(): (CardRecord & { cardRef: string })[] {
    return this.deps.cards.list().map((c) => ({ ...c, cardRef: this.taps.refOf(c.number) }))
  }

  send(intent: Intent): SendResult {
    if (this.failure) return { ok: false, error: `the kiosk is stopped: ${this.failure.message}` }
    try {
      return this.deliver(intent)
    } catch (err) {
      // A bug in the core must not take the host down: the kiosk stops, says so on every screen, and the host lives on.
      this.stopWith(err)
      return { ok: false, error: `the kiosk is stopped: ${this.failure!.message}` }
    }
  }

  private deliver(intent: Intent): SendResult {
    if (intent.type === 'insertBill') {
      // A note can always be pushed into the slot; the validator decides whether to draw it in.
      this.validator().send({ type: 'insert', note: { currency: intent.currency, value: intent.value } })
      return { ok: true }
    }
    if (intent.type === 'setRate') {
      if (!this.deps.config.currencies[intent.currency]) return { ok: false, error: `${intent.currency} is not an accepted currency on this kiosk` }
      this.actor.send({ type: 'market.rateChanged', currency: intent.currency, rate: intent.rate })
      return { ok: true }
    }
    if (intent.type === 'fault' || intent.type === 'clearFault') return this.setFault(intent)
    if (intent.type === 'arm' || intent.type === 'disarm') return this.armed.handle(intent)
    if (intent.type === 'reprint') return this.receipts.reprint(intent.transactionId)
    if (intent.type === 'acceptJournal') return this.acceptJournal()
    if (intent.type === 'collectCash') return collectCash(this.validator())
    if (isStaffIntent(intent)) return this.service.desk.handle(intent)
    if (intent.type === 'serviceDoor') return this.service.desk.door(intent.open)
    if (intent.type === 'removeCard') {
      this.cardReader().send({ type: 'remove' })
      return { ok: true }
    }
    if (intent.type === 'tapCard' && this.taps.numberOf(intent) === null) return { ok: false, error: 'no card of this kiosk has that cardRef' }
    const event = this.eventFor(intent)
    if (!event) return { ok: false, error: `unknown intent` }
    // The screen it was sent on, named only when the intent was not possible there.
    const screen = this.isPossible(intent) ? null : screenOf(this.snapshot())
    if (intent.type === 'tapCard') this.cardReader().send({ type: 'present', number: this.taps.numberOf(intent)! })
    else this.actor.send(event)
    return screen === null ? { ok: true } : { ok: false, error: `"${intent.type}" is not possible on the ${screen} screen` }
  }

  /** The kiosk-machine event of an intent: a customer's `customer.*`, a tap what the reader reports; null for other controls. */
  eventFor(intent: Intent): KioskEvent | null {
    if (intent.type === 'tapCard') {
      const number = this.taps.numberOf(intent)
      if (number === null) return null
      return this.cardReader().getSnapshot().context.readError ? { type: 'reader.readFailed' } : { type: 'reader.cardTapped', number }
    }
    if (!isCustomerIntent(intent)) return null
    const { type, ...payload } = intent
    return { type: `customer.${type}`, ...payload } as KioskEvent
  }

  /** Whether the current screen takes this intent (notes, faults and the like are always possible). */
  isPossible(intent: Intent): boolean {
    if (intent.type === 'acceptJournal') return !this.trust.ok
    const event = this.eventFor(intent)
    if (!event) return true
    const snapshot = this.snapshot()
    // A card the kiosk waits for to write is always welcome.
    if (intent.type === 'tapCard' && this.cardReader().getSnapshot().context.writeFor === this.taps.numberOf(intent)) return true
    return event.type === 'customer.language' || hasFlowTransition(snapshot, event) || (event.type === 'customer.moreTime' && snapshot.can(event))
  }

  /**
   * Staff accept a journal that failed its start-up check, as it is: a `journalAccepted` record says
   * what was wrong and where numbering carries on; the head then follows the journal again, and the
   * kiosk starts afresh on it. The record stays in the journal for auditors (`journal verify`).
   */
  private acceptJournal(): SendResult {
    const trust = this.trust
    if (trust.ok) return { ok: false, error: 'the journal matches its head: there is nothing to accept' }
    // Numbering carries on from where this start numbers already: the journal's and its head's, the higher.
    this.deps.journal.append('journalAccepted', acceptanceOf(trust, this.snapshot().context.lastTransactionNumber), this.deps.clock.now())
    this.deps.journal.holdHead?.(false)
    // The head moves onto the accepted journal with this write; should the disk refuse it, the start
    // after it sees the old head again and the kiosk stays out of service until the write succeeds.
    this.writer.flush()
    this.restart()
    return { ok: true }
  }

  /** Stops the machine where it is and starts it again on the journal (faults carried as over a power cut). */
  private restart(): void {
    const faults = this.deviceFaults()
    this.actor.stop()
    this.boot(faults)
  }

  /** Switches a simulated device fault on or off. */
  private setFault(control: Extract<TechnicianControl, { type: 'fault' | 'clearFault' }>): SendResult {
    if (control.type === 'fault' && !isFaultOf(control.device, control.fault)) {
      return { ok: false, error: `unknown ${control.device} fault "${control.fault}"; expected one of ${DEVICE_FAULTS[control.device].join(', ')}` }
    }
    const { host, pos, printer } = this
    switchFault(control, { host, pos, printer, validator: this.validator(), cardReader: this.cardReader(), kiosk: this.actor })
    if (control.device === 'storage') this.writer.fault = control.type === 'clearFault' ? null : (control.fault as StorageFault)
    this.record('deviceFault', { device: control.device, fault: control.type === 'fault' ? control.fault : null })
    this.notify()
    return { ok: true }
  }

  view(): KioskView {
    const snapshot = this.snapshot()
    const view = this.service.withPage({ ...this.machineView(snapshot, snapshot.children.cardReader?.getSnapshot()) })
    // The machine is gone: every screen says the kiosk is out of order rather than freezing on its last picture.
    return this.failure
      ? { ...view, screen: 'outOfService', outOfService: 'stopped', warning: null, cancelQuestion: null, canCancel: false, canGoBack: false, canConfirm: false }
      : view
  }

  /** The screen the kiosk shows (the view's `screen`, without building the rest of the view). */
  screen(): ScreenName {
    return this.failure ? 'outOfService' : screenOf(this.snapshot())
  }

  technicianView(): TechnicianView {
    const { config, journal } = this.deps
    const [trust, ledger, reprintable, chartLog, cards] = [this.trust, this.ledger, this.receipts.reprintable(), this.chart, this.host.cardsAsKnown()]
    const armed = this.armed.view()
    return technicianViewOf(this, { config, journal, trust, ledger, reprintable, cards, cardRefOf: (n) => this.taps.refOf(n), chartLog, armed })
  }

  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener)
  }

  /** The power goes: the machines stop, the journal and host store stay open for the next kiosk; the host finishes what it was asked. */
  powerCut(): void {
    this.halt()
    this.deps.onStop?.()
  }

  /** Stops the machines and closes the journal and the host's store. */
  stop(): void {
    this.halt()
    try {
      this.deps.journal.close()
    } finally {
      this.deps.cards.close?.()
      this.deps.onStop?.()
    }
  }

  /** The machines stop, and with them the timers: the journal's retry, the host link's echo tests. */
  private halt(): void {
    this.actor.stop()
    this.writer.cancelRetry()
    this.host.stop()
    this.listeners.clear()
  }

  recordScreenRecovered(recovery: RecordData<'screenRecovered'>): void {
    this.record('screenRecovered', recovery)
    this.notify()
  }

  /** A record the runtime makes itself (not the machine), made durable as soon as the disk allows. */
  private record<K extends JournalKind>(kind: K, data: RecordData<K>): void {
    this.writer.append(kind, data)
    this.writer.flush()
  }

  /** The core failed (a bug): it stops, the screens say the kiosk is out of order, the host process lives on. */
  private stopWith(err: unknown): void {
    if (this.failure) return
    this.failure = err instanceof Error ? err : new Error(String(err))
    this.writer.cancelRetry()
    // Stopped once the step it failed in is over: not from inside the actor's own processing.
    const actor = this.actor
    void Promise.resolve().then(() => {
      try {
        actor.stop()
      } catch {
        // Already stopped by its own error.
      }
    })
    this.listeners.tell()
  }

  /** Tells the screens; journal before acknowledge: the records behind what they will see are durable first. */
  private notify(): void {
    this.writer.flush()
    if (this.writer.restartDue && !this.snapshot().matches({ storageFailed: 'settling' })) {
      this.writer.restartDue = false
      // The restart's own start tells the screens.
      if (this.snapshot().matches('storageFailed')) return this.restart()
    }
    this.listeners.tell()
  }
}
