/**
 * The Content-Security-Policy of the kiosk's pages, written once: the pages' meta tag (injected at
 * build by electron.vite.config.ts), the Electron session's header (src/main/security.ts) and the
 * web host's header (src/hosts/webServer.ts) are all made here.
 */

/** What every page may load: its own scripts, styles, fonts and images, and nothing else. */
const BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
] as const

/**
 * The policy, with (in a header only: a meta tag cannot) framing limited to the same origin: the
 * trainer's page (/trainer) shows the kiosk screen in a frame; any other site's page still cannot
 * frame the kiosk or the panel. `connect-src 'self'` covers the web host's WebSocket too: CSP 3's
 * 'self' matches ws:/wss: to the page's own host and port, and nothing else (no socket to anywhere).
 */
function policy(options: { frameAncestors: boolean }): string {
  return [...BASE, ...(options.frameAncestors ? ["frame-ancestors 'self'"] : [])].join('; ')
}

/** In the pages' meta tag: the same build runs in Electron (IPC, no socket) and behind the web host (a socket to itself). */
export const PAGE_CSP = policy({ frameAncestors: false })
/** The web host's header on every file it serves. */
export const WEB_HOST_CSP = policy({ frameAncestors: true })
/** The header on Electron's kiosk:// pages (src/main/protocol.ts) and dev-server pages: its windows talk to main over IPC. */
export const ELECTRON_CSP = policy({ frameAncestors: false })
