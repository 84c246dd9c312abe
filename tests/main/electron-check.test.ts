import { EventEmitter } from 'node:events'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  LONG_DEADLINE_MS,
  NO_ELECTRON_MESSAGE,
  SHORT_DEADLINE_MS,
  downloadDeadlineMs,
  electronBinary,
  ensureElectron,
  mirrorUrl,
  runInstaller
} from '../../scripts/electron-check.mjs'

const DIR = join('/nm', 'electron')

function fakeChild() {
  const child = new EventEmitter() as EventEmitter & { stdout: EventEmitter; stderr: EventEmitter; kill: ReturnType<typeof vi.fn> }
  child.stdout = new EventEmitter()
  child.stderr = new EventEmitter()
  child.kill = vi.fn(() => child.emit('close', null, 'SIGTERM'))
  return child
}

/** A project folder with node_modules/electron, optionally already downloaded. */
function project({ downloaded }: { downloaded: boolean }) {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-start-'))
  writeFileSync(join(root, 'package.json'), '{"name":"p"}')
  const electronDir = join(root, 'node_modules', 'electron')
  mkdirSync(join(electronDir, 'dist'), { recursive: true })
  writeFileSync(join(electronDir, 'package.json'), '{"name":"electron","version":"45.5.0"}')
  const markDownloaded = () => {
    writeFileSync(join(electronDir, 'path.txt'), 'electron')
    writeFileSync(join(electronDir, 'dist', 'electron'), '')
  }
  if (downloaded) markDownloaded()
  return { root, electronDir, markDownloaded }
}

afterEach(() => vi.useRealTimers())

describe('finding Electron’s binary', () => {
  it('follows path.txt into dist/, as electron-vite does', () => {
    const files = new Map([[join(DIR, 'path.txt'), 'Electron.app/Contents/MacOS/Electron']])
    const readText = (p: string) => {
      const text = files.get(p)
      if (text === undefined) throw new Error('ENOENT')
      return text
    }
    const binary = join(DIR, 'dist', 'Electron.app/Contents/MacOS/Electron')
    expect(electronBinary({ electronDir: DIR, env: {}, readText, exists: (p) => p === binary })).toBe(binary)
    expect(electronBinary({ electronDir: DIR, env: {}, readText, exists: () => false })).toBeNull()
    expect(
      electronBinary({
        electronDir: DIR,
        env: {},
        readText: () => {
          throw new Error('ENOENT')
        },
        exists: () => true
      })
    ).toBeNull()
  })

  it('honours ELECTRON_EXEC_PATH', () => {
    expect(electronBinary({ electronDir: DIR, env: { ELECTRON_EXEC_PATH: '/opt/electron' }, exists: (p) => p === '/opt/electron' })).toBe('/opt/electron')
    expect(electronBinary({ electronDir: DIR, env: { ELECTRON_EXEC_PATH: '/missing' }, exists: () => false })).toBeNull()
  })
})

describe('download deadline', () => {
  it('is short until the server answers, long once it has, and can be overridden', () => {
    expect(downloadDeadlineMs({ serverAnswered: false, env: {} })).toBe(SHORT_DEADLINE_MS)
    expect(downloadDeadlineMs({ serverAnswered: true, env: {} })).toBe(LONG_DEADLINE_MS)
    expect(downloadDeadlineMs({ serverAnswered: false, env: { ELECTRON_GET_USE_PROXY: '1' } })).toBe(LONG_DEADLINE_MS)
    expect(downloadDeadlineMs({ serverAnswered: true, env: { KIOSK_ELECTRON_DOWNLOAD_TIMEOUT: '5' } })).toBe(5000)
    expect(SHORT_DEADLINE_MS).toBeLessThanOrEqual(60_000)
  })

  it('probes the mirror @electron/get will use', () => {
    expect(mirrorUrl({})).toBe('https://github.com/electron/electron/releases/download/')
    expect(mirrorUrl({ ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' })).toBe('https://npmmirror.com/mirrors/electron/')
  })
})

describe('running the installer', () => {
  it('gives up on an installer that hangs while the server does not answer', async () => {
    vi.useFakeTimers()
    const child = fakeChild()
    const result = runInstaller({ electronDir: DIR, env: {}, probe: async () => false, spawnProcess: () => child as never })
    await vi.advanceTimersByTimeAsync(SHORT_DEADLINE_MS + 1)
    await expect(result).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('longer than 30 s') })
    expect(child.kill).toHaveBeenCalled()
  })

  it('waits longer once the server answers, and says it is downloading', async () => {
    vi.useFakeTimers()
    const child = fakeChild()
    const onDownloading = vi.fn()
    let settled = false
    const result = runInstaller({ electronDir: DIR, env: {}, probe: async () => true, onDownloading, spawnProcess: () => child as never }).then((r) => {
      settled = true
      return r
    })
    await vi.advanceTimersByTimeAsync(SHORT_DEADLINE_MS + 1)
    expect(onDownloading).toHaveBeenCalledTimes(1)
    expect(settled).toBe(false)
    child.emit('close', 0, null)
    await expect(result).resolves.toEqual({ ok: true })
  })

  it('reports a failing installer with its output', async () => {
    const child = fakeChild()
    const result = runInstaller({ electronDir: DIR, env: {}, probe: async () => false, spawnProcess: () => child as never })
    child.stderr.emit('data', 'TypeError: fetch failed')
    child.emit('close', 1, null)
    await expect(result).resolves.toEqual({ ok: false, reason: 'the installer exited with 1', output: 'TypeError: fetch failed' })
  })

  it('runs install.js with this Node and no shell', () => {
    const spawnProcess = vi.fn(() => fakeChild())
    void runInstaller({ electronDir: DIR, env: {}, probe: async () => false, spawnProcess: spawnProcess as never })
    expect(spawnProcess).toHaveBeenCalledWith(process.execPath, [join(DIR, 'install.js')], expect.objectContaining({ shell: false }))
  })
})

describe('ensureElectron', () => {
  it('uses a binary that is already there without installing', async () => {
    const { root, electronDir } = project({ downloaded: true })
    const install = vi.fn()
    await expect(ensureElectron({ root, env: {}, install })).resolves.toEqual({ ok: true, binary: join(electronDir, 'dist', 'electron') })
    expect(install).not.toHaveBeenCalled()
  })

  it('installs a missing binary', async () => {
    const { root, electronDir, markDownloaded } = project({ downloaded: false })
    const install = vi.fn(async () => {
      markDownloaded()
      return { ok: true as const }
    })
    await expect(ensureElectron({ root, env: {}, install })).resolves.toEqual({ ok: true, binary: join(electronDir, 'dist', 'electron') })
  })

  it('answers the one-line message when the download fails', async () => {
    const { root } = project({ downloaded: false })
    const install = async () => ({ ok: false as const, reason: 'the installer exited with 1', output: 'fetch failed' })
    const result = await ensureElectron({ root, env: {}, install })
    expect(result).toMatchObject({ ok: false, message: NO_ELECTRON_MESSAGE })
    expect(NO_ELECTRON_MESSAGE).not.toContain('\n')
    expect(NO_ELECTRON_MESSAGE).toContain('browser')
  })

  it('answers as a failed download, without trying one, under KIOSK_SIM_NO_ELECTRON', async () => {
    const { root } = project({ downloaded: true })
    const install = vi.fn()
    await expect(ensureElectron({ root, env: { KIOSK_SIM_NO_ELECTRON: '1' }, install })).resolves.toMatchObject({ ok: false, message: NO_ELECTRON_MESSAGE })
    expect(install).not.toHaveBeenCalled()
  })

  it('says to run npm install when the electron package is absent', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-start-'))
    writeFileSync(join(root, 'package.json'), '{"name":"p"}')
    const result = await ensureElectron({ root: join(root), env: {}, install: vi.fn() })
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('npm install') })
  })
})
