import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isAppUrl, isKioskMode, pageUrl, rendererSource } from '../../src/main/mode'

const mainDir = join('/opt', 'kiosk', 'out', 'main')
const rendererDir = join('/opt', 'kiosk', 'out', 'renderer')
const files = rendererSource({ isPackaged: true, env: {} }, mainDir)
const dev = rendererSource({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } }, mainDir)

describe('kiosk mode', () => {
  it('is on for a packaged app and with KIOSK_MODE=1, off in development', () => {
    expect(isKioskMode({ isPackaged: true, env: {} })).toBe(true)
    expect(isKioskMode({ isPackaged: false, env: { KIOSK_MODE: '1' } })).toBe(true)
    expect(isKioskMode({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toBe(false)
    expect(isKioskMode({ isPackaged: false, env: { KIOSK_MODE: '0' } })).toBe(false)
  })
})

describe('renderer pages', () => {
  it('come from the dev server under electron-vite dev and from out/renderer otherwise', () => {
    expect(dev).toEqual({ kind: 'devServer', origin: 'http://localhost:5173', baseUrl: 'http://localhost:5173/' })
    expect(files).toEqual({ kind: 'files', dir: rendererDir })
    // A packaged app never trusts a dev-server URL from its environment.
    expect(rendererSource({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://evil.example' } }, mainDir).kind).toBe('files')
  })

  it('locates each page: on the dev server, or on kiosk://app/ for the built files (never file://)', () => {
    expect(pageUrl('index.html', dev)).toBe('http://localhost:5173/index.html')
    expect(pageUrl('technician.html', dev)).toBe('http://localhost:5173/technician.html')
    expect(pageUrl('index.html', files)).toBe('kiosk://app/index.html')
    expect(pageUrl('statechart.html', files)).toBe('kiosk://app/statechart.html')
  })
})

describe('app URLs', () => {
  it('are the dev server origin in development', () => {
    expect(isAppUrl('http://localhost:5173/technician.html#x', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('https://example.com/', dev)).toBe(false)
    expect(isAppUrl('not a url', dev)).toBe(false)
  })

  it('are kiosk://app pages in production, and no file:// URL, not even one inside out/renderer', () => {
    expect(isAppUrl('kiosk://app/index.html', files)).toBe(true)
    expect(isAppUrl('kiosk://app/assets/a.js', files)).toBe(true)
    expect(isAppUrl(pathToFileURL(join(rendererDir, 'index.html')).href, files)).toBe(false)
    expect(isAppUrl(pathToFileURL(join('/opt', 'kiosk', 'out', 'main', 'index.js')).href, files)).toBe(false)
    expect(isAppUrl('kiosk://evil/index.html', files)).toBe(false)
    expect(isAppUrl('kiosk://app:8080/index.html', files)).toBe(false)
    expect(isAppUrl('https://app/index.html', files)).toBe(false)
    expect(isAppUrl('https://example.com/index.html', files)).toBe(false)
    expect(isAppUrl('not a url', files)).toBe(false)
  })
})
