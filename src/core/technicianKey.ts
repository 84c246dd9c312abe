/**
 * The technician secret of the web host, as clients carry it (docs/security.md). The host makes a
 * random key at every start and prints it once, in the technician panel's address:
 * `http://127.0.0.1:8080/technician#k=KEY`. The fragment never leaves the browser (no request
 * line, log or Referer holds it). A client proves it knows the key on the WebSocket upgrade by
 * offering two subprotocols, `kiosk-sim` and `kiosk-sim.key.KEY` (the only header a browser's
 * WebSocket lets a page set); the host answers `kiosk-sim`, never the key.
 */

/** The subprotocol the host selects for a technician connection. */
export const KIOSK_SUBPROTOCOL = 'kiosk-sim'
const KEY_PREFIX = 'kiosk-sim.key.'
/** base64url, as the host makes it (an HTTP token, so it fits in Sec-WebSocket-Protocol). */
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

/** Whether `key` has the shape of a technician key (not whether it is the right one). */
export function isTechnicianKeyShape(key: string): boolean {
  return KEY_PATTERN.test(key)
}

/** The subprotocols a technician client offers on the WebSocket upgrade. */
export function technicianSubprotocols(key: string): string[] {
  return [KIOSK_SUBPROTOCOL, `${KEY_PREFIX}${key}`]
}

/** The key a client offered in its subprotocols, or null. */
export function keyFromSubprotocols(protocols: Iterable<string>): string | null {
  for (const p of protocols) if (p.startsWith(KEY_PREFIX)) return p.slice(KEY_PREFIX.length)
  return null
}

/** The technician panel's address with its key, from the host's own base address (`http://HOST:PORT/`). */
export function technicianPanelUrl(baseUrl: string, key: string): string {
  return `${baseUrl.replace(/\/$/, '')}/technician#k=${key}`
}

/** The key in an address fragment (`#k=KEY`, as `location.hash` gives it), or null. */
export function keyFromFragment(hash: string): string | null {
  const part = hash
    .replace(/^#/, '')
    .split('&')
    .find((p) => p.startsWith('k='))
  const key = part?.slice(2)
  return key !== undefined && isTechnicianKeyShape(key) ? key : null
}
