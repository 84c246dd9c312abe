/**
 * The web host: serves the built renderer and speaks the kiosk protocol over a WebSocket —
 * intents in, views out — exactly what Electron's preload carries over IPC.
 *   GET /            the kiosk screen          WS /ws?role=kiosk
 *   GET /technician  the technician panel      WS /ws?role=technician
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { parseIntent, type ClientRole, type ServerMessage } from '../core/protocol'
import type { KioskRuntime } from '../core/runtime'

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

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

export interface WebHostOptions {
  runtime: KioskRuntime
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  host?: string
  log?: (line: string) => void
}

export interface WebHost {
  url: string
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
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600'
  })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { runtime, rendererDir } = options
  const log = options.log ?? ((line: string) => console.log(line))
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`the renderer is not built: ${join(rendererDir, 'index.html')} is missing (run "npm run build" first)`)

  const server = createServer((req, res) => serveStatic(rendererDir, req, res))
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const clients = new Map<WebSocket, ClientRole>()

  const viewFor = (role: ClientRole): ServerMessage => (role === 'kiosk' ? { type: 'view', view: runtime.view() } : { type: 'technicianView', view: runtime.technicianView() })
  const push = (socket: WebSocket, role: ClientRole): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(viewFor(role)))
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const role = url.searchParams.get('role')
    if (url.pathname !== '/ws' || (role !== 'kiosk' && role !== 'technician')) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.set(ws, role)
      ws.on('message', (data, isBinary) => {
        let payload: unknown
        try {
          payload = isBinary ? undefined : JSON.parse(data.toString())
        } catch {
          payload = undefined
        }
        const parsed = parseIntent(payload, role)
        if (!parsed.ok) {
          ws.send(JSON.stringify({ type: 'error', message: parsed.error } satisfies ServerMessage))
          return
        }
        const result = runtime.send(parsed.intent)
        if (!result.ok && role === 'technician') ws.send(JSON.stringify({ type: 'error', message: result.error } satisfies ServerMessage))
      })
      ws.on('close', () => clients.delete(ws))
      // A message over MAX_MESSAGE_BYTES or a broken frame: ws closes that connection (1009, 1002); the host carries on.
      ws.on('error', (err) => log(`WebSocket closed: ${err.message}`))
      push(ws, role)
    })
  })

  const unsubscribe = runtime.subscribe(() => {
    for (const [socket, role] of clients) push(socket, role)
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolvePromise())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}/`
  log(`Kiosk:            ${url}`)
  log(`Technician panel: ${url}technician`)

  return {
    url,
    close: async () => {
      unsubscribe()
      for (const socket of clients.keys()) socket.terminate()
      wss.close()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}
