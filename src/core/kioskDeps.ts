/** What a kiosk runs on: its configuration, clock, journal and host store, and the options of a start. */
import type { InspectionEvent } from 'xstate'
import type { KioskClock } from './clock'
import type { KioskConfig } from './config'
import type { CardStore, HostLink } from './devices/host'
import type { ReceiptArchive } from './devices/printer'
import type { ReportArchive } from './serviceReports'
import type { ServicePins } from './service/pins'
import type { ServiceRole } from './service/roles'
import type { Journal } from './journal'
import type { DeviceFaults } from './powerUp'
import type { Language } from './protocol'

export interface KioskDeps {
  config: KioskConfig
  clock: KioskClock
  journal: Journal
  /** The simulated host's cards and applied credits. */
  cards: CardStore
  /**
   * A host to credit cards on instead of `cards` (the HTTP host of docs/host-api.md): `cards` then
   * only lists the cards a technician can tap, and a training copy starts from them.
   */
  hostLink?: HostLink
  /** Echo tests to that host while it answers, every so many ms (the interactive hosts: 30 s), so an idle kiosk notices a lost link. */
  hostHeartbeatMs?: number
  language?: Language
  /** The secret key of the journal's card references (cardRef); DEMO_CARD_KEY when not given. */
  cardKey?: Uint8Array
  /** An XState inspector for the kiosk's actor system (coverage, tracing). */
  inspect?: (event: InspectionEvent) => void
  /** Where receipts are kept as files (none in tests and scenarios unless given). */
  receiptArchive?: ReceiptArchive
  /**
   * Which roles a PIN opens (`rolesForPin`, scrypt against every configured hash: about 0.2–0.5 s).
   * Generated walks replay the same logins thousands of times and pass a memoized one.
   */
  checkPin?: (pin: string, pins: ServicePins) => ServiceRole[]
  /** Where staff's exports go (the journal as CSV); none: the kiosk cannot export. */
  exports?: KioskExports
  /** Where shift and collection reports are kept (SVG and HTML with a history); none: printed only. */
  reportArchive?: ReportArchive
  /**
   * The simulated device faults already on when this kiosk powers up, e.g. those of the kiosk that
   * lost power (`Kiosk.deviceFaults()`): none when not given. See `DeviceFaults` for what is carried.
   */
  faultsAtPowerUp?: Partial<DeviceFaults>
  /**
   * A secret random value for this start of the kiosk (hex): transaction ids and e-receipt tokens
   * are derived from it, so they never repeat across restarts, restored journals or reinstalls.
   * Drawn from the system's cryptographic source when not given (headless scenario runs give a
   * fixed one, so their ids are reproducible).
   */
  bootNonce?: () => string
  /** How often a kiosk whose journal cannot be written tries again (kiosk clock; 2000 ms when not given). */
  storageRetryMs?: number
  /**
   * Called once the kiosk has stopped (its stores closed) or lost power: a host releases what it holds
   * for it, as a process that dies does (the data folder's lock).
   */
  onStop?: () => void
}

/** A place files can be exported to (the data folder's `exports`, a USB stick on a real kiosk). */
export interface KioskExports {
  /** Writes a new file under a name made of safe characters; returns the name it got (never overwriting another). */
  write(name: string, text: string): string
}

/** Exports kept in memory (scenarios, tests): the files by the name they got. */
export class MemoryExports implements KioskExports {
  readonly files = new Map<string, string>()

  write(name: string, text: string): string {
    let file = name
    for (let n = 2; this.files.has(file); n++) file = name.replace(/(\.[a-z]+)?$/, `.${n}$1`)
    this.files.set(file, text)
    return file
  }
}
