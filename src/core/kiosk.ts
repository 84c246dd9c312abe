/**
 * The kiosk runtime: the kiosk machine wired to its journal, host, printer and card reader.
 * Every host (Electron main, the web host, the CLI, tests) runs exactly this.
 */
import { createActor, fromPromise, type ActorRefFrom, type InspectionEvent } from 'xstate'
import type { KioskClock } from './clock'
import type { CurrencyCode, KioskConfig } from './config'
import { SimulatedHost, type CardStore, type HostFault } from './devices/host'
import { SimulatedPos, type PosFault } from './devices/pos'
import { SimulatedPrinter, type PrinterFault, type ReceiptArchive } from './devices/printer'
import { lastTransactionNumber, type Journal, type JournalKind } from './journal'
import { DEMO_CARD_KEY, maskCardNumber, protectCardNumber } from './cards'
import type { billValidatorMachine, ValidatorCondition } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import { kioskMachine, type KioskEvent } from './machines/kioskMachine'
import { quoteRates } from './money'
import { recoverFromJournal } from './recovery'
import { receiptDocument } from './receipt/document'
import { PAPER_COLUMNS } from './receipt/width'
import { DEVICE_FAULTS, isCustomerIntent, type Intent, type Language, type ReceiptView, type ScreenName, type TechnicianControl, type TechnicianView } from './protocol'
import type { KioskRuntime, SendResult } from './runtime'
import { acceptedNotes, hasFlowTransition, screenOf, stateName, toKioskView, type KioskSnapshot } from './view'

export interface KioskDeps {
  config: KioskConfig
  clock: KioskClock
  journal: Journal
  /** The simulated host's cards and applied credits. */
  cards: CardStore
  language?: Language
  /** The secret key of the journal's card references (cardRef); DEMO_CARD_KEY when not given. */
  cardKey?: Uint8Array
  /** An XState inspector for the kiosk's actor system (coverage, tracing). */
  inspect?: (event: InspectionEvent) => void
  /** Where receipts are kept as files (none in tests and scenarios unless given). */
  receiptArchive?: ReceiptArchive
  /**
   * The simulated device faults already on when this kiosk powers up, e.g. those of the kiosk that
   * lost power (`Kiosk.deviceFaults()`): none when not given. See `DeviceFaults` for what is carried.
   */
  faultsAtPowerUp?: Partial<DeviceFaults>
}

/**
 * The simulated device faults that are on, as they outlast a power cut of the kiosk: the host link
 * is remote and the POS terminal a separate device, so a host that is down or slow (or will lose its
 * next credit answer) and a terminal that declines or stays silent stay so; paper stays out of the
 * printer, the stacker full or the cassette out, a faulty card reader faulty.
 *
 * Not carried: a validator jam, a note physically stuck in the path (the journal has it in doubt
 * already; putting it back into the restarted validator would need the recovery to know about it,
 * which it does not, so the restarted validator starts with a clear path), and the validator's
 * one-shot drills `jamNext` and `counterfeitNext`, armed on the controller that lost power.
 */
export interface DeviceFaults {
  host: HostFault | null
  pos: PosFault | null
  printer: PrinterFault | null
  /** The bill validator's condition, but for a jam (not carried, see above). */
  validator: Exclude<ValidatorCondition, 'jam'> | null
  cardReadError: boolean
}

export const NO_DEVICE_FAULTS: DeviceFaults = { host: null, pos: null, printer: null, validator: null, cardReadError: false }

export class Kiosk implements KioskRuntime {
  readonly host: SimulatedHost
  readonly printer: SimulatedPrinter
  readonly pos: SimulatedPos
  private readonly actor
  private readonly listeners = new Set<() => void>()
  private failure: Error | null = null

  constructor(private readonly deps: KioskDeps) {
    const { config, clock, journal } = deps
    const cardKey = deps.cardKey ?? DEMO_CARD_KEY
    this.host = new SimulatedHost({ store: deps.cards, clock, latencyMs: config.devices.host.latencyMs, slowLatencyMs: config.devices.host.slowLatencyMs, cardKey })
    this.printer = new SimulatedPrinter(clock, config.devices.printer.printMs)
    this.pos = new SimulatedPos(clock, config.devices.pos.latencyMs)
    const faults: DeviceFaults = { ...NO_DEVICE_FAULTS, ...deps.faultsAtPowerUp }
    // Before the machine starts: the recovery's first card lookup, a bank-card charge or a receipt
    // printed at power-up already meet them.
    this.host.fault = faults.host
    this.pos.fault = faults.pos
    this.printer.fault = faults.printer
    const iso = (ms: number) => new Date(ms).toISOString()
    const machine = kioskMachine.provide({
      actors: {
        // Write-ahead: every device and host call starts with the journal durable up to the step that made it.
        lookupCard: fromPromise(({ input }) => (journal.flush(), this.host.lookupCard(input))),
        quoteRates: fromPromise(async ({ input }) => ({ rates: { ...input.rates }, quotedAt: iso(clock.now()), validUntil: iso(clock.now() + input.lockSeconds * 1000) })),
        chargeBankCard: fromPromise(({ input }) => (journal.flush(), this.pos.charge(input))),
        readClock: fromPromise(async () => iso(clock.now())),
        creditCard: fromPromise(({ input }) => (journal.flush(), this.host.credit(input))),
        confirmCardWrite: fromPromise(async ({ input }) => {
          journal.flush()
          if (input.transactionIds.length > 0) await this.host.confirmCardWrite(input)
        }),
        printReceipt: fromPromise(({ input }) => {
          journal.flush()
          const language = this.snapshot().context.language
          this.rememberReceipt(input, language)
          // Archived before printing: a receipt that never reaches paper still exists as a file and an e-receipt.
          deps.receiptArchive?.keep(input, language, config.devices.printer.paper)
          return this.printer.print(receiptDocument(input, language, { columns: PAPER_COLUMNS[config.devices.printer.paper] }))
        })
      }
    })
    const records = journal.all()
    const recovery = recoverFromJournal(records)
    const input = {
      config,
      marketRates: quoteRates(config),
      lastTransactionNumber: lastTransactionNumber(records),
      interrupted: recovery.interrupted,
      cashbox: recovery.cashbox,
      ...(deps.language ? { language: deps.language } : {})
    }
    this.actor = createActor(machine, { input, clock, ...(deps.inspect ? { inspect: deps.inspect } : {}) })
    // Journal before acknowledge: emitted records are written before observers see the snapshot.
    this.actor.on('journal', (e) => {
      journal.append(e.kind, protectCardNumber(e.data, cardKey), clock.now())
    })
    this.actor.subscribe({
      // Journal before acknowledge: the step's records are durable before any screen sees its state.
      next: () => this.notify(),
      error: (err) => {
        this.failure = err instanceof Error ? err : new Error(String(err))
        this.notify()
      }
    })
    journal.append('kioskStarted', { terminalId: config.terminal.id, ...(recovery.interrupted ? { resuming: recovery.interrupted.transaction.id } : {}) }, clock.now())
    for (const r of recovery.powerUpRecords) journal.append(r.kind, r.data, clock.now())
    journal.flush()
    this.actor.start()
    this.applyFaultsAtPowerUp(faults)
    this.validator().subscribe(() => this.notify())
    this.cardReader().subscribe(() => this.notify())
  }

  /**
   * The machine side of the faults on at power-up, through the paths `setFault` takes. No
   * `deviceFault` record: a power cut switches no fault on or off, and the journal of the kiosk that
   * lost power already holds the record that switched each one on (and none that cleared it), so a
   * new one would tell of a trainer's action that never happened. The validator reports its
   * condition at power-up as a `validatorCondition` record all the same (the kiosk machine records
   * every condition it hears of): the journal's cashbox count then restarts when staff empty the
   * stacker or put the cassette back after the restart.
   */
  private applyFaultsAtPowerUp(faults: DeviceFaults): void {
    // The runtime reports host.down on a change from up to down; the link is down from the start
    // here, so it is reported once: the kiosk goes out of service (after any recovery).
    if (faults.host === 'down') this.actor.send({ type: 'host.down' })
    if (faults.validator) this.validator().send({ type: 'condition', condition: faults.validator })
    if (faults.cardReadError) this.cardReader().send({ type: 'readError', on: true })
  }

  /** The simulated device faults on now, for the kiosk that starts after a power cut (`KioskDeps.faultsAtPowerUp`). */
  deviceFaults(): DeviceFaults {
    const condition = this.validator().getSnapshot().context.condition
    return {
      host: this.host.fault,
      pos: this.pos.fault && { ...this.pos.fault },
      printer: this.printer.fault,
      validator: condition === 'jam' ? null : condition,
      cardReadError: this.cardReader().getSnapshot().context.readError
    }
  }

  /** The kiosk machine's current snapshot (for tests and the scenario runner). */
  snapshot(): KioskSnapshot {
    return this.actor.getSnapshot()
  }

  /** A fatal error of the core (e.g. the journal could not be written), or null. */
  error(): Error | null {
    return this.failure
  }

  validator(): ActorRefFrom<typeof billValidatorMachine> {
    return this.actor.system.get('billValidator') as ActorRefFrom<typeof billValidatorMachine>
  }

  cardReader(): ActorRefFrom<typeof cardReaderMachine> {
    return this.actor.system.get('cardReader') as ActorRefFrom<typeof cardReaderMachine>
  }

  send(intent: Intent): SendResult {
    if (this.failure) return { ok: false, error: `the kiosk is stopped: ${this.failure.message}` }
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
    if (intent.type === 'reprint') return this.reprint(intent.transactionId)
    if (intent.type === 'removeCard') {
      this.cardReader().send({ type: 'remove' })
      return { ok: true }
    }
    const event = this.eventFor(intent)
    if (!event) return { ok: false, error: `unknown intent` }
    const screen = screenOf(this.snapshot())
    const possible = this.isPossible(intent)
    if (intent.type === 'tapCard') this.cardReader().send({ type: 'present', number: intent.number })
    else this.actor.send(event)
    return possible ? { ok: true } : { ok: false, error: `"${intent.type}" is not possible on the ${screen} screen` }
  }

  /**
   * The kiosk-machine event an intent becomes: a customer intent its `customer.*` event; a tap
   * what the reader will report (read or failed). Null for the other hardware and staff controls.
   */
  eventFor(intent: Intent): KioskEvent | null {
    if (intent.type === 'tapCard') {
      return this.cardReader().getSnapshot().context.readError ? { type: 'reader.readFailed' } : { type: 'reader.cardTapped', number: intent.number }
    }
    if (!isCustomerIntent(intent)) return null
    const { type, ...payload } = intent
    return { type: `customer.${type}`, ...payload } as KioskEvent
  }

  /** Whether the current screen takes this intent (notes, faults and the like are always possible). */
  isPossible(intent: Intent): boolean {
    const event = this.eventFor(intent)
    if (!event) return true
    const snapshot = this.snapshot()
    // A card the kiosk waits for to write is always welcome.
    if (intent.type === 'tapCard' && this.cardReader().getSnapshot().context.writeFor === intent.number) return true
    return event.type === 'customer.language' || hasFlowTransition(snapshot, event) || (event.type === 'customer.moreTime' && snapshot.can(event))
  }

  /** Switches a simulated device fault on or off. */
  private setFault(control: Extract<TechnicianControl, { type: 'fault' | 'clearFault' }>): SendResult {
    if (control.type === 'fault' && !(DEVICE_FAULTS[control.device] as readonly string[]).includes(control.fault)) {
      return { ok: false, error: `unknown ${control.device} fault "${control.fault}"; expected one of ${DEVICE_FAULTS[control.device].join(', ')}` }
    }
    if (control.device === 'pos') {
      this.pos.fault = control.type === 'clearFault' ? null : control.fault === 'timeout' ? { kind: 'timeout' } : { kind: 'decline', reason: control.reason ?? 'insufficientFunds' }
    } else if (control.device === 'host') {
      const wasDown = this.host.fault === 'down'
      this.host.fault = control.type === 'clearFault' ? null : (control.fault as HostFault)
      // The kiosk's heartbeat notices the link going down or coming back.
      if (this.host.fault === 'down' && !wasDown) this.actor.send({ type: 'host.down' })
      if (this.host.fault !== 'down' && wasDown) this.actor.send({ type: 'host.up' })
    } else if (control.device === 'billValidator') {
      if (control.type === 'clearFault') {
        this.validator().send({ type: 'disarm' })
        this.validator().send({ type: 'condition', condition: null })
      } else if (control.fault === 'counterfeit') this.validator().send({ type: 'counterfeitNext' })
      else if (control.fault === 'jam') this.validator().send({ type: 'jam' })
      else this.validator().send({ type: 'condition', condition: control.fault as ValidatorCondition })
    } else if (control.device === 'printer') {
      this.printer.fault = control.type === 'clearFault' ? null : (control.fault as PrinterFault)
    } else {
      this.cardReader().send({ type: 'readError', on: control.type === 'fault' })
    }
    this.record('deviceFault', { device: control.device, fault: control.type === 'fault' ? control.fault : null })
    this.notify()
    return { ok: true }
  }

  /** Receipts of this run by transaction id, newest last, for staff reprints. */
  private readonly receipts = new Map<string, { receipt: ReceiptView; language: Language }>()

  private rememberReceipt(receipt: ReceiptView, language: Language): void {
    this.receipts.delete(receipt.transactionId)
    this.receipts.set(receipt.transactionId, { receipt: { ...receipt, printed: 'printed' }, language })
    if (this.receipts.size > 50) this.receipts.delete(this.receipts.keys().next().value!)
  }

  /** Staff print a receipt again, e.g. after refilling the paper. */
  private reprint(transactionId: string): SendResult {
    const kept = this.receipts.get(transactionId)
    if (!kept) return { ok: false, error: `no receipt for ${transactionId} on this kiosk since it started` }
    // A reprint is marked as a copy, in the language the customer had.
    this.printer.print(receiptDocument(kept.receipt, kept.language, { copy: true, columns: PAPER_COLUMNS[this.deps.config.devices.printer.paper] })).then(
      () => this.record('receiptPrinted', { transactionId, reprint: true }),
      (err: { reason?: string }) => this.record('receiptNotPrinted', { transactionId, reprint: true, reason: err.reason ?? 'error' })
    ).finally(() => this.notify())
    return { ok: true }
  }

  view() {
    return toKioskView(this.snapshot())
  }

  /** The screen the kiosk shows (the view's `screen`, without building the rest of the view). */
  screen(): ScreenName {
    return screenOf(this.snapshot())
  }

  technicianView(): TechnicianView {
    const snapshot = this.snapshot()
    const validator = this.validator().getSnapshot()
    const reader = this.cardReader().getSnapshot()
    return {
      kiosk: toKioskView(snapshot),
      state: stateName(snapshot),
      devices: {
        billValidator: {
          state: String(validator.value),
          noteInEscrow: validator.context.note,
          acceptedNotes: acceptedNotes(this.deps.config),
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
        printer: { fault: this.printer.fault, printed: this.printer.printed.length, lastReceipt: this.printer.printed.at(-1) ?? null, reprintable: [...this.receipts.keys()].reverse() },
        host: { fault: this.host.fault },
        pos: { fault: this.pos.fault?.kind ?? null, declineReason: this.pos.fault?.kind === 'decline' ? this.pos.fault.reason : null }
      },
      marketRates: Object.entries(snapshot.context.marketRates).map(([currency, rate]) => ({ currency: currency as CurrencyCode, rate: rate! })),
      cards: this.deps.cards.list().map((c) => ({ ...c, masked: maskCardNumber(c.number) })),
      journal: this.deps.journal.tail(20)
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * The power goes: the machines stop where they are, without a goodbye to the journal. The journal
   * and the host's store stay open for the kiosk that starts next (a power cut drill, a crash test);
   * the host keeps working on what it was asked.
   */
  powerCut(): void {
    this.actor.stop()
    this.listeners.clear()
  }

  /** Stops the machines and closes the journal and the host's store. */
  stop(): void {
    this.actor.stop()
    this.listeners.clear()
    this.deps.journal.close()
    this.deps.cards.close?.()
  }

  /** A record the runtime makes itself (not the machine), made durable at once. */
  private record(kind: JournalKind, data: Record<string, unknown>): void {
    this.deps.journal.append(kind, data, this.deps.clock.now())
    this.flushJournal()
  }

  /**
   * Makes the journal durable up to now. If the disk refuses, the kiosk stops: it must not show
   * or do anything its journal does not hold.
   */
  private flushJournal(): void {
    if (this.failure) return
    try {
      this.deps.journal.flush()
    } catch (err) {
      this.failure = err instanceof Error ? err : new Error(String(err))
      this.actor.stop()
    }
  }

  /** Tells the screens; journal before acknowledge: the records behind what they will see are durable first. */
  private notify(): void {
    this.flushJournal()
    for (const listener of this.listeners) listener()
  }
}
