/**
 * Is Electron's binary here, and if not, can its own installer fetch it in reasonable time?
 * Electron 45 downloads its binary on first use, which fails without internet access; `npm start`
 * asks here first so it can say so in one line instead of a stack trace, and run the browser version.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Why `npm start` runs the browser version, in one line each. */
export const NO_ELECTRON_MESSAGE = 'Electron could not be downloaded (no internet access?), so the kiosk runs in your browser instead.'
export const ELECTRON_MISSING_MESSAGE =
  'The electron package is not installed (run "npm install" for the Electron kiosk), so the kiosk runs in your browser instead.'

/** How long the installer may take when the download server did not answer / answered. */
export const SHORT_DEADLINE_MS = 30_000
export const LONG_DEADLINE_MS = 15 * 60_000
const PROBE_TIMEOUT_MS = 8_000
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'

/** The `node_modules/electron` folder, or null when the package is not installed. */
export function findElectronDir(fromDir) {
  try {
    return dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'))
  } catch {
    return null
  }
}

/**
 * The executable `electron-vite preview` will start, or null when it is not there yet.
 * Mirrors electron-vite: ELECTRON_EXEC_PATH wins, else `dist/` + the name in `path.txt`.
 */
export function electronBinary({ electronDir, env = process.env, exists = existsSync, readText = (p) => readFileSync(p, 'utf8') }) {
  if (env.ELECTRON_EXEC_PATH) return exists(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null
  let relative
  try {
    relative = readText(join(electronDir, 'path.txt')).trim()
  } catch {
    return null
  }
  if (!relative) return null
  const binary = join(electronDir, 'dist', relative)
  return exists(binary) ? binary : null
}

/** The download server @electron/get will use (same variables it reads). */
export function mirrorUrl(env = process.env) {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.npm_package_config_electron_mirror || env.ELECTRON_MIRROR || DEFAULT_MIRROR
}

/** Whether downloads may go through a proxy a plain probe would not use. */
export function usesProxy(env = process.env) {
  return Boolean(env.ELECTRON_GET_USE_PROXY || env.GLOBAL_AGENT_HTTPS_PROXY || env.GLOBAL_AGENT_HTTP_PROXY)
}

/**
 * How long to let the installer run: long once the server has answered (a real download takes
 * minutes on a slow line), short while it has not (it may still be unpacking a cached copy).
 * KIOSK_ELECTRON_DOWNLOAD_TIMEOUT (seconds) overrides both.
 */
export function downloadDeadlineMs({ serverAnswered, env = process.env }) {
  const override = Number(env.KIOSK_ELECTRON_DOWNLOAD_TIMEOUT)
  if (Number.isFinite(override) && override > 0) return override * 1000
  return serverAnswered || usesProxy(env) ? LONG_DEADLINE_MS : SHORT_DEADLINE_MS
}

/** Whether the download server answers at all (any HTTP status will do). */
export async function probeServer(url, timeoutMs = PROBE_TIMEOUT_MS) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
    return true
  } catch {
    return false
  }
}

/**
 * Runs Electron's own installer (`install.js`), bounded in time.
 * Resolves `{ ok: true }` when it finished, else `{ ok: false, reason, output }`.
 */
export function runInstaller({ electronDir, env = process.env, probe = probeServer, onDownloading = () => {}, spawnProcess = spawn, now = Date.now }) {
  return new Promise((resolve) => {
    const started = now()
    let deadline = downloadDeadlineMs({ serverAnswered: false, env })
    let settled = false
    let output = ''
    const child = spawnProcess(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true
    })
    const collect = (chunk) => {
      output = (output + chunk).slice(-8_000)
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    const finish = (result) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    let timer
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(
        () => {
          finish({ ok: false, reason: `the download took longer than ${Math.round(deadline / 1000)} s`, output })
          child.kill()
        },
        Math.max(0, started + deadline - now())
      )
    }
    arm()
    child.on('error', (error) => finish({ ok: false, reason: error.message, output }))
    child.on('close', (code, signal) => finish(code === 0 ? { ok: true } : { ok: false, reason: `the installer exited with ${code ?? signal}`, output }))
    probe(mirrorUrl(env)).then((answered) => {
      if (settled || !answered) return
      deadline = downloadDeadlineMs({ serverAnswered: true, env })
      arm()
      onDownloading()
    })
  })
}

/**
 * Makes sure Electron's binary is present, downloading it if need be.
 * Resolves `{ ok: true, binary }` or `{ ok: false, message, detail }` with the one line to print.
 * KIOSK_SIM_NO_ELECTRON=1 answers as a failed download would, without trying one.
 */
export async function ensureElectron({ root, env = process.env, onDownloading, install = runInstaller }) {
  if (env.KIOSK_SIM_NO_ELECTRON) return { ok: false, message: NO_ELECTRON_MESSAGE, detail: 'KIOSK_SIM_NO_ELECTRON is set: no download was tried' }
  const electronDir = findElectronDir(root)
  if (!electronDir) return { ok: false, message: ELECTRON_MISSING_MESSAGE, detail: '' }
  const present = electronBinary({ electronDir, env })
  if (present) return { ok: true, binary: present }
  if (env.ELECTRON_EXEC_PATH)
    return {
      ok: false,
      message: `ELECTRON_EXEC_PATH points at a missing file (${env.ELECTRON_EXEC_PATH}), so the kiosk runs in your browser instead.`,
      detail: ''
    }
  const installed = await install({ electronDir, env, onDownloading })
  const binary = installed.ok ? electronBinary({ electronDir, env }) : null
  if (binary) return { ok: true, binary }
  return {
    ok: false,
    message: NO_ELECTRON_MESSAGE,
    detail: installed.ok ? 'the installer finished but no binary is there' : `${installed.reason}\n${installed.output ?? ''}`
  }
}
