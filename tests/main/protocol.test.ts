import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ELECTRON_CSP } from '../../src/core/protocol'
import { KIOSK_SCHEME_PRIVILEGES, handleKioskProtocol, isKioskUrl, registerKioskScheme, resolvePageRequest, servePage } from '../../src/main/protocol'

const DIR = join('/app', 'out', 'renderer')
let built: string

beforeAll(() => {
  // A renderer folder as the build leaves it, and a secret beside it.
  const root = mkdtempSync(join(tmpdir(), 'kiosk-protocol-'))
  built = join(root, 'renderer')
  mkdirSync(join(built, 'assets'), { recursive: true })
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>kiosk</title>')
  writeFileSync(join(built, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(built, 'assets', 'noto.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]))
  writeFileSync(join(root, 'secret.html'), 'the journal key')
})

describe('the kiosk:// scheme', () => {
  it('is registered as standard and secure with fetch, and without bypassCSP, CORS or service workers', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerKioskScheme({ registerSchemesAsPrivileged })
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'kiosk', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    expect(KIOSK_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP')
    expect(KIOSK_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled')
    expect(KIOSK_SCHEME_PRIVILEGES).not.toHaveProperty('allowServiceWorkers')
  })

  it('names the kiosk’s own origin only', () => {
    expect(isKioskUrl('kiosk://app/index.html')).toBe(true)
    expect(isKioskUrl('kiosk://APP/technician.html')).toBe(true)
    for (const url of ['kiosk://evil/index.html', 'kiosk://app:1/index.html', 'file:///app/out/renderer/index.html', 'https://app/', '', 'kiosk:app'])
      expect(isKioskUrl(url), url).toBe(false)
  })
})

describe('a request on kiosk://app', () => {
  it.each([
    ['kiosk://app/', join(DIR, 'index.html'), 'text/html; charset=utf-8'],
    ['kiosk://app/index.html', join(DIR, 'index.html'), 'text/html; charset=utf-8'],
    ['kiosk://app/technician.html?x=1#k', join(DIR, 'technician.html'), 'text/html; charset=utf-8'],
    ['kiosk://app/assets/index-abc.js', join(DIR, 'assets', 'index-abc.js'), 'text/javascript; charset=utf-8'],
    ['kiosk://app/assets/noto%20sans.woff2', join(DIR, 'assets', 'noto sans.woff2'), 'font/woff2']
  ])('%s is the file inside the renderer folder', (url, file, contentType) => {
    expect(resolvePageRequest(url, 'GET', DIR)).toEqual({ ok: true, file, contentType })
  })

  it.each([
    ['kiosk://app/..%2f..%2fmain%2findex.js', 403],
    ['kiosk://app/assets%2f..%2f..%2fsecret.html', 403],
    ['kiosk://app/..%5c..%5csecret.html', 403],
    ['kiosk://app/assets\\..\\..\\secret.html', 403],
    ['kiosk://app/assets/index-abc.js.map', 404],
    ['kiosk://app/index.html%00.js', 403],
    ['kiosk://app/%E0%A4%A.html', 400],
    ['kiosk://evil/index.html', 403],
    ['kiosk://app/main/index.ts', 404],
    ['kiosk://app/assets/', 404]
  ])('%s is refused (%i)', (url, status) => {
    const resolved = resolvePageRequest(url, 'GET', DIR)
    expect(resolved.ok).toBe(false)
    expect(resolved).toMatchObject({ status })
  })

  it('never resolves outside the renderer folder, whatever the dots', () => {
    // The URL parser folds plain and %2e dot segments before the request reaches main: what is left stays inside.
    for (const url of ['kiosk://app/../../etc/passwd.html', 'kiosk://app/a/../../../secret.html', 'kiosk://app/%2e%2e/secret.html']) {
      const resolved = resolvePageRequest(url, 'GET', DIR)
      if (resolved.ok) expect(resolved.file.startsWith(`${DIR}/`), url).toBe(true)
    }
  })

  it('is refused for a method other than GET and HEAD', () => {
    expect(resolvePageRequest('kiosk://app/index.html', 'POST', DIR)).toMatchObject({ ok: false, status: 405 })
  })
})

describe('serving kiosk://app', () => {
  it('answers a page with its type, the CSP header and nosniff', async () => {
    const response = await servePage({ url: 'kiosk://app/index.html', method: 'GET' }, { dir: built })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(ELECTRON_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('<!doctype html><title>kiosk</title>')
    const font = await servePage({ url: 'kiosk://app/assets/noto.woff2', method: 'GET' }, { dir: built })
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]))
  })

  it('answers HEAD without a body', async () => {
    const response = await servePage({ url: 'kiosk://app/index.html', method: 'HEAD' }, { dir: built })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('refuses traversal with 403 and the CSP, logs why, and never reads the secret beside the folder', async () => {
    const log = vi.fn()
    const read = vi.fn(async () => new Uint8Array())
    const response = await servePage({ url: 'kiosk://app/..%2fsecret.html', method: 'GET' }, { dir: built, read, log })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-security-policy')).toBe(ELECTRON_CSP)
    expect(await response.text()).not.toContain('journal key')
    expect(read).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('403 GET kiosk://app/..%2fsecret.html'))
  })

  it('answers 404 for a file the build does not have', async () => {
    const response = await servePage({ url: 'kiosk://app/missing.html', method: 'GET' }, { dir: built })
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('no such file')
  })

  it('is handled on the kiosk scheme by the same function', async () => {
    const handle = vi.fn()
    handleKioskProtocol({ handle }, { dir: built })
    expect(handle).toHaveBeenCalledWith('kiosk', expect.any(Function))
    const handler = handle.mock.calls[0]![1] as (request: Request) => Promise<Response>
    const response = await handler(new Request('https://placeholder.invalid/'))
    expect(response.status).toBe(403)
  })
})
