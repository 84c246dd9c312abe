/** Builds the kiosk for the interactive hosts: real clock, SQLite journal and host database. */
import { join } from 'node:path'
import { DEMO_CARDS } from '../core/cards'
import { loadConfig } from '../core/config'
import { Kiosk } from '../core/kiosk'
import { loadOrCreateCardKey } from './cardKey'
import { FileReceiptArchive } from './receiptArchive'
import { realClock } from './realClock'
import { SqliteCardStore } from './sqliteCardStore'
import { SqliteJournal } from './sqliteJournal'

export interface NodeKioskOptions {
  /** Folder for the journal, the simulated host's card database, the card-reference key and the receipts (`receipts/`). */
  dataDir: string
  /** Partial configuration merged over the defaults. */
  configOverride?: unknown
}

export function createNodeKiosk(options: NodeKioskOptions): Kiosk {
  const config = loadConfig(options.configOverride ?? {})
  const journal = new SqliteJournal(join(options.dataDir, 'journal.sqlite'))
  const cards = new SqliteCardStore(join(options.dataDir, 'host.sqlite'), DEMO_CARDS)
  const cardKey = loadOrCreateCardKey(join(options.dataDir, 'card-key.bin'))
  return new Kiosk({ config, clock: realClock, journal, cards, cardKey, receiptArchive: new FileReceiptArchive(join(options.dataDir, 'receipts')) })
}
