/**
 * The web host: serves the built renderer and speaks the kiosk protocol over a WebSocket —
 * intents in, the messages of src/core/protocol/messages.ts out — exactly what Electron's preload
 * carries over IPC.
 *   GET /            the kiosk screen          WS /ws?role=kiosk
 *   GET /technician  the technician panel      WS /ws?role=technician (with this launch's key)
 *   GET /trainer     the trainer's page        WS /ws?role=technician (the same key; docs/training.md)
 *   GET /statechart  the live statechart (the technician's key too), its machines at GET /statechart.json
 * Who may connect, and what one client may cost it: docs/security.md.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { errorMessage, parseIntent, viewMessage, WEB_HOST_CSP, type ClientRole } from '../core/protocol'
import type { KioskRuntime } from '../core/runtime'
import { statechartGraph } from '../core/training/statechart'
import { KIOSK_SUBPROTOCOL, keyFromSubprotocols, technicianPanelUrl } from '../core/technicianKey'
import { TokenBucket } from './tokenBucket'
import { allowedHosts, checkAccess, isLoopbackAddress, isTechnicianKey, newTechnicianKey } from './webAccess'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon'
}

/** Largest intent message accepted from a browser (intents are tiny). */
const MAX_MESSAGE_BYTES = 4096

/** What one client may cost the host (docs/security.md). */
export interface ConnectionLimits {
  /** Open WebSocket connections at once, both roles; one more is refused with HTTP 503. */
  maxConnections: number
  /** Messages (intents and pings) a connection may send at once, and then per second; more closes it (1008). */
  burstMessages: number
  messagesPerSecond: number
  /** With more than this many bytes still to be sent to a client, its views are held back: only the latest goes once it has read the rest. */
  viewBufferBytes: number
  /** A client whose views are held back this long does not read: it is closed (1008). */
  slowReaderMs: number
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxConnections: 32,
  burstMessages: 100,
  messagesPerSecond: 50,
  viewBufferBytes: 64 * 1024,
  slowReaderMs: 10_000
}

/** How long a client closed for its behaviour has to answer the close before its connection is dropped. */
const CLOSE_GRACE_MS = 1_000

export interface WebHostOptions {
  runtime: KioskRuntime
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  host?: string
  log?: (line: string) => void
  limits?: Partial<ConnectionLimits>
}

export interface WebHost {
  url: string
  /** The technician panel's address with this launch's key (`…/technician#k=KEY`), as printed. */
  technicianUrl: string
  /** The trainer's page with the same key (`…/trainer#k=KEY`). */
  trainerUrl: string
  close(): Promise<void>
}

/** Maps a request path to a file inside `root`, or null when it would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let pathname: string
  try {
    pathname = decodeURIComponent(urlPath.split('?')[0]!)
  } catch {
    return null
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  if (pathname === '/technician' || pathname === '/technician/') pathname = '/technician.html'
  if (pathname === '/trainer' || pathname === '/trainer/') pathname = '/trainer.html'
  if (pathname === '/statechart' || pathname === '/statechart/') pathname = '/statechart.html'
  const base = resolve(root)
  const file = resolve(base, normalize('.' + pathname))
  return file === base || file.startsWith(base + sep) ? file : null
}

function serveStatic(rendererDir: string, req: IncomingMessage, res: ServerResponse): void {
  const file = resolveStaticPath(rendererDir, req.url ?? '/')
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': WEB_HOST_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600'
  })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
}

/** The machines' structure for the statechart page (the same for every kiosk: made once). */
let statechartJson: string | null = null
function serveStatechart(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end()
  statechartJson ??= JSON.stringify(statechartGraph())
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }
  res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : statechartJson)
}

/** One WebSocket client and what the host keeps about it. */
interface Client {
  socket: WebSocket
  role: ClientRole
  /** Where it connects from, for the log. */
  from: string
  bucket: TokenBucket
  /** A view was held back (the client had not read the ones before): send the latest once it has. */
  stale: boolean
  /** Cuts the client off if it still has not read what it was sent (slowReaderMs). */
  slowTimer: ReturnType<typeof setTimeout> | null
  /** Counts sends: the callback of the last one tells that everything sent so far has left. */
  sends: number
  /** Closed for its behaviour: nothing more is read from or sent to it. */
  cut: boolean
}

/** An HTTP answer on a raw socket (a refused WebSocket upgrade). */
function refuseUpgrade(socket: Duplex, status: number, text: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { runtime, rendererDir } = options
  const log = options.log ?? ((line: string) => console.log(line))
  const limits: ConnectionLimits = { ...DEFAULT_LIMITS, ...options.limits }
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`the renderer is not built: ${join(rendererDir, 'index.html')} is missing (run "npm run build" first)`)

  // Made at every start and printed once: whoever can read this console may be the technician.
  const technicianKey = newTechnicianKey()
  /** The Host values this host answers to; known once it listens (the port may be picked then). */
  let hosts: ReadonlySet<string> = new Set()

  const server = createServer((req, res) => {
    const refusal = checkAccess(req, hosts)
    if (refusal) {
      log(`refused ${req.method} ${req.url?.slice(0, 100)} from ${req.socket.remoteAddress}: ${refusal.reason}`)
      res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden')
      return
    }
    if (req.url?.split('?')[0] === '/statechart.json') return serveStatechart(req, res)
    serveStatic(rendererDir, req, res)
  })
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // The key stays in the request: the answer names only the protocol.
    handleProtocols: (protocols) => (protocols.has(KIOSK_SUBPROTOCOL) ? KIOSK_SUBPROTOCOL : false)
  })
  const clients = new Map<WebSocket, Client>()

  /** Each role's current view message as sent, made once per change however many clients there are. */
  let latest: Partial<Record<ClientRole, string>> = {}
  const latestFor = (role: ClientRole): string => (latest[role] ??= JSON.stringify(viewMessage(role, runtime)))

  const cutOff = (client: Client, reason: string): void => {
    if (client.cut) return
    client.cut = true
    if (client.slowTimer) clearTimeout(client.slowTimer)
    log(`closed the ${client.role} connection from ${client.from}: ${reason}`)
    // Nothing more is read from it; it gets the close frame (1008 and why) and a moment to answer it.
    client.socket.pause()
    client.socket.close(1008, reason)
    setTimeout(() => client.socket.terminate(), CLOSE_GRACE_MS).unref()
  }

  const send = (client: Client, data: string): void => {
    const n = ++client.sends
    client.socket.send(data, () => {
      if (n === client.sends) drained(client)
    })
  }

  /** Everything sent to the client has left: a view held back meanwhile goes now. */
  const drained = (client: Client): void => {
    if (client.slowTimer) clearTimeout(client.slowTimer)
    client.slowTimer = null
    if (client.stale) {
      client.stale = false
      pushView(client)
    }
  }

  /**
   * Sends the client the current view, unless it has not read enough of what it was sent: then
   * the view waits, and a newer one replaces it (only the latest matters), so a slow client costs
   * the host one view, not a queue. A client that reads nothing for slowReaderMs is cut off.
   */
  const pushView = (client: Client): void => {
    if (client.cut || client.socket.readyState !== client.socket.OPEN) return
    if (client.socket.bufferedAmount > limits.viewBufferBytes) {
      client.stale = true
      client.slowTimer ??= setTimeout(() => cutOff(client, `not reading: its views waited ${limits.slowReaderMs / 1000} s to be sent`), limits.slowReaderMs)
      return
    }
    send(client, latestFor(client.role))
  }

  const sendError = (client: Client, message: string): void => {
    if (client.socket.readyState === client.socket.OPEN) send(client, JSON.stringify(errorMessage(message)))
  }

  /** Every message and ping takes a token: a client that runs out is flooding and is closed. */
  const admit = (client: Client): boolean => {
    if (client.cut) return false
    if (client.bucket.take()) return true
    cutOff(client, `too many messages: at most ${limits.burstMessages} at once and ${limits.messagesPerSecond} a second`)
    return false
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const role = url.searchParams.get('role')
    const from = `${req.socket.remoteAddress}`
    const refusal = checkAccess(req, hosts)
    if (refusal) {
      log(`refused ${role === 'kiosk' || role === 'technician' ? `a ${role}` : 'a'} WebSocket from ${from}: ${refusal.reason}`)
      refuseUpgrade(socket, 403, 'Forbidden', 'Forbidden')
      return
    }
    if (url.pathname !== '/ws' || (role !== 'kiosk' && role !== 'technician')) {
      refuseUpgrade(socket, 400, 'Bad Request', 'expected /ws?role=kiosk or /ws?role=technician')
      return
    }
    if (role === 'technician') {
      const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
      if (!isTechnicianKey(keyFromSubprotocols(offered), technicianKey)) {
        log(`refused a technician WebSocket from ${from}: no or a wrong technician key`)
        refuseUpgrade(socket, 401, 'Unauthorized', 'the technician role needs the key of the technician link the web host printed at its start')
        return
      }
    }
    if (clients.size >= limits.maxConnections) {
      log(`refused a ${role} WebSocket from ${from}: ${limits.maxConnections} connections are open already`)
      refuseUpgrade(socket, 503, 'Service Unavailable', 'too many connections')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = {
        socket: ws,
        role,
        from,
        bucket: new TokenBucket(limits.burstMessages, limits.messagesPerSecond),
        stale: false,
        slowTimer: null,
        sends: 0,
        cut: false
      }
      clients.set(ws, client)
      ws.on('ping', () => void admit(client))
      ws.on('message', (data, isBinary) => {
        if (!admit(client)) return
        let payload: unknown
        try {
          payload = isBinary ? undefined : JSON.parse(data.toString())
        } catch {
          payload = undefined
        }
        const parsed = parseIntent(payload, role)
        if (!parsed.ok) {
          sendError(client, parsed.error)
          return
        }
        const result = runtime.send(parsed.intent)
        if (!result.ok && role === 'technician') sendError(client, result.error)
      })
      ws.on('close', () => {
        if (client.slowTimer) clearTimeout(client.slowTimer)
        clients.delete(ws)
      })
      // A message over MAX_MESSAGE_BYTES or a broken frame: ws closes that connection (1009, 1002); the host carries on.
      ws.on('error', (err) => log(`WebSocket closed: ${err.message}`))
      send(client, latestFor(role))
    })
  })

  const unsubscribe = runtime.subscribe(() => {
    latest = {}
    for (const client of clients.values()) pushView(client)
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolvePromise())
  })
  const address = server.address() as AddressInfo
  hosts = allowedHosts(address.address, address.port)
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}/`
  const technicianUrl = technicianPanelUrl(url, technicianKey)
  log(`Kiosk:            ${url}`)
  const trainerUrl = technicianUrl.replace('/technician#', '/trainer#')
  log(`Technician panel: ${technicianUrl}`)
  // The key is printed once, in the technician link: the trainer's page takes the same one.
  log(`                  (this link holds the technician key of this start: keep it to yourself; kiosk-sim run FILE --url takes it as it is)`)
  log(`Trainer's page:   ${url}trainer#k=… (the technician link's key)`)
  log(`Live statechart:  ${url}statechart#k=… (the same key)`)
  if (!isLoopbackAddress(address.address)) {
    log(
      `warning: listening on ${address.address}, not loopback: anyone on that network can open the kiosk screen and act as its customer; the technician panel still needs the key above, and the traffic is unencrypted HTTP`
    )
  }

  return {
    url,
    technicianUrl,
    trainerUrl,
    close: async () => {
      unsubscribe()
      for (const socket of clients.keys()) socket.terminate()
      wss.close()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}
