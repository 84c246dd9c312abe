/** Builds the kiosk for the interactive hosts: real clock (unless told otherwise), SQLite journal and host database. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_CARDS, type CardRecord } from '../core/cards'
import type { KioskClock } from '../core/clock'
import { loadConfig, type KioskConfig } from '../core/config'
import { Kiosk } from '../core/kiosk'
import type { Language } from '../core/protocol'
import type { HostLink } from '../core/devices/host'
import { loadOrCreateCardKey } from './cardKey'
import { FileReceiptArchive } from './receiptArchive'
import { FileReportArchive } from './reportArchive'
import { FileExports } from './fileExports'
import { DEMO_SERVICE_PINS } from '../core/service/demoPins'
import { realClock } from './realClock'
import { SqliteCardStore } from './sqliteCardStore'
import { lockDataDir } from './dataDirLock'
import { SqliteJournal, type SqliteJournalOptions } from './sqliteJournal'

export interface NodeKioskOptions {
  /** Folder for the journal, the simulated host's card database, the card-reference key and the receipts (`receipts/`). */
  dataDir: string
  /** Partial configuration merged over the defaults. */
  configOverride?: unknown
  /** The kiosk's time source: the real clock unless given (browser tests drive a VirtualClock). */
  clock?: KioskClock
  /** The cards the simulated host starts with when its database is new (the demo cards unless given). */
  cards?: readonly CardRecord[]
  /** The screen language the kiosk starts in and returns to after every session (Russian unless given). */
  language?: Language
  /** How the journal's SQLite store waits for locks (tests shorten it). */
  journal?: SqliteJournalOptions
  /** How often a kiosk whose journal cannot be written tries again (2000 ms unless given). */
  storageRetryMs?: number
  /** A host to credit cards on instead of the simulated one in the data folder (`--host-url`: docs/host-api.md). */
  hostLink?: HostLink
  /** The card-reference key file to share with that host (`--card-key`); DIR/card-key.bin otherwise. */
  cardKeyFile?: string
}

/**
 * The card key file named for the kiosk (`--card-key`, KIOSK_SIM_CARD_KEY) cannot be used: not there (`problem` null; a key
 * made anew would name no card at the host), or not readable as a key.
 */
export class CardKeyFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string | null
  ) {
    super(problem === null ? `card key file not found: ${path}` : `card key file ${path}: ${problem}`)
    this.name = 'CardKeyFileError'
  }
}

function namedCardKey(path: string): Uint8Array {
  if (!existsSync(path)) throw new CardKeyFileError(path, null)
  try {
    return loadOrCreateCardKey(path)
  } catch (err) {
    throw new CardKeyFileError(path, (err as Error).message)
  }
}

/** Whether a configuration is a demo's that gives no role a PIN (it gets the demo PINs). */
export const getsDemoPins = (config: KioskConfig): boolean => config.terminal.demo && Object.keys(config.service.pins).length === 0

/**
 * A demo kiosk (`terminal.demo`) whose configuration gives no role a PIN gets the demo PINs
 * (collector 1111, technician 2222, administrator 3333: docs/service.md), so that service mode can
 * be tried and trained on. A kiosk that is not a demo gets none: no PIN, no service mode.
 */
export function withDemoPins(config: KioskConfig): KioskConfig {
  if (!getsDemoPins(config)) return config
  return { ...config, service: { ...config.service, pins: { ...DEMO_SERVICE_PINS } } }
}

/**
 * A kiosk on its data folder, which it holds for itself while it runs (a second one refuses with
 * DataDirBusyError). Throws ConfigError for a bad configuration, before anything is opened.
 */
export function createNodeKiosk(options: NodeKioskOptions): Kiosk {
  const config = withDemoPins(loadConfig(options.configOverride ?? {}))
  // A key named on purpose must be the host's: made anew here, it would name no card there.
  const namedKey = options.cardKeyFile === undefined ? undefined : namedCardKey(options.cardKeyFile)
  const lock = lockDataDir(options.dataDir)
  try {
    const journal = new SqliteJournal(join(options.dataDir, 'journal.sqlite'), options.journal)
    const cards = new SqliteCardStore(join(options.dataDir, 'host.sqlite'), options.cards ?? DEMO_CARDS)
    const cardKey = namedKey ?? loadOrCreateCardKey(join(options.dataDir, 'card-key.bin'))
    const receiptArchive = new FileReceiptArchive(join(options.dataDir, 'receipts'))
    const reportArchive = new FileReportArchive(join(options.dataDir, 'reports'))
    return new Kiosk({
      config,
      clock: options.clock ?? realClock,
      journal,
      cards,
      cardKey,
      receiptArchive,
      reportArchive,
      exports: new FileExports(join(options.dataDir, 'exports')),
      onStop: () => lock.release(),
      // A remote host gets an echo test every 30 s while it answers: an idle kiosk notices a lost link before a customer does.
      ...(options.hostLink ? { hostLink: options.hostLink, hostHeartbeatMs: 30_000 } : {}),
      ...(options.storageRetryMs !== undefined ? { storageRetryMs: options.storageRetryMs } : {}),
      ...(options.language ? { language: options.language } : {})
    })
  } catch (err) {
    lock.release()
    throw err
  }
}
