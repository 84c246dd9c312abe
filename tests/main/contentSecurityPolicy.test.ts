import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ELECTRON_CSP, PAGE_CSP, WEB_HOST_CSP } from '../../src/core/protocol'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security'
import { contentSecurityPolicyMeta } from '../../electron.vite.config'

const ROOT = join(import.meta.dirname, '../..')
const BASE =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

describe('one Content-Security-Policy', () => {
  it('is the same strict policy for the pages, the web host and Electron; only framing differs', () => {
    expect(ELECTRON_CSP).toBe(BASE)
    expect(CONTENT_SECURITY_POLICY).toBe(ELECTRON_CSP)
    // No ws:/wss: to anywhere: 'self' alone lets the web host's pages reach their own socket (CSP 3).
    expect(PAGE_CSP).toBe(BASE)
    for (const policy of [PAGE_CSP, WEB_HOST_CSP, ELECTRON_CSP]) expect(policy).not.toMatch(/\b(ws|wss|http|https):|\*/)
    // Same origin only: the trainer's page frames the kiosk screen; another site's page cannot frame any page.
    expect(WEB_HOST_CSP).toBe(`${PAGE_CSP}; frame-ancestors 'self'`)
    const ancestors = WEB_HOST_CSP.split('; ').filter((d) => d.startsWith('frame-ancestors'))
    expect(ancestors).toEqual(["frame-ancestors 'self'"])
  })

  it('is written into every page at build, after its charset; the HTML files hold none of their own', () => {
    const plugin = contentSecurityPolicyMeta()
    const transform = plugin.transformIndexHtml as (html: string, ctx: { filename: string }) => string
    for (const page of ['index.html', 'technician.html', 'trainer.html']) {
      const source = readFileSync(join(ROOT, 'src/renderer', page), 'utf8')
      expect(source).not.toMatch(/Content-Security-Policy/i)
      const built = transform(source, { filename: page })
      expect(built).toContain(`<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`)
    }
    expect(() => transform('<html><head></head></html>', { filename: 'x.html' })).toThrow(/no <meta charset>/)
  })
})
