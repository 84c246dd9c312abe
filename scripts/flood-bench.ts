/**
 * `npm run bench:flood [-- --intents N --runs R --unlimited M]`: what a client that floods the web
 * host costs the others. A real web host over a real kiosk (SQLite journal) on loopback, a customer
 * display and a technician connected; a third connection (technician, with the key) sends N intents
 * as fast as it can, each one changing the view (the language, back and forth). Measured per run:
 * how long until the host closes the flooder, how many of its intents the kiosk took, and how long
 * a tap from the other technician takes to show the amount screen right after the flood was sent.
 * `--unlimited M` runs the same flood of M intents once with the rate limit off, for comparison.
 * docs/benchmarks.md has the figures and how to read them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseScriptArgs } from './scriptArgs'
import WebSocket from 'ws'
import type { ServerMessage, TechnicianView } from '../src/core/protocol'
import { keyFromFragment, technicianSubprotocols } from '../src/core/technicianKey'
import { startWebHost, type ConnectionLimits } from '../src/hosts/webServer'
import { createNodeKiosk } from '../src/node/nodeKiosk'

const { values } = parseScriptArgs({
  options: { intents: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' }, unlimited: { type: 'string', default: '0' } }
})
const intents = Number(values.intents)
const runs = Number(values.runs)
const unlimited = Number(values.unlimited)
for (const [name, n, min] of [
  ['--intents', intents, 1],
  ['--runs', runs, 1],
  ['--unlimited', unlimited, 0]
] as const) {
  if (!Number.isInteger(n) || n < min) {
    console.error(`${name}: expected a whole number of at least ${min}, got "${values[name.slice(2) as 'intents']}"`)
    process.exit(2)
  }
}

interface Client {
  socket: WebSocket
  views: TechnicianView[]
  /** Resolves at the first technician view that holds `predicate`, from now on. */
  until(predicate: (view: TechnicianView) => boolean): Promise<number>
}

function open(url: string, key: string | null): Promise<Client> {
  const socket = new WebSocket(url, key ? technicianSubprotocols(key) : [])
  const views: TechnicianView[] = []
  const waiters = new Set<(view: TechnicianView) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage
    if (message.type !== 'technicianView') return
    views.push(message.view)
    for (const w of [...waiters]) w(message.view)
  })
  const until = (predicate: (view: TechnicianView) => boolean) =>
    new Promise<number>((resolve) => {
      const check = (view: TechnicianView) => {
        if (!predicate(view)) return
        waiters.delete(check)
        resolve(performance.now())
      }
      waiters.add(check)
    })
  // Ready once the first view is in.
  return new Promise((resolve, reject) => {
    until(() => true).then(() => resolve({ socket, views, until }), reject)
    socket.once('error', reject)
  })
}

/**
 * Times count from the moment the whole flood was handed to the flooder's socket: the flooder runs
 * in this process, so the host reads none of it while the loop that sends it runs.
 */
interface FloodResult {
  /** Until the host closed the flooder, by its log line (null: never closed). */
  closedAfterMs: number | null
  /** Technician views the flooder got (about one per intent the kiosk took). */
  viewsToFlooder: number
  /** Until the other technician's tap, sent then, showed the amount screen. */
  tapAnsweredMs: number
  /** How long sending the flood took the flooder. */
  sendingMs: number
}

async function flood(count: number, limits: Partial<ConnectionLimits>): Promise<FloodResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-flood-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>')
  const runtime = createNodeKiosk({ dataDir: join(dir, 'data'), configOverride: { devices: { host: { latencyMs: 10 } } } })
  const logs: string[] = []
  let closedAt: number | null = null
  const log = (line: string) => {
    logs.push(line)
    if (line.startsWith('closed the technician connection')) closedAt ??= performance.now()
  }
  const host = await startWebHost({ runtime, rendererDir: join(dir, 'renderer'), port: 0, log, limits })
  try {
    const key = keyFromFragment(new URL(logs.find((l) => l.startsWith('Technician panel: '))!.slice(18)).hash)!
    const ws = `${host.url.replace('http', 'ws')}ws?role=`
    const display = new WebSocket(`${ws}kiosk`)
    await new Promise((r) => display.once('open', r))
    const other = await open(`${ws}technician`, key)
    const flooder = await open(`${ws}technician`, key)
    const card = other.views[0]!.cards[0]!

    const started = performance.now()
    const messages = [JSON.stringify({ type: 'language', code: 'en' }), JSON.stringify({ type: 'language', code: 'ru' })]
    for (let i = 0; i < count; i++) flooder.socket.send(messages[i % 2]!)
    const tapped = performance.now()
    const answered = other.until((v) => v.kiosk.screen === 'amount')
    other.socket.send(JSON.stringify({ type: 'tapCard', cardRef: card.cardRef }))
    const answeredAt = await answered
    // A flooder the host does not close (the limit off) has had all its intents taken by now or soon.
    await new Promise((r) => setTimeout(r, 200))
    const result = {
      closedAfterMs: closedAt === null ? null : (closedAt as number) - tapped,
      viewsToFlooder: flooder.views.length,
      tapAnsweredMs: answeredAt - tapped,
      sendingMs: tapped - started
    }
    for (const s of [display, other.socket, flooder.socket]) s.terminate()
    return result
  } finally {
    await host.close()
    runtime.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const ms = (n: number | null) => (n === null ? 'never' : `${n.toFixed(0)} ms`)
await flood(200, {}) // warm-up: JIT, SQLite, sockets
const quiet: number[] = []
for (let run = 1; run <= runs; run++) quiet.push((await flood(0, {})).tapAnsweredMs)
console.log(`No flood: a tap answered in ${quiet.map((q) => ms(q)).join(', ')}`)
console.log(`Flood of ${intents.toLocaleString('en-US')} intents on one technician connection (default limits), ${runs} run(s)`)
console.log('run  sending the flood  flooder closed in  views to flooder  other tap answered in')
for (let run = 1; run <= runs; run++) {
  const r = await flood(intents, {})
  console.log(
    `${String(run).padStart(3)}  ${ms(r.sendingMs).padStart(17)}  ${ms(r.closedAfterMs).padStart(17)}  ${String(r.viewsToFlooder).padStart(16)}  ${ms(r.tapAnsweredMs).padStart(21)}`
  )
}
if (unlimited > 0) {
  const r = await flood(unlimited, { burstMessages: Infinity })
  console.log(
    `Rate limit off, ${unlimited.toLocaleString('en-US')} intents: flooder closed ${ms(r.closedAfterMs)}, ${r.viewsToFlooder} views to it, other tap answered in ${ms(r.tapAnsweredMs)} (${(r.tapAnsweredMs / unlimited).toFixed(3)} ms per flood intent)`
  )
}
