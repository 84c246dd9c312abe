/**
 * Session-wide policies for every window: no permission is ever granted, and the app's own
 * responses carry a Content-Security-Policy header on top of the pages' own meta tag.
 */
import type { Session } from 'electron'
import { ELECTRON_CSP } from '../core/protocol/contentSecurityPolicy'

/** The header's policy: the pages' own, without the web host's socket (src/core/protocol/contentSecurityPolicy.ts). */
export const CONTENT_SECURITY_POLICY = ELECTRON_CSP

type ResponseHeaders = Record<string, string | string[]>

/** `headers` with any CSP the server sent replaced by ours (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase()
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue
    result[name] = Array.isArray(value) ? value : [value]
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return result
}

export type PolicySession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>
}

/** Denies every permission request and check, and adds the CSP header to the app's own responses. */
export function applySessionPolicies(session: PolicySession, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isAppUrl(details.url)) callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) })
    else callback({})
  })
}
