/** `kiosk-sim host`: the simulated host server on its data folder (cards and credits in SQLite, the card key beside them). */
import { join } from 'node:path'
import { DEMO_CARDS } from '../core/cards'
import { loadOrCreateCardKey } from '../node/cardKey'
import { SqliteCardStore } from '../node/sqliteCardStore'
import { fleetCards } from './fleetCards'
import { buildHostServer, type CreditDrill } from './server'

export interface StandaloneHostOptions {
  dataDir: string
  port: number
  /** Address to bind (default 127.0.0.1). */
  address?: string
  /** The fleet's cards added to the demo cards when the database is new (default 1000). */
  fleetCardCount?: number
  /** The card-reference key file (default DIR/card-key.bin, made when missing). */
  cardKeyFile?: string
  drills?: CreditDrill[]
}

export interface StandaloneHost {
  url: string
  close(): Promise<void>
}

/** Opens the host's database and listens; resolves with its URL. */
export async function startStandaloneHost(options: StandaloneHostOptions): Promise<StandaloneHost> {
  const store = new SqliteCardStore(join(options.dataDir, 'host.sqlite'), [...DEMO_CARDS, ...fleetCards(options.fleetCardCount ?? 1000)])
  const cardKey = loadOrCreateCardKey(options.cardKeyFile ?? join(options.dataDir, 'card-key.bin'))
  const app = buildHostServer({ store, cardKey, ...(options.drills ? { drills: options.drills } : {}) })
  try {
    await app.listen({ port: options.port, host: options.address ?? '127.0.0.1' })
  } catch (err) {
    store.close()
    throw err
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    url: `http://${options.address ?? '127.0.0.1'}:${port}`,
    close: async () => {
      await app.close()
      store.close()
    }
  }
}
