/** `npm run web`: the kiosk in any browser, with the technician panel at the technician URL it prints (docs/security.md). */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../core/config'
import { hostLinkFor } from '../hostServer/client'
import { DataDirBusyError } from '../node/dataDirLock'
import { JsonFileError, readJsonFile } from '../node/jsonFile'
import { CardKeyFileError, createNodeKiosk, getsDemoPins } from '../node/nodeKiosk'
import { nodeTrainingRoom } from '../node/scenarioShelf'
import { startWebHost } from './webServer'

const USAGE = `Usage: npm run web -- [--port N] [--host ADDRESS] [--data DIR] [--config FILE] [--host-url URL [--card-key FILE]]
  --port    port to listen on (default 8080; 0 picks a free one)
  --host    address to bind (default 127.0.0.1; any other than loopback makes the kiosk screen
            reachable from that network: warned at start; the technician panel still needs its key)
  --data    folder for the journal and the simulated host's cards (default .kiosk-data)
  --config  JSON file with a partial kiosk configuration
  --host-url  credit cards on the host at URL over HTTP (kiosk-sim host: docs/host-api.md)
            instead of the simulated host in the data folder
  --card-key  the card-reference key file the host uses (kiosk-sim host prints it): references
            in the journal name the same cards at both ends (default DIR/card-key.bin)`

function fail(message: string, usage = true): never {
  console.error(`web host: ${message}${usage ? `\n\n${USAGE}` : ''}`)
  process.exit(2)
}

let values
try {
  values = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      config: { type: 'string' },
      'host-url': { type: 'string' },
      'card-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  }).values
} catch (err) {
  fail((err as Error).message)
}
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const port = values.port === undefined ? 8080 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: expected a port number from 0 to 65535, got "${values.port}"`)

let hostLink
try {
  hostLink = hostLinkFor(values['host-url'])
} catch (err) {
  fail(`--host-url: ${(err as Error).message}`)
}

const cardKeyFile = values['card-key'] === undefined ? undefined : resolve(values['card-key'])

let configOverride: unknown = {}
if (values.config) {
  try {
    configOverride = readJsonFile(values.config)
  } catch (err) {
    if (err instanceof JsonFileError) fail(`--config: ${err.issues.join('\n  ')}`)
    throw err
  }
}

const dataDir = resolve(values.data ?? '.kiosk-data')
let runtime
try {
  // The training room around the live kiosk: the trainer's page (/trainer) plays scenarios on it (docs/training.md).
  runtime = nodeTrainingRoom(createNodeKiosk({ dataDir, configOverride, ...hostLink, ...(cardKeyFile ? { cardKeyFile } : {}) }), dataDir)
} catch (err) {
  if (err instanceof ConfigError) fail(`--config: invalid configuration\n${err.issues.map((i) => `  ${i}`).join('\n')}`)
  // One line, no stack trace: another kiosk on this folder, or a data folder that cannot be opened at all.
  if (err instanceof DataDirBusyError) fail(err.message, false)
  if (err instanceof CardKeyFileError)
    fail(`--card-key: ${err.problem ?? `no such file: ${err.path} (kiosk-sim host makes DIR/card-key.bin in its --data folder)`}`)
  fail(`cannot open the data folder ${dataDir}: ${(err as Error).message}`, false)
}

const host = await startWebHost({ runtime, rendererDir: resolve(import.meta.dirname, '../../out/renderer'), port, host: values.host ?? '127.0.0.1' }).catch(
  (err: Error) => fail(err.message)
)

if (hostLink.hostLink) console.log(`Card host:        ${hostLink.hostLink.address} (over HTTP; card key ${cardKeyFile ?? `${dataDir}/card-key.bin`})`)

// The demo kiosk's service mode (docs/service.md): how staff get in, with the demo PINs it was given.
if (getsDemoPins(loadConfig(configOverride))) {
  console.log('Service mode:     hold the kiosk screen\'s top-left corner 2 s, then its top-right corner 2 s (or "Open service door" on the panel);')
  console.log('                  demo PINs: collector 1111, technician 2222, administrator 3333')
}

const shutdown = async (): Promise<void> => {
  await host.close()
  runtime.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
