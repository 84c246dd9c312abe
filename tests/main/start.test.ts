/**
 * `npm start` where Electron cannot be had: the real scripts/start.mjs as a child process, the
 * browser version on a free port, checked over HTTP and stopped with a signal.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NO_ELECTRON_MESSAGE, electronBinary, findElectronDir } from '../../scripts/electron-check.mjs'
import { rendererIsCurrent } from '../../scripts/web-fallback.mjs'

const ROOT = resolve(import.meta.dirname, '../..')
const START = join(ROOT, 'scripts', 'start.mjs')
const TIMEOUT_MS = 120_000
const KIOSK_LINE = /^Kiosk:\s+(http\S+)$/m
const TECHNICIAN_LINE = /^Technician[^\n]*?(http\S+)$/m

interface Started {
  child: ChildProcess
  output(): string
  /** The first group `pattern` captures (or all it matches) once the output holds it. */
  waitFor(pattern: RegExp): Promise<string>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running = new Set<Started>()

afterEach(async () => {
  // SIGTERM, not SIGKILL: start.mjs passes it on, so no web host is left behind.
  for (const started of running) {
    started.child.kill('SIGTERM')
    await started.exit
  }
  running.clear()
})

/** The environment of a machine with no Electron settings, no desktop session and `bin` as its only PATH. */
function environment(bin: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const key of Object.keys(env)) {
    if (/^(ELECTRON_|KIOSK_SIM_|KIOSK_ELECTRON_|npm_config_electron|npm_package_config_electron)|^(DISPLAY|WAYLAND_DISPLAY|electron_config_cache)$/i.test(key))
      delete env[key]
  }
  return { ...env, PATH: bin, ...extra }
}

/** Runs start.mjs on `node`, or as npm does (`sh -c "node scripts/start.mjs …"`) with `shell`. */
function start(args: string[], env: NodeJS.ProcessEnv, { node = process.execPath, shell = false } = {}): Started {
  const command = [node, START, ...args].map((word) => `'${word}'`).join(' ')
  const child = shell
    ? spawn('/bin/sh', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(node, [START, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const listeners = new Set<() => void>()
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('close', (code, signal) => resolveExit({ code, signal }))
  )
  const started: Started = {
    child,
    output: () => output,
    exit,
    waitFor: (pattern) =>
      new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = pattern.exec(output)
          if (!match) return
          listeners.delete(check)
          resolveMatch(match[1] ?? match[0])
        }
        listeners.add(check)
        check()
        void exit.then(() => {
          check()
          reject(new Error(`start.mjs ended before printing ${pattern}:\n${output}`))
        })
      })
  }
  running.add(started)
  return started
}

async function stop(started: Started, signal: NodeJS.Signals) {
  started.child.kill(signal)
  const result = await started.exit
  running.delete(started)
  return result
}

/** A port nothing listens on: a download from there fails at once. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

/** Resolves once nothing answers at `url` any more. */
async function closed(url: string): Promise<void> {
  for (;;) {
    try {
      await fetch(url)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function expectServes(url: string, text: string) {
  const response = await fetch(url)
  expect(response.status).toBe(200)
  expect(await response.text()).toContain(text)
}

/** A Node older than 22 on this machine's PATH (outside node_modules), if there is one. */
function olderNode(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue
    const version = spawnSync(join(dir, 'node'), ['--version'], { encoding: 'utf8' })
    if (version.status === 0) return Number(/^v(\d+)/.exec(version.stdout)?.[1]) < 22 ? join(dir, 'node') : null
  }
  return null
}

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix))
const electronDownloaded = electronBinary({ electronDir: findElectronDir(ROOT) ?? join(ROOT, 'node_modules', 'electron') }) !== null

beforeAll(() => {
  // As CI does (`electron-vite build` before the tests): start.mjs then skips the build.
  if (rendererIsCurrent(ROOT)) return
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}${build.stderr}`)
}, TIMEOUT_MS)

describe('npm start where Electron cannot be downloaded', () => {
  it.skipIf(electronDownloaded)(
    'says why in one line, serves the kiosk and the technician panel, and stops on SIGTERM',
    async () => {
      const started = start(
        ['--port', '0', '--data', temp('kiosk-start-data-')],
        environment(temp('kiosk-start-bin-'), {
          // Electron's own installer runs and fails: its mirror does not answer and its cache is empty.
          ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
          electron_config_cache: temp('kiosk-start-cache-')
        })
      )
      const kioskUrl = await started.waitFor(KIOSK_LINE)
      const technicianUrl = await started.waitFor(TECHNICIAN_LINE)
      expect(started.output().split('\n')[0]).toBe(NO_ELECTRON_MESSAGE)
      // The build is skipped: out/renderer is newer than its sources.
      expect(started.output()).not.toContain('Building')
      // No desktop session here: it says where to go instead of failing.
      expect(started.output()).toContain('Open the kiosk and the technician panel in a browser')
      await expectServes(kioskUrl, '<title>Kiosk</title>')
      expect(technicianUrl.startsWith(kioskUrl)).toBe(true)
      await expectServes(technicianUrl, '<title>Kiosk technician panel</title>')

      expect(await stop(started, 'SIGTERM')).toEqual({ code: 0, signal: null })
      await expect(fetch(kioskUrl)).rejects.toThrow()
    },
    TIMEOUT_MS
  )

  it.runIf(process.platform === 'linux')(
    'opens the kiosk in the system browser, and carries on when the browser gives up',
    async () => {
      const bin = temp('kiosk-start-bin-')
      const opened = join(bin, 'opened.txt')
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\nexit 3\n`)
      chmodSync(join(bin, 'xdg-open'), 0o755)
      const started = start(
        ['--port', '0', '--data', temp('kiosk-start-data-'), '--skipBuild'],
        environment(bin, { KIOSK_SIM_NO_ELECTRON: '1', DISPLAY: ':0' })
      )
      const kioskUrl = await started.waitFor(KIOSK_LINE)
      await started.waitFor(/Could not open a browser \(.*xdg-open exited with 3\)/)
      expect(readFileSync(opened, 'utf8')).toBe(`${kioskUrl}\n`)
      expect(started.output()).toContain(NO_ELECTRON_MESSAGE)
      await expectServes(kioskUrl, '<title>Kiosk</title>')

      expect(await stop(started, 'SIGINT')).toEqual({ code: 0, signal: null })
    },
    TIMEOUT_MS
  )

  it(
    'ends with the web host’s exit code and message',
    async () => {
      const started = start(['--port', 'nope'], environment(temp('kiosk-start-bin-'), { KIOSK_SIM_NO_ELECTRON: '1' }))
      expect(await started.exit).toEqual({ code: 2, signal: null })
      expect(started.output()).toContain('--port: expected a port number')
    },
    TIMEOUT_MS
  )

  const older = olderNode()
  it.runIf(older)(
    'runs the web host on the project’s Node 22 when npm runs on an older Node',
    async () => {
      const started = start(['--port', '0', '--data', temp('kiosk-start-data-')], environment(temp('kiosk-start-bin-'), { KIOSK_SIM_NO_ELECTRON: '1' }), {
        node: older!
      })
      const kioskUrl = await started.waitFor(KIOSK_LINE)
      await expectServes(kioskUrl, '<title>Kiosk</title>')
      expect(await stop(started, 'SIGTERM')).toEqual({ code: 0, signal: null })
    },
    TIMEOUT_MS
  )

  it.runIf(process.platform !== 'win32')(
    'stops the web host when npm’s shell is ended under it',
    async () => {
      const started = start(['--port', '0', '--data', temp('kiosk-start-data-')], environment(temp('kiosk-start-bin-'), { KIOSK_SIM_NO_ELECTRON: '1' }), {
        shell: true
      })
      const kioskUrl = await started.waitFor(KIOSK_LINE)
      // What `kill <npm>` does: npm passes the SIGTERM to its `sh -c`, which dies without passing it on.
      await stop(started, 'SIGTERM')
      await closed(kioskUrl)
    },
    TIMEOUT_MS
  )
})
