/**
 * Who may talk to the web host (docs/security.md): requests addressed to this host by one of its
 * own names (no DNS rebinding), from its own pages or from no page at all (no foreign web page),
 * and technician connections only with the key of this launch.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

/** A new technician key: 256 random bits, base64url (43 characters). */
export function newTechnicianKey(): string {
  return randomBytes(32).toString('base64url')
}

/** Whether `given` is `key`, in constant time (both are hashed first, so neither length leaks). */
export function isTechnicianKey(given: string | null, key: string): boolean {
  const a = createHash('sha256')
    .update(given ?? '')
    .digest()
  const b = createHash('sha256').update(key).digest()
  return timingSafeEqual(a, b) && given !== null
}

/** Whether an address to bind is loopback only (the kiosk is then reachable from this machine alone). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '')
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:127\.\d+\.\d+\.\d+$/i.test(bare)
}

const hostPort = (address: string, port: number): string[] => {
  const name = isIP(address) === 6 ? `[${address}]` : address
  // A browser leaves out the default port (80) in Host and Origin.
  return port === 80 ? [`${name}:80`, name] : [`${name}:${port}`]
}

/**
 * The `Host` values this host answers to: the loopback names and the bound address with the
 * port; bound to every interface (0.0.0.0, ::), each interface's address. A name an attacker's
 * DNS could point here (DNS rebinding) is none of them.
 */
export function allowedHosts(boundAddress: string, port: number): Set<string> {
  const addresses = new Set(['127.0.0.1', 'localhost', '::1', boundAddress])
  if (boundAddress === '0.0.0.0' || boundAddress === '::') {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) if (!i.address.includes('%')) addresses.add(i.address)
  }
  return new Set([...addresses].flatMap((a) => hostPort(a.toLowerCase(), port)))
}

/** A header as it goes into a log line: quoted, cut short. */
const quote = (value: string): string => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value)

export type AccessRefusal = { status: 403; reason: string }

/**
 * Checks a request's `Host` and `Origin`. Browsers always send `Origin` on a WebSocket upgrade, so
 * a foreign page (or a sandboxed one, `null`) is refused; a client without `Origin` is not a web
 * page (kiosk-sim, a test tool) and may connect, as a customer screen unless it has the key.
 */
export function checkAccess(req: IncomingMessage, hosts: ReadonlySet<string>): AccessRefusal | null {
  const host = req.headers.host?.toLowerCase()
  if (!host || !hosts.has(host)) return { status: 403, reason: `Host ${quote(req.headers.host ?? '')} is not this kiosk's address` }
  const origin = req.headers.origin
  if (origin !== undefined && !(origin.toLowerCase().startsWith('http://') && hosts.has(origin.slice('http://'.length).toLowerCase()))) {
    return { status: 403, reason: `Origin ${quote(origin)} is not one of this kiosk's own pages` }
  }
  return null
}
