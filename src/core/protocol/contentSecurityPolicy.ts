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
 * The policy with the page's WebSocket to the web host allowed, and (in a header only: a meta tag
 * cannot) framing limited to the same origin: the trainer's page (/trainer) shows the kiosk screen
 * in a frame; any other site's page still cannot frame the kiosk or the panel.
 */
function policy(options: { webSocket: boolean; frameAncestors: boolean }): string {
  const directives: string[] = BASE.map((d) => (options.webSocket && d === "connect-src 'self'" ? "connect-src 'self' ws: wss:" : d))
  if (options.frameAncestors) directives.push("frame-ancestors 'self'")
  return directives.join('; ')
}

/** In the pages' meta tag: the same build runs in Electron and behind the web host, so its WebSocket is allowed. */
export const PAGE_CSP = policy({ webSocket: true, frameAncestors: false })
/** The web host's header on every file it serves. */
export const WEB_HOST_CSP = policy({ webSocket: true, frameAncestors: true })
/** The Electron session's header: its windows talk to main over IPC, never over a socket. */
export const ELECTRON_CSP = policy({ webSocket: false, frameAncestors: false })
