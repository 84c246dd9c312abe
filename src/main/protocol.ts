/**
 * The built pages, served from a privileged scheme of our own, `kiosk://app/…`, never from `file://`:
 * a page then has an origin of its own (`'self'` in its CSP means the kiosk's files and nothing on
 * the disk beside them), every response carries the Content-Security-Policy as a header, and a
 * request for anything outside the renderer folder is refused (Electron's security checklist, item 18).
 */
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import type { Protocol } from 'electron'
import { ELECTRON_CSP } from '../core/protocol/contentSecurityPolicy'

export const KIOSK_SCHEME = 'kiosk'
export const KIOSK_HOST = 'app'
/** Where the pages live: `kiosk://app/index.html`, `kiosk://app/technician.html`, … */
export const KIOSK_BASE_URL = `${KIOSK_SCHEME}://${KIOSK_HOST}/`

/**
 * Standard (relative URLs and an origin, like https), secure (a secure context), fetch allowed for
 * its own files. Not `bypassCSP`, not `corsEnabled`, no service workers.
 */
export const KIOSK_SCHEME_PRIVILEGES = Object.freeze({ standard: true, secure: true, supportFetchAPI: true })

/** The file types the renderer build holds; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

/** Registers the scheme's privileges: must run before the app is ready. */
export function registerKioskScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: KIOSK_SCHEME, privileges: { ...KIOSK_SCHEME_PRIVILEGES } }])
}

/** Whether `url` is on the kiosk's own origin, `kiosk://app`. */
export function isKioskUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${KIOSK_SCHEME}:` && parsed.host.toLowerCase() === KIOSK_HOST
  } catch {
    return false
  }
}

export type PageRequest = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 403 | 404 | 405; reason: string }

/** The file a request names inside `dir`, or why it is refused. Pure: no disk access. */
export function resolvePageRequest(url: string, method: string, dir: string): PageRequest {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method} is not served` }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' }
  }
  if (parsed.protocol !== `${KIOSK_SCHEME}:` || parsed.host.toLowerCase() !== KIOSK_HOST)
    return { ok: false, status: 403, reason: `${parsed.protocol}//${parsed.host} is not the kiosk` }
  // Checked before decoding: a backslash or an encoded separator or NUL is a way around the segment check.
  if (/\\|%2f|%5c|%00/i.test(parsed.pathname)) return { ok: false, status: 403, reason: 'an encoded separator or NUL in the path' }
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return { ok: false, status: 400, reason: 'a malformed percent-encoding in the path' }
  }
  if (path === '/') path = '/index.html'
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return { ok: false, status: 403, reason: 'path traversal' }
  const file = join(dir, ...path.split('/').filter((s) => s !== ''))
  const inside = relative(dir, file)
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return { ok: false, status: 403, reason: 'outside the renderer folder' }
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()]
  if (!contentType) return { ok: false, status: 404, reason: `no such page asset (${extname(file) || 'no extension'})` }
  return { ok: true, file, contentType }
}

/** Headers every answer carries: the CSP (the header Electron's session would not add to a custom scheme), no sniffing. */
function headers(contentType: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Security-Policy': ELECTRON_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' }
}

export interface ServeOptions {
  dir: string
  read?: (file: string) => Promise<Uint8Array>
  log?: (line: string) => void
}

/** The response to one request on `kiosk://`: the file with its headers, or a plain-text refusal. */
export async function servePage(request: Pick<Request, 'url' | 'method'>, options: ServeOptions): Promise<Response> {
  const resolved = resolvePageRequest(request.url, request.method, options.dir)
  const refuse = (status: number, reason: string): Response => {
    options.log?.(`[kiosk-protocol] ${status} ${request.method} ${request.url.slice(0, 200)}: ${reason}`)
    return new Response(`${status} ${reason}\n`, { status, headers: headers('text/plain; charset=utf-8') })
  }
  if (!resolved.ok) return refuse(resolved.status, resolved.reason)
  let body: Uint8Array
  try {
    body = await (options.read ?? readFile)(resolved.file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return refuse(404, code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 'no such file' : `unreadable (${code ?? 'error'})`)
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(resolved.contentType) })
}

/** Serves `dir` (out/renderer, inside app.asar when packaged) on `kiosk://app/`; call once the app is ready. */
export function handleKioskProtocol(protocol: Pick<Protocol, 'handle'>, options: ServeOptions): void {
  protocol.handle(KIOSK_SCHEME, (request) => servePage(request, options))
}
