/** `kiosk-sim host`: the simulated host server over HTTP (docs/host-api.md), until Ctrl-C. */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startStandaloneHost } from '../hostServer/standalone'
import type { Output } from './usage'

export interface HostCommandOptions {
  port?: string
  data?: string
  cards?: string
  'card-key'?: string
}

/** Starts the host; resolves with the exit code once it is stopped (by the signal it waits for). */
export async function hostCommand(options: HostCommandOptions, io: Output, stopped: Promise<void> = signalled()): Promise<number> {
  const port = options.port === undefined ? 8090 : Number(options.port)
  if (!/^\d{1,5}$/.test(options.port ?? '0') || port > 65535) {
    io.err(`kiosk-sim host: --port: expected a port number from 0 to 65535 (0: any free port), got "${options.port}"`)
    return 2
  }
  const cards = options.cards === undefined ? 1000 : Number(options.cards)
  if (!/^\d{1,7}$/.test(options.cards ?? '0')) {
    io.err(`kiosk-sim host: --cards: expected a whole number of fleet cards from 0 to 9999999, got "${options.cards}"`)
    return 2
  }
  const dataDir = resolve(options.data ?? '.kiosk-host')
  let host
  try {
    mkdirSync(dataDir, { recursive: true })
    host = await startStandaloneHost({ dataDir, port, fleetCardCount: cards, ...(options['card-key'] ? { cardKeyFile: resolve(options['card-key']) } : {}) })
  } catch (err) {
    io.err(`kiosk-sim host: cannot start on port ${port} with data in ${dataDir}: ${(err as Error).message}`)
    return 2
  }
  io.out(`Host:      ${host.url}  (cards and credits in ${dataDir}/host.sqlite)`)
  io.out(`API:       ${host.url}/openapi.json`)
  io.out(`A kiosk:   npm run web -- --host-url ${host.url} --card-key ${resolve(options['card-key'] ?? join(dataDir, 'card-key.bin'))}`)
  await stopped
  await host.close()
  return 0
}

const signalled = () =>
  new Promise<void>((done) => {
    process.once('SIGINT', () => done())
    process.once('SIGTERM', () => done())
  })
