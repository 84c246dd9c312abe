/** The live player's connection to a running kiosk: the technician WebSocket of its web host (docs/protocol.md). */
import WebSocket from 'ws'
import type { JournalRecord } from '../core/journal'
import { parseServerMessage, type Intent, type JournalEntryView, type TechnicianView } from '../core/protocol'
import { keyFromFragment, technicianSubprotocols } from '../core/technicianKey'
import { SETTLE_LIMIT_MS, stillWorking } from '../core/scenario/runRules'

/** How long connecting, and any one answer of the host, may take. */
const ANSWER_TIMEOUT_MS = 5_000

/** The run could not start (bad URL, nothing listening, not a kiosk, a step only the headless runner can play): exit code 2. */
export class LiveError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LiveError'
  }
}

/** The connection dropped during the run: the step in progress fails. */
export class LinkClosed extends Error {}

const USE_PRINTED = 'give the technician URL exactly as the web host printed it (http://HOST:PORT/technician#k=…)'

/**
 * The technician WebSocket of a web host, and its key, from what the user typed: the technician
 * URL the web host printed (`http://HOST:PORT/technician#k=KEY`), or `ws://HOST:PORT` with or
 * without the `/ws` path (and `#k=KEY`) for a host without a key. The player always connects as
 * `role=technician`; the key goes in the upgrade's subprotocols, never in the address.
 */
export function kioskSocketUrl(input: string): { url: string; key: string | null } {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new LiveError(`--url: expected the technician URL the web host printed (http://HOST:PORT/technician#k=…) or ws://HOST:PORT, got "${input}"`)
  }
  const fragment = url.hash
  const key = keyFromFragment(fragment)
  if (fragment && !key) throw new LiveError(`--url: the key after #k= is cut short or changed; ${USE_PRINTED}`)
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (!['/technician', '/technician/'].includes(url.pathname)) throw new LiveError(`--url: ${input} is not the technician panel; ${USE_PRINTED}`)
    if (!key) throw new LiveError(`--url: ${input} has no key (#k=…): ${USE_PRINTED}`)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  } else if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    if (!['', '/', '/ws', '/ws/'].includes(url.pathname))
      throw new LiveError(`--url: the kiosk's WebSocket is at /ws (ws://${url.host}/ws), got the path "${url.pathname}"`)
  } else throw new LiveError(`--url: expected the technician URL the web host printed (http://HOST:PORT/technician#k=…) or ws://HOST:PORT, got "${input}"`)
  url.pathname = '/ws'
  url.search = '?role=technician'
  url.hash = ''
  return { url: url.toString(), key }
}

/** One technician connection to a web host: sends intents, keeps the latest view and the journal records it carried. */
export class KioskLink {
  view!: TechnicianView
  /** Whether more records were journaled between two views than a view carries: transactions cannot be followed. */
  missedRecords = false
  private readonly journal: JournalEntryView[] = []
  /** The last journal record seen: those before the run are not the run's. */
  private lastSeq = -1
  private errors: string[] = []
  private lastMessageAt = Date.now()
  private closedBecause: string | null = null
  private readonly waiters = new Set<() => void>()
  private pings = 0

  private constructor(
    private readonly socket: WebSocket,
    private readonly url: string
  ) {}

  /** Connects (with the technician key, if any) and waits for the first technician view. */
  static open(url: string, key: string | null): Promise<KioskLink> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, key ? technicianSubprotocols(key) : [], { handshakeTimeout: ANSWER_TIMEOUT_MS })
      const link = new KioskLink(socket, url)
      const timer = setTimeout(() => {
        socket.terminate()
        reject(new LiveError(`${url} accepted the connection but sent no technician view within ${ANSWER_TIMEOUT_MS / 1000} s: is it a kiosk's web host?`))
      }, ANSWER_TIMEOUT_MS)
      socket.on('error', (err) => {
        clearTimeout(timer)
        reject(new LiveError(connectionProblem(url, key, err)))
        link.closedBecause ??= `the connection to ${url} failed: ${err.message}`
        link.wake()
      })
      socket.on('message', (data) => {
        link.receive(data.toString())
        if (link.view) {
          clearTimeout(timer)
          resolve(link)
        }
      })
      socket.on('close', () => {
        clearTimeout(timer)
        reject(new LiveError(`${url} closed the connection before sending a technician view: is it a kiosk's web host?`))
        link.closedBecause ??= `the connection to ${url} closed (did the kiosk stop?)`
        link.wake()
      })
    })
  }

  private receive(text: string): void {
    const message = parseServerMessage(text)
    if (!message) return
    this.lastMessageAt = Date.now()
    if (message.type === 'error') this.errors.push(message.message)
    if (message.type === 'technicianView') {
      const first = !this.view
      this.view = message.view
      const fresh = message.view.journal.filter((r) => r.seq > this.lastSeq)
      if (!first && fresh.length > 0 && fresh[0]!.seq > this.lastSeq + 1) this.missedRecords = true
      if (!first) this.journal.push(...fresh)
      this.lastSeq = Math.max(this.lastSeq, ...message.view.journal.map((r) => r.seq))
    }
    this.wake()
  }

  /** The journal records of this run (a view carries the last 20 with their full data). */
  records(): JournalRecord[] {
    return this.journal as unknown as JournalRecord[]
  }

  /**
   * Sends an intent and returns the host's error for it, or null. The host answers a WebSocket
   * ping only after the messages before it, so once the pong is back every error and every view
   * the intent caused at once have arrived.
   */
  async send(intent: Intent): Promise<string | null> {
    this.ensureOpen()
    this.errors = []
    this.socket.send(JSON.stringify(intent))
    await this.barrier()
    return this.errors[0] ?? null
  }

  private barrier(): Promise<void> {
    const id = String(++this.pings)
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer)
        this.socket.off('pong', onPong)
        this.waiters.delete(onWake)
        if (err) reject(err)
        else resolve()
      }
      const onPong = (data: Buffer) => data.toString() === id && done()
      const onWake = () => this.closedBecause && done(new LinkClosed(this.closedBecause))
      const timer = setTimeout(() => done(new LinkClosed(`${this.url} did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS)
      this.socket.on('pong', onPong)
      this.waiters.add(onWake)
      this.socket.ping(id)
    })
  }

  /** Resolves at the next message, at `deadline`, or when the connection closes (then throws). */
  async changed(deadline: number): Promise<void> {
    this.ensureOpen()
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()))
      this.waiters.add(done)
    })
    this.ensureOpen()
  }

  /** Waits until no message came for `ms` (or `deadline`). */
  async quiet(ms: number, deadline: number): Promise<void> {
    for (let left = this.lastMessageAt + ms - Date.now(); left > 0 && Date.now() < deadline; left = this.lastMessageAt + ms - Date.now()) {
      await new Promise((r) => setTimeout(r, Math.min(left, deadline - Date.now())))
    }
    this.ensureOpen()
  }

  /** Real time passes; the views keep coming meanwhile. */
  async sleep(ms: number): Promise<void> {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) await this.changed(deadline)
  }

  close(): void {
    this.closedBecause ??= 'closed'
    this.socket.close()
  }

  private ensureOpen(): void {
    if (this.closedBecause) throw new LinkClosed(this.closedBecause)
  }

  private wake(): void {
    for (const w of [...this.waiters]) w()
  }
}

/** One line saying why the connection failed, and what to do. */
function connectionProblem(url: string, key: string | null, err: Error & { code?: string }): string {
  const status = /Unexpected server response: (\d+)/.exec(err.message)?.[1]
  if (status === '401')
    return `${url} refused the technician connection: ${key ? 'the technician key is wrong (the web host makes a new one at every start)' : 'it needs the technician key'}; ${USE_PRINTED}`
  if (status === '403') return `${url} refused the connection (HTTP 403): connect by 127.0.0.1, localhost or the address the web host printed`
  if (status === '503') return `${url} refused the connection: too many clients are connected (HTTP 503)`
  if (status) return `${url} is not a kiosk's WebSocket: it answered HTTP ${status} (the web host's is ws://HOST:PORT/ws)`
  if (err.code === 'ECONNREFUSED')
    return `cannot connect to ${url}: connection refused; is the kiosk running? Start it with "npm run web" (it prints its address)`
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `cannot connect to ${url}: no such host`
  return `cannot connect to ${url}: ${err.message}`
}

/** How long a running kiosk must send no new view before a step counts as settled. */
const QUIET_MS = 100

/**
 * Waits in real time until the running kiosk has finished what a step started, by the headless runner's rule
 * (stillWorking: a note on its way, a card write, a receipt printing, a quote), and no new view came for QUIET_MS;
 * at most SETTLE_LIMIT_MS. Shared by `run --url` and `online --url`.
 */
export async function settleLink(link: KioskLink, throughCardWrite: boolean): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS
  do {
    while (linkWorking(link, throughCardWrite) && Date.now() < deadline) await link.changed(deadline)
    await link.quiet(QUIET_MS, deadline)
  } while (linkWorking(link, throughCardWrite) && Date.now() < deadline)
}

function linkWorking(link: KioskLink, throughCardWrite: boolean): boolean {
  const v = link.view
  const inState = (path: string) => v.state.split(' + ').some((p) => p === path || p.startsWith(`${path}.`))
  return stillWorking(
    {
      screen: v.kiosk.screen,
      validator: v.devices.billValidator.state,
      cardWriting: v.devices.cardReader.state === 'writing',
      printing: v.kiosk.receipt?.printed === 'printing',
      quoting: inState('session.flow.cash.quoting'),
      confirmingActivation: inState('session.flow.confirmingActivation')
    },
    throughCardWrite
  )
}
