import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY, applySessionPolicies, withContentSecurityPolicy, type PolicySession } from '../../src/main/security'

function fakeSession() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the handlers Electron's session would call, whatever their shape
  const handlers: Record<string, any> = {}
  const session = {
    setPermissionRequestHandler: vi.fn((h) => (handlers.request = h)),
    setPermissionCheckHandler: vi.fn((h) => (handlers.check = h)),
    setDevicePermissionHandler: vi.fn((h) => (handlers.device = h)),
    webRequest: { onHeadersReceived: vi.fn((h) => (handlers.headers = h)) }
  }
  return { session: session as unknown as PolicySession, handlers }
}

const isAppUrl = (url: string) => url.startsWith('http://localhost:5173/')

describe('session policies', () => {
  it('deny every permission request, check and device', () => {
    const { session, handlers } = fakeSession()
    applySessionPolicies(session, isAppUrl)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
      const callback = vi.fn()
      handlers.request({}, permission, callback, {})
      expect(callback).toHaveBeenCalledWith(false)
      expect(handlers.check({}, permission, 'http://localhost:5173', {})).toBe(false)
    }
    expect(handlers.device({ deviceType: 'usb' })).toBe(false)
  })

  it('adds the CSP header to the app’s own responses only', () => {
    const { session, handlers } = fakeSession()
    applySessionPolicies(session, isAppUrl)
    const own = vi.fn()
    handlers.headers({ url: 'http://localhost:5173/index.html', responseHeaders: { 'Content-Type': ['text/html'] } }, own)
    expect(own).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
    const foreign = vi.fn()
    handlers.headers({ url: 'https://example.com/', responseHeaders: {} }, foreign)
    expect(foreign).toHaveBeenCalledWith({})
  })

  it('replaces whatever CSP the server sent', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': 'default-src *', 'Content-Security-Policy-Report-Only': ['x'], Server: 'vite' })
    expect(headers).toEqual({ Server: ['vite'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })

  it('locks scripts, objects, base and forms down', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/)
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'none'")
  })
})
