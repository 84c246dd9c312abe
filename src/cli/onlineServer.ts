/**
 * The HTTP and WebSocket face of online mode (docs/online.md): GraphWalker's REST paths under
 * /graphwalker/ and, at /graphwalker/ws, the same commands as JSON messages ({"command":"hasNext"}),
 * answered with GraphWalker's websocket fields (command, success) and the REST answer's.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import type { OnlineAnswer, OnlineSession } from '../core/testing/online'
import { allowedHosts, checkAccess } from '../hosts/webAccess'

/** The REST endpoints: method, and whether the path takes a parameter (`setData/{script}`, `fail/{reason}`). */
const ENDPOINTS: Record<string, { method: 'GET' | 'PUT'; parameter?: string }> = {
  hasNext: { method: 'GET' },
  getNext: { method: 'GET' },
  getData: { method: 'GET' },
  getStatistics: { method: 'GET' },
  setData: { method: 'PUT', parameter: 'script' },
  restart: { method: 'PUT' },
  fail: { method: 'PUT', parameter: 'reason' }
}
const LISTED = Object.entries(ENDPOINTS)
  .map(([name, e]) => `${e.method} /graphwalker/${name}${e.parameter ? `/{${e.parameter}}` : ''}`)
  .join(', ')

/** The longest request path taken (a setData script or a fail reason is short). */
const MAX_PATH = 2048
/** The largest WebSocket message taken. */
const MAX_MESSAGE_BYTES = 4096

export interface OnlineServer {
  /** http://HOST:PORT/graphwalker */
  url: string
  close(): Promise<void>
}

const nok = (error: string): OnlineAnswer => ({ result: 'nok', error })

/** Carries out one command of either form; `argument` is the setData script or the fail reason. */
function dispatch(session: OnlineSession, command: string, argument: string | undefined): Promise<OnlineAnswer> | OnlineAnswer {
  switch (command) {
    case 'hasNext':
      return session.hasNext()
    case 'getNext':
      return session.getNext()
    case 'getData':
      return session.getData()
    case 'getStatistics':
      return session.getStatistics()
    case 'restart':
      return session.restart()
    case 'setData':
      return session.setData(argument ?? '')
    case 'fail':
      return session.fail(argument ?? '')
    default:
      return nok(`unknown command "${command}"; the commands are ${Object.keys(ENDPOINTS).join(', ')}`)
  }
}

/** Serves `session` on `host:port` (127.0.0.1 unless told otherwise; port 0 picks one). */
export async function startOnlineServer(session: OnlineSession, options: { port: number; host?: string; log?: (line: string) => void }): Promise<OnlineServer> {
  const log = options.log ?? (() => undefined)
  let hosts: ReadonlySet<string> = new Set()
  const server = createServer((req, res) => {
    // Drain any body: the commands take none.
    req.resume()
    const refusal = checkAccess(req, hosts)
    if (refusal) {
      log(`refused ${req.method} ${req.url?.slice(0, 100)}: ${refusal.reason}`)
      return send(res, 403, nok(`refused: ${refusal.reason}`))
    }
    void answerRest(session, req).then(
      ({ status, body }) => send(res, status, body),
      (err: Error) => send(res, 500, nok(`internal error: ${err.message}`))
    )
  })
  // Clients keep one connection for thousands of steps (HTTP keep-alive).
  server.keepAliveTimeout = 60_000
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const refusal = checkAccess(req, hosts)
    const path = (req.url ?? '').split('?')[0]
    if (refusal || path !== '/graphwalker/ws') {
      const status = refusal ? '403 Forbidden' : '404 Not Found'
      const body = refusal ? refusal.reason : 'the WebSocket is at /graphwalker/ws'
      socket.end(
        `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
      )
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(session, ws))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  hosts = allowedHosts(address.address, address.port)
  const name = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${name}:${address.port}/graphwalker`,
    close: () =>
      new Promise<void>((resolve) => {
        session.close()
        for (const ws of wss.clients) ws.terminate()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function send(res: ServerResponse, status: number, body: OnlineAnswer): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text)
}

/** The REST form: /graphwalker/NAME[/PARAMETER]. */
async function answerRest(session: OnlineSession, req: IncomingMessage): Promise<{ status: number; body: OnlineAnswer }> {
  const raw = req.url ?? '/'
  if (raw.length > MAX_PATH) return { status: 414, body: nok(`the request path has ${raw.length} characters; at most ${MAX_PATH}`) }
  const path = raw.split('?')[0]!
  const match = /^\/graphwalker\/([A-Za-z]+)(?:\/(.*))?$/.exec(path)
  const endpoint = match ? ENDPOINTS[match[1]!] : undefined
  if (!match || !endpoint) return { status: 404, body: nok(`no endpoint ${req.method} ${path.slice(0, 100)}; the endpoints are ${LISTED}`) }
  const [, command, encoded] = match as unknown as [string, string, string | undefined]
  const usage = `${endpoint.method} /graphwalker/${command}${endpoint.parameter ? `/{${endpoint.parameter}}` : ''}`
  if (req.method !== endpoint.method) return { status: 405, body: nok(`${command} takes ${endpoint.method}, got ${req.method}: ${usage}`) }
  if (encoded !== undefined && !endpoint.parameter) return { status: 404, body: nok(`${command} takes no parameter: ${usage}`) }
  if (endpoint.parameter && encoded === undefined) return { status: 400, body: nok(`${command} needs its ${endpoint.parameter}: ${usage}`) }
  let argument: string | undefined
  try {
    argument = encoded === undefined ? undefined : decodeURIComponent(encoded)
  } catch {
    return { status: 400, body: nok(`${command}: the ${endpoint.parameter} is not valid percent-encoding`) }
  }
  return { status: 200, body: await dispatch(session, command, argument) }
}

/**
 * The WebSocket form: {"command":"getNext"} → {"command":"getNext","success":true,"name":…,"elementId":…,
 * "modelId":"kiosk", and the REST answer's fields}; setData takes "script", fail "reason".
 */
function serveSocket(session: OnlineSession, ws: WebSocket): void {
  let chain: Promise<void> = Promise.resolve()
  ws.on('message', (data, isBinary) => {
    chain = chain.then(async () => {
      const reply = await answerMessage(session, isBinary ? undefined : data.toString())
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply))
    })
  })
}

async function answerMessage(session: OnlineSession, text: string | undefined): Promise<Record<string, unknown>> {
  let message: unknown
  try {
    message = text === undefined ? undefined : JSON.parse(text)
  } catch {
    message = undefined
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message) || typeof (message as { command?: unknown }).command !== 'string') {
    return { success: false, ...nok('expected a JSON object with a "command", e.g. {"command":"hasNext"}') }
  }
  const { command, script, reason } = message as { command: string; script?: unknown; reason?: unknown }
  // GraphWalker's websocket "start" loads a model; this service has one, the kiosk's, already started.
  if (command === 'start') return { command, success: true, result: 'ok' }
  for (const [key, value] of Object.entries({ script, reason }))
    if (value !== undefined && typeof value !== 'string') return { command, success: false, ...nok(`${command}: "${key}" must be a string`) }
  if (command === 'setData' && script === undefined) return { command, success: false, ...nok('setData: expected "script", e.g. "screen=cash;"') }
  if (command === 'fail' && reason === undefined) return { command, success: false, ...nok('fail: expected "reason"') }
  const answer = await dispatch(session, command, command === 'setData' ? (script as string) : (reason as string | undefined))
  const extra: Record<string, unknown> = {}
  if (command === 'hasNext' && answer.result === 'ok') extra.hasNext = answer.hasNext === 'true'
  if (command === 'getNext' && answer.result === 'ok')
    Object.assign(extra, { modelId: answer.modelName, elementId: answer.currentElementID, name: answer.currentElementName })
  return { command, success: answer.result === 'ok', ...answer, ...extra }
}
