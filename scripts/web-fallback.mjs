/**
 * The browser version `npm start` falls back to where Electron cannot run: which Node runs the web
 * host, whether the renderer needs building, and how to open the kiosk in the system browser.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants, readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'

/** What the renderer bundle (out/renderer) is built from; a change in any of them means a rebuild. */
export const RENDERER_SOURCES = ['src/renderer', 'src/core', 'src/shared', 'electron.vite.config.ts', 'package-lock.json']
const BUILT_RENDERER = join('out', 'renderer', 'index.html')

/**
 * The project's own Node (the `node` devDependency), else this Node when it is 22 or newer, else
 * null: the web host needs node:sqlite (Node 22), whatever Node runs npm.
 */
export function nodeForWebHost({ root, version = process.versions.node, execPath = process.execPath, exists = isFile }) {
  try {
    const packageJson = createRequire(join(root, 'package.json')).resolve('node/package.json')
    // The package's `bin` names the real executable on every platform (bin/node, or bin/node.exe on Windows).
    const { bin } = JSON.parse(readFileSync(packageJson, 'utf8'))
    const binary = join(dirname(packageJson), typeof bin === 'string' ? bin : bin.node)
    if (exists(binary)) return binary
  } catch {
    // not installed: fall through to this Node
  }
  return Number(version.split('.')[0]) >= 22 ? execPath : null
}

/** The latest modification time under `path` (files and folders: a deleted file changes its folder), or 0 when absent. */
function newestChangeMs(path) {
  let stats
  try {
    stats = statSync(path)
  } catch {
    return 0
  }
  let newest = stats.mtimeMs
  if (stats.isDirectory()) {
    for (const entry of readdirSync(path, { recursive: true })) {
      try {
        newest = Math.max(newest, statSync(join(path, entry)).mtimeMs)
      } catch {
        // removed while we looked
      }
    }
  }
  return newest
}

/** Whether out/renderer was built after the last change to any of its sources (then the build is skipped). */
export function rendererIsCurrent(root) {
  let builtMs
  try {
    builtMs = statSync(join(root, BUILT_RENDERER)).mtimeMs
  } catch {
    return false
  }
  return RENDERER_SOURCES.every((source) => newestChangeMs(join(root, source)) <= builtMs)
}

function isFile(path) {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return isFile(path)
  } catch {
    return false
  }
}

/** The first `name` on PATH that can be run, or null. */
export function findOnPath(name, env = process.env, canRun = isExecutable) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && canRun(join(dir, name))) return join(dir, name)
  }
  return null
}

/**
 * The command that opens an address in the system browser here, or null when there is none (the
 * commands Go's pkg/browser uses). On Linux only in a desktop session: without one, xdg-open would
 * start a text browser in this very terminal.
 */
export function findBrowserOpener({ platform = process.platform, env = process.env, find = findOnPath } = {}) {
  if (platform === 'darwin') return { command: 'open', args: [] }
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler'] }
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null
  const xdgOpen = find('xdg-open', env)
  return xdgOpen ? { command: xdgOpen, args: [] } : null
}

/**
 * Opens `url` with `opener` and leaves the browser running after we exit. Calls `onFailed(reason)`
 * if the opener cannot start or gives up; never throws.
 */
export function openInBrowser(opener, url, { onFailed, spawnProcess = spawn }) {
  let child
  try {
    child = spawnProcess(opener.command, [...opener.args, url], { stdio: 'ignore', detached: true, shell: false, windowsHide: true })
  } catch (error) {
    onFailed(error.message)
    return
  }
  child.on('error', (error) => onFailed(error.message))
  child.on('exit', (code, signal) => {
    if (code !== 0) onFailed(`${opener.command} exited with ${code ?? signal}`)
  })
  child.unref()
}

/** The kiosk's address from a line the web host prints (`Kiosk:   http://…/`), or null. */
export function kioskUrlIn(line) {
  const match = /^Kiosk:\s+(https?:\/\/\S+)/.exec(line)
  return match ? match[1] : null
}
