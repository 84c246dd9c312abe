/**
 * Powering the kiosk up: the journal read as it stands (checked against its anchored head, then
 * recovered), the records a start writes, and the simulated device faults that outlast a power cut.
 */
import { CassetteLedger } from './domain/collections'
import type { HostFault } from './devices/host'
import type { PosFault } from './devices/pos'
import type { PrinterFault } from './devices/printer'
import type { ActorRefFrom } from 'xstate'
import type { JournalEntry } from './domain/journalRecords'
import { checkJournal, lastTransactionNumber, toJournalRecord, type Journal, type JournalTrust, type RecordData } from './journal'
import type { StorageFault } from './journalWriter'
import type { billValidatorMachine, ValidatorCondition } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { KioskEvent } from './machines/kioskContext'
import { recoverFromJournal, type Recovery } from './recovery'
import { serviceFromJournal, type ServiceAtPowerUp } from './service/serviceJournal'
import type { KioskConfig } from './config'

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
  /** The storage drill: a full (or read-only, or locked) disk stays so across a restart. */
  storage: StorageFault | null
}

export const NO_DEVICE_FAULTS: DeviceFaults = { host: null, pos: null, printer: null, validator: null, cardReadError: false, storage: null }

/** The journal as a start finds it. */
export interface JournalAtPowerUp {
  trust: JournalTrust
  /** What to finish (null: the chain does not verify, so it is not read for money). */
  recovery: Recovery | null
  /** Where numbering carries on: the journal's and its anchored head's, the higher. */
  lastTransactionNumber: number
  /** The cassette's ledger (its count, collections, counters) as the journal leaves it: empty for a journal not read for money. */
  ledger: CassetteLedger
  /** Service mode as the journal leaves it (wrong PINs, out-of-service switch, training) and the configuration with staff's settings. */
  service: ServiceAtPowerUp
}

/** Reads the journal at a start: checked against its anchored head, then recovered (an interrupted top-up is finished first). */
export function readJournalAtPowerUp(journal: Journal, fileConfig: KioskConfig): JournalAtPowerUp {
  const stored = journal.stored()
  const anchored = journal.anchoredHead?.() ?? null
  const trust = checkJournal(stored, anchored)
  // The evidence stays: the head is not moved onto a journal that does not reach it until staff accept it.
  journal.holdHead?.(!trust.ok)
  const records = stored.map(toJournalRecord)
  // A chain that does not verify is not read for money: no recovery, no cassette count from it.
  const recovery = trust.ok ? recoverFromJournal(records) : null
  const ledger = trust.ok ? CassetteLedger.of(records) : new CassetteLedger()
  const service = serviceFromJournal(trust.ok ? records : [], fileConfig)
  return { trust, recovery, ledger, service, lastTransactionNumber: Math.max(lastTransactionNumber(records), anchored?.lastTransactionNumber ?? 0) }
}

/** The records a start writes: `kioskStarted`, then what the power-up did with notes in the validator's path. */
export function startRecords(terminalId: string, { trust, recovery }: JournalAtPowerUp): JournalEntry[] {
  const problem = trust.ok ? null : { problem: trust.problem, message: trust.message }
  const interrupted = recovery?.interrupted
  return [
    {
      kind: 'kioskStarted',
      data: { terminalId, ...(interrupted ? { resuming: interrupted.transaction.id } : {}), ...(problem ? { journalProblem: problem } : {}) }
    },
    ...(recovery?.powerUpRecords ?? [])
  ]
}

/** The devices whose simulated faults outlast a power cut, as a kiosk has them now. */
export interface FaultyDevices {
  host: { fault: HostFault | null }
  pos: { fault: PosFault | null }
  printer: { fault: PrinterFault | null }
  validator(): ActorRefFrom<typeof billValidatorMachine>
  cardReader(): ActorRefFrom<typeof cardReaderMachine>
  storageDrill(): StorageFault | null
}

/** The simulated device faults on now, for the kiosk that starts after a power cut (`KioskDeps.faultsAtPowerUp`). */
export function faultsOn(devices: FaultyDevices): DeviceFaults {
  const condition = devices.validator().getSnapshot().context.condition
  return {
    host: devices.host.fault,
    pos: devices.pos.fault && { ...devices.pos.fault },
    printer: devices.printer.fault,
    validator: condition === 'jam' ? null : condition,
    cardReadError: devices.cardReader().getSnapshot().context.readError,
    storage: devices.storageDrill()
  }
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
export function applyFaultsAtPowerUp(
  faults: DeviceFaults,
  kiosk: { send(event: KioskEvent): void },
  validator: ActorRefFrom<typeof billValidatorMachine>,
  cardReader: ActorRefFrom<typeof cardReaderMachine>,
  hostLinkDown: boolean
): void {
  // The runtime reports host.down on a change from up to down; the link is down from the start
  // here (the trainer's fault, already set on the host, or a remote host not answering), so it is
  // reported once: the kiosk goes out of service (after any recovery).
  if (hostLinkDown) kiosk.send({ type: 'host.down' })
  if (faults.validator) validator.send({ type: 'condition', condition: faults.validator })
  if (faults.cardReadError) cardReader.send({ type: 'readError', on: true })
}

/** The record of staff accepting a journal that failed its start-up check: what was wrong, and where numbering carries on. */
export function acceptanceOf(trust: Extract<JournalTrust, { ok: false }>, lastTransactionNumber: number): RecordData<'journalAccepted'> {
  return { problem: trust.problem, message: trust.message, anchored: trust.anchored, found: trust.found, lastTransactionNumber }
}
