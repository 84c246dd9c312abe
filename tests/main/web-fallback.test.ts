import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { findBrowserOpener, kioskUrlIn, nodeForWebHost, openInBrowser, rendererIsCurrent } from '../../scripts/web-fallback.mjs'

/** A project folder whose files all date from `at` (seconds since the epoch). */
function project(files: string[], at: number) {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-web-'))
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), file.endsWith('.json') ? '{}' : '')
  }
  for (const path of [...files, ...files.map((file) => dirname(file))]) utimesSync(join(root, path), at, at)
  return root
}

const touch = (root: string, path: string, at: number) => utimesSync(join(root, path), at, at)

describe('the Node that runs the web host', () => {
  it('is the project’s own Node, even when npm runs on an older one', () => {
    const root = project(['package.json', 'node_modules/node/package.json', 'node_modules/node/bin/node'], 1000)
    writeFileSync(join(root, 'node_modules/node/package.json'), '{"name":"node","bin":{"node":"bin/node"}}')
    expect(nodeForWebHost({ root, version: '20.20.2', execPath: '/usr/bin/node' })).toBe(join(root, 'node_modules/node/bin/node'))
  })

  it('follows the package’s bin, which names node.exe on Windows', () => {
    const root = project(['package.json', 'node_modules/node/package.json', 'node_modules/node/bin/node.exe'], 1000)
    writeFileSync(join(root, 'node_modules/node/package.json'), '{"name":"node","bin":{"node":"bin/node.exe"}}')
    expect(nodeForWebHost({ root, version: '20.20.2', execPath: '/usr/bin/node' })).toBe(join(root, 'node_modules/node/bin/node.exe'))
  })

  it('is this Node when the project has none and this one is 22 or newer, else none', () => {
    const root = project(['package.json'], 1000)
    expect(nodeForWebHost({ root, version: '22.12.0', execPath: '/opt/node22' })).toBe('/opt/node22')
    expect(nodeForWebHost({ root, version: '20.20.2', execPath: '/usr/bin/node' })).toBeNull()
  })
})

describe('whether the renderer needs building', () => {
  const files = ['out/renderer/index.html', 'src/renderer/main.ts', 'src/core/money.ts', 'src/shared/receipt.ts', 'electron.vite.config.ts']

  it('skips the build when out/renderer is newer than every source', () => {
    const root = project(files, 1000)
    touch(root, 'out/renderer/index.html', 2000)
    expect(rendererIsCurrent(root)).toBe(true)
  })

  it('builds when a source changed after the build, deep in a folder too', () => {
    const root = project([...files, 'src/core/machines/kioskMachine.ts'], 1000)
    touch(root, 'out/renderer/index.html', 2000)
    touch(root, 'src/core/machines/kioskMachine.ts', 3000)
    expect(rendererIsCurrent(root)).toBe(false)
  })

  it('builds when the config or the dependencies changed', () => {
    const root = project([...files, 'package-lock.json'], 1000)
    touch(root, 'out/renderer/index.html', 2000)
    touch(root, 'package-lock.json', 3000)
    expect(rendererIsCurrent(root)).toBe(false)
  })

  it('builds when a source file was removed after the build', () => {
    const root = project([...files, 'src/renderer/old.ts'], 1000)
    touch(root, 'out/renderer/index.html', 2000)
    rmSync(join(root, 'src/renderer/old.ts'))
    expect(rendererIsCurrent(root)).toBe(false)
  })

  it('builds when it was never built', () => {
    expect(rendererIsCurrent(project(files.slice(1), 1000))).toBe(false)
  })
})

describe('the system browser', () => {
  const xdgOpen = (name: string) => (name === 'xdg-open' ? '/usr/bin/xdg-open' : null)

  it('is xdg-open in a Linux desktop session, and none without one', () => {
    expect(findBrowserOpener({ platform: 'linux', env: { DISPLAY: ':0' }, find: xdgOpen })).toEqual({ command: '/usr/bin/xdg-open', args: [] })
    expect(findBrowserOpener({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, find: xdgOpen })).toEqual({ command: '/usr/bin/xdg-open', args: [] })
    // Over SSH or in CI xdg-open would start a text browser in the terminal the kiosk prints to.
    expect(findBrowserOpener({ platform: 'linux', env: {}, find: xdgOpen })).toBeNull()
    expect(findBrowserOpener({ platform: 'linux', env: { DISPLAY: ':0' }, find: () => null })).toBeNull()
  })

  it('is open on macOS and the URL handler on Windows', () => {
    expect(findBrowserOpener({ platform: 'darwin', env: {} })).toEqual({ command: 'open', args: [] })
    expect(findBrowserOpener({ platform: 'win32', env: {} })).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler'] })
  })

  it('is started on the URL without a shell and left running', () => {
    const child = Object.assign(new EventEmitter(), { unref: vi.fn() })
    const spawnProcess = vi.fn(() => child)
    openInBrowser({ command: 'rundll32', args: ['url.dll,FileProtocolHandler'] }, 'http://127.0.0.1:8080/', {
      onFailed: vi.fn(),
      spawnProcess: spawnProcess as never
    })
    expect(spawnProcess).toHaveBeenCalledWith(
      'rundll32',
      ['url.dll,FileProtocolHandler', 'http://127.0.0.1:8080/'],
      expect.objectContaining({ shell: false, detached: true, stdio: 'ignore' })
    )
    expect(child.unref).toHaveBeenCalled()
  })

  it('reports an opener that cannot start or gives up, and never throws', () => {
    const onFailed = vi.fn()
    const child = Object.assign(new EventEmitter(), { unref: () => {} })
    openInBrowser({ command: 'xdg-open', args: [] }, 'http://x/', { onFailed, spawnProcess: (() => child) as never })
    child.emit('exit', 0, null)
    expect(onFailed).not.toHaveBeenCalled()
    child.emit('exit', 3, null)
    expect(onFailed).toHaveBeenLastCalledWith('xdg-open exited with 3')
    child.emit('error', new Error('spawn xdg-open ENOENT'))
    expect(onFailed).toHaveBeenLastCalledWith('spawn xdg-open ENOENT')
    const throwing = () => {
      throw new Error('EAGAIN')
    }
    expect(() => openInBrowser({ command: 'open', args: [] }, 'http://x/', { onFailed, spawnProcess: throwing as never })).not.toThrow()
    expect(onFailed).toHaveBeenLastCalledWith('EAGAIN')
  })
})

describe('the kiosk’s address', () => {
  it('is read from the line the web host prints, and only that one', () => {
    expect(kioskUrlIn('Kiosk:            http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/')
    expect(kioskUrlIn('Kiosk: http://[::1]:9000/')).toBe('http://[::1]:9000/')
    expect(kioskUrlIn('Technician panel: http://127.0.0.1:8080/technician')).toBeNull()
    expect(kioskUrlIn('Kiosk: not yet')).toBeNull()
  })
})
